#!/usr/bin/env bash
# The client test: installs the suite into a brand-new Backstage app exactly as the README's
# install section tells a user to, then checks it in Chromium. Steps:
#   1. a fresh app from the pinned current @backstage/create-app (new frontend system,
#      `app.packages: all`, no hand-written UI wiring);
#   2. scripts/pack-packages.sh --into the app (tsc, build, yarn pack; tarballs + resolutions);
#   3. the README's `yarn --cwd packages/... add` lines, a type check of what a user imports from
#      the tarballs, the backend lines and the config section;
#   4. `yarn start` on ports 3400/7407 (3000/7007 belong to the e2e app), then test/client/browser.mjs.
# Only the npm registry is used. Every phase's time is printed and written to
# test-results/client/timings.json; screenshots and logs go to test-results/client/.
#
#   test/client/run.sh          (scripts/test.sh client calls this)
#   KEEP_CLIENT_APP=1 test/client/run.sh   keeps the app directory for a look afterwards
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$ROOT"

# The create-app release this suite is proven against (Backstage 1.55). Bump it deliberately.
CREATE_APP_VERSION="${CLIENT_CREATE_APP_VERSION:-0.9.2}"
FRONTEND_PORT="${CLIENT_FRONTEND_PORT:-3400}"
BACKEND_PORT="${CLIENT_BACKEND_PORT:-7407}"
ARTIFACTS="${READINESS_TEST_ARTIFACTS:-$ROOT/test-results}"
OUT="$ARTIFACTS/client"
WORK="$(mktemp -d /tmp/readiness-client.XXXXXX)"
APP="$WORK/app"
rm -rf "$OUT" "$ARTIFACTS/client.json"
mkdir -p "$OUT"

# Yarn's TypeScript plugin asks Algolia for @types packages on every `yarn add`; with only the
# npm registry reachable that request crashes yarn 4.13 ("onCancel handler was attached after the
# promise settled"). The suite ships its own types, so nothing is lost by turning it off.
export YARN_TS_ENABLE_AUTO_TYPES=false
export YARN_ENABLE_TELEMETRY=0

