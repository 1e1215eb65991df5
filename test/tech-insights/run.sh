#!/usr/bin/env bash
# The readiness Tech Insights module in the REAL @backstage-community/plugin-tech-insights-backend.
# That backend has no release on this repository's Backstage line (3.1.0 needs
# @backstage/backend-defaults ^0.17.7; 1.55 ships 0.19.0, see the module's README), so it is not
# installed in the repository: this test builds a separate backend on the plugin's own line in a
# temp dir, from the npm registry and the packed tarballs, and checks it through Tech Insights'
# REST API (test/tech-insights/check.mjs). About 2-3 minutes, mostly `npm install`.
#
#   test/tech-insights/run.sh        (scripts/test.sh tech-insights calls this)
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$ROOT"

# The community plugin's latest releases and the backend-defaults line they declare.
TECH_INSIGHTS_BACKEND_VERSION=3.1.0
TECH_INSIGHTS_JSONFC_VERSION=0.10.0
BACKEND_DEFAULTS_VERSION=0.17.8
ARTIFACTS="${READINESS_TEST_ARTIFACTS:-$ROOT/test-results}"
OUT="$ARTIFACTS/tech-insights"
WORK="$(mktemp -d /tmp/readiness-tech-insights.XXXXXX)"
rm -rf "$OUT"
mkdir -p "$OUT"

cleanup() {
  set +e
  if [ -f "$WORK/host.pgid" ]; then kill -- -"$(cat "$WORK/host.pgid")" 2>/dev/null; sleep 1; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

info "tech-insights: pack the packages (scripts/pack-packages.sh)"
bash "$ROOT/scripts/pack-packages.sh" --out "$WORK/pkgs" >"$OUT/pack.log" 2>&1 ||
  { tail -n 30 "$OUT/pack.log" >&2; die "packing failed (log: test-results/tech-insights/pack.log)"; }

info "tech-insights: a backend with plugin-tech-insights-backend@$TECH_INSIGHTS_BACKEND_VERSION on backend-defaults@$BACKEND_DEFAULTS_VERSION"
node - "$WORK" <<NODE
const { writeFileSync } = require('node:fs');
const tgz = name => 'file:./pkgs/' + name + '-0.1.0.tgz';
const common = tgz('254carbon-plugin-readiness-common');
writeFileSync(process.argv[2] + '/package.json', JSON.stringify({
  name: 'readiness-tech-insights-host',
  private: true,
  dependencies: {
    '@254carbon/plugin-readiness-backend-module-tech-insights': tgz('254carbon-plugin-readiness-backend-module-tech-insights'),
    '@254carbon/plugin-readiness-common': common,
    '@backstage-community/plugin-tech-insights-backend': '$TECH_INSIGHTS_BACKEND_VERSION',
    '@backstage-community/plugin-tech-insights-backend-module-jsonfc': '$TECH_INSIGHTS_JSONFC_VERSION',
    '@backstage/backend-defaults': '$BACKEND_DEFAULTS_VERSION',
    '@backstage/backend-plugin-api': '^1.12.0',
    'better-sqlite3': '^13.2.0',
    express: '^4.22.0',
  },
  overrides: {
    // The module depends on -common@^0.1.0, which is not on npm yet: the tarball answers for it.
    '@254carbon/plugin-readiness-common': common,
    // backend-defaults 0.17 names better-sqlite3 ^12 (an optional peer), which crashes on Node 24
    // shortly after start; 13 is the line this repository's backend runs.
    'better-sqlite3': '^13.2.0',
  },
}, null, 2));
NODE
cp "$ROOT/test/tech-insights/host.cjs" "$ROOT/test/tech-insights/readiness-results.json" \
  "$ROOT/test/tech-insights/app-config.yaml" "$WORK/"
(cd "$WORK" && npm install --no-audit --no-fund --loglevel=error) >"$OUT/install.log" 2>&1 ||
  { tail -n 30 "$OUT/install.log" >&2; die "npm install of the Tech Insights host failed (log: test-results/tech-insights/install.log)"; }
(cd "$WORK" && npm ls --all @backstage/backend-defaults @backstage/backend-plugin-api) >"$OUT/tree.txt" 2>&1 || true

PORT="$(free_port)"
cat >"$WORK/app-config.port.yaml" <<YAML
backend:
  baseUrl: http://127.0.0.1:$PORT
  listen: { port: $PORT, host: 127.0.0.1 }
YAML
info "tech-insights: start it on :$PORT"
setsid bash -c "echo \$\$ >'$WORK/host.pgid'; cd '$WORK' && exec node host.cjs --config app-config.yaml --config app-config.port.yaml" \
  >"$OUT/host.log" 2>&1 &
wait_http "http://127.0.0.1:$PORT/api/readiness/test/results" 120 ||
  { tail -n 40 "$OUT/host.log" >&2; die "the Tech Insights host did not start (log: test-results/tech-insights/host.log)"; }
node "$ROOT/test/tech-insights/check.mjs" "http://127.0.0.1:$PORT" ||
  { grep -a 'readinessFactRetriever\|Readiness facts' "$OUT/host.log" | tail -n 20 >&2; die "Tech Insights did not store the readiness facts as served (above; log: test-results/tech-insights/host.log)"; }
info "tech-insights stage passed"