cleanup() {
  set +e
  if [ -f "$WORK/app.pgid" ]; then
    kill -- -"$(cat "$WORK/app.pgid")" 2>/dev/null
    sleep 1
  fi
  if [ -n "${KEEP_CLIENT_APP:-}" ]; then info "client app kept in $APP"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

STARTED=$SECONDS
PHASE_START=$SECONDS
TIMINGS=()
phase_done() { # phase_done <name>
  local secs=$((SECONDS - PHASE_START))
  TIMINGS+=("\"$1\": $secs")
  info "client: $1 took ${secs}s"
  PHASE_START=$SECONDS
}
write_timings() {
  local IFS=,
  printf '{%s, "total": %s}\n' "${TIMINGS[*]}" "$((SECONDS - STARTED))" >"$OUT/timings.json"
}

require_free_port "$FRONTEND_PORT" "client app frontend"
require_free_port "$BACKEND_PORT" "client app backend"
bash "$ROOT/scripts/test-env/ensure-packages.sh"

info "client: a fresh app from @backstage/create-app@$CREATE_APP_VERSION"
# BACKSTAGE_APP_NAME answers the only prompt. create-app fetches a yarn.lock seed from GitHub
# (3 s timeout); unreachable here, it warns and carries on, which is what must keep working.
BACKSTAGE_APP_NAME=readiness-client npx --yes "@backstage/create-app@$CREATE_APP_VERSION" \
  --path "$APP" --skip-install >"$OUT/create-app.log" 2>&1 ||
  { tail -n 30 "$OUT/create-app.log" >&2; die "create-app failed (log: test-results/client/create-app.log)"; }
if [ "$(wc -l <"$APP/yarn.lock")" -lt 100 ]; then
  # Without the seed every range resolves to the newest release in the registry, and the newest
  # plugin-signals-backend needs the backend-defaults line after the template's
  # (`httpRouter.addWebSocketHandler is not a function`). Keep backend-defaults on this
  # repository's release line, which is what the seed would have done.
  SEEDLESS_DEFAULTS="$(node -p "require('$ROOT/packages/backend/package.json').dependencies['@backstage/backend-defaults']")"
  info "client: no yarn.lock seed (offline); @backstage/backend-defaults@$SEEDLESS_DEFAULTS as this repository uses"
fi
phase_done create-app

info "client: pack the seven packages into the app (README: scripts/pack-packages.sh --into)"
bash "$ROOT/scripts/pack-packages.sh" --into "$APP" >"$OUT/pack.log" 2>&1 ||
  { tail -n 30 "$OUT/pack.log" >&2; die "packing failed (log: test-results/client/pack.log)"; }
node "$ROOT/test/client/check-tarballs.mjs" "$APP/readiness-packages"
phase_done pack

info "client: install as the README says (yarn --cwd packages/... add)"
(
  cd "$APP"
  yarn --cwd packages/app add '@254carbon/plugin-readiness@^0.1.0'
  yarn --cwd packages/backend add '@254carbon/plugin-readiness-backend@^0.1.0' \
    '@254carbon/plugin-scaffolder-backend-module-readiness@^0.1.0' 'better-sqlite3@^13.2.0' \
    '@254carbon/plugin-readiness-backend-module-tech-insights@^0.1.0' \
    ${SEEDLESS_DEFAULTS:+"@backstage/backend-defaults@$SEEDLESS_DEFAULTS"}
  yarn add --dev '@254carbon/readiness-audit@^0.1.0'
) >"$OUT/install.log" 2>&1 ||
  { grep -a 'YN0\(001\|009\|035\|018\)\|Error' "$OUT/install.log" | tail -n 30 >&2; die "installing into the client app failed (log: test-results/client/install.log)"; }
phase_done install

# The packed type declarations: what a user's code imports (README: the `./alpha` plugin by hand,
# the legacy exports, the backend features, a permission for a policy) must type-check in the
# app, through the tarballs' typesVersions/exports, with the app's own TypeScript settings.
mkdir -p "$APP/readiness-types"
cat >"$APP/readiness-types/tsconfig.json" <<'JSON'
{
  "extends": "../tsconfig.json",
  "include": ["check.tsx"],
  "compilerOptions": { "noEmit": true, "declaration": false, "emitDeclarationOnly": false, "rootDir": ".." }
}
JSON
cat >"$APP/readiness-types/check.tsx" <<'TSX'
import readinessPlugin from '@254carbon/plugin-readiness/alpha';
import { EntityReadinessCard, EntityReadinessContent, isReadinessAvailable, ReadinessPage } from '@254carbon/plugin-readiness';
import readinessBackend from '@254carbon/plugin-readiness-backend';
import scaffolderModule from '@254carbon/plugin-scaffolder-backend-module-readiness';
import techInsightsReadiness, { readinessFactNames } from '@254carbon/plugin-readiness-backend-module-tech-insights';
import { readinessReadPermission } from '@254carbon/plugin-readiness-common';
import { createApp } from '@backstage/frontend-defaults';
import { createBackend } from '@backstage/backend-defaults';

createApp({ features: [readinessPlugin] });
const backend = createBackend();
backend.add(readinessBackend);
backend.add(scaffolderModule);
// Type-checked only: the module needs @backstage-community/plugin-tech-insights-backend, which
// has no release on this Backstage line (see the module's README).
export const techInsightsFeature: Parameters<typeof backend.add>[0] = techInsightsReadiness;
export const securityFact: string = readinessFactNames.layerScore('security');
export const legacy = [<ReadinessPage />, <EntityReadinessCard />, <EntityReadinessContent />];
export const predicate: (e: { apiVersion: string; kind: string; metadata: { name: string } }) => boolean = isReadinessAvailable;
export const permission: string = readinessReadPermission.name;
TSX
(cd "$APP/readiness-types" && ../node_modules/.bin/tsc -p tsconfig.json) >"$OUT/types.log" 2>&1 ||
  { cat "$OUT/types.log" >&2; die "the packed type declarations do not type-check in the client app (log: test-results/client/types.log)"; }
info "client: the packed type declarations type-check in the app"
phase_done types

# The CI audit command and the Tech Insights module, as installed from their tarballs.
node "$ROOT/test/client/check-audit.mjs" "$APP" ||
  die "the installed readiness-audit bin does not audit the demo as expected (above)"
node "$ROOT/test/client/check-tech-insights-module.mjs" "$APP" ||
  die "the installed Tech Insights module does not load in the app's backend (above)"
phase_done installed-cli-and-module

node "$ROOT/test/client/configure-app.mjs" "$APP" "$FRONTEND_PORT" "$BACKEND_PORT"
cp "$APP/app-config.yaml" "$APP/packages/backend/src/index.ts" "$OUT/"

info "client: yarn start (frontend :$FRONTEND_PORT, backend :$BACKEND_PORT)"
setsid bash -c "echo \$\$ >'$WORK/app.pgid'; cd '$APP' && exec yarn start" >"$OUT/app.log" 2>&1 &
wait_http "http://127.0.0.1:$BACKEND_PORT/api/readiness/health" 300 ||
  { tail -n 40 "$OUT/app.log" >&2; die "the client app's backend did not start (log: test-results/client/app.log)"; }
wait_http "http://localhost:$FRONTEND_PORT" 300 ||
  { tail -n 40 "$OUT/app.log" >&2; die "the client app's frontend did not start (log: test-results/client/app.log)"; }
if grep -aq 'Backend startup failed' "$OUT/app.log"; then
  grep -a -A2 'Backend startup failed' "$OUT/app.log" >&2
  die "the client app's backend reported a failed startup (log: test-results/client/app.log)"
fi
phase_done start

info "client: browser checks in Chromium"
status=0
CLIENT_APP_URL="http://localhost:$FRONTEND_PORT" CLIENT_BACKEND_URL="http://127.0.0.1:$BACKEND_PORT" \
  READINESS_TEST_ARTIFACTS="$ARTIFACTS" node "$ROOT/test/client/browser.mjs" || status=$?
phase_done browser
write_timings
info "client stage: $((SECONDS - STARTED))s in all ($(cat "$OUT/timings.json"))"
exit "$status"
