#!/usr/bin/env bash
# Browser load time of the readiness view with a large fleet, on the PRODUCTION bundle (the mode
# users run): generates N services over 3 clusters (bench/generate.mjs), starts the production build
# (scripts/start-production.sh) with that catalog and manifests directory, waits until every
# service is measured, then times the readiness view in Chromium (bench/view.mjs). Prints figures.
#   bash bench/view.sh [N=5000] [PORT=7507]
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"
N="${1:-5000}"
PORT="${2:-7507}"
require_free_port "$PORT" "readiness view benchmark backend"
WORK="$(mktemp -d /tmp/readiness-view.XXXXXX)"
cleanup() { [ -f "$WORK/app.pid" ] && kill -- -"$(cat "$WORK/app.pid")" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
ensure_deps
bash scripts/test-env/ensure-packages.sh >/dev/null

node bench/generate.mjs --services "$N" --clusters 3 --out "$WORK/fleet" >&2
cat >"$WORK/app-config.view.yaml" <<YAML
backend:
  listen: '127.0.0.1:$PORT'
catalog:
  locations:
    - type: file
      target: $WORK/fleet/catalog-info.yaml
      rules:
        - allow: [Component]
readiness:
  sources:
    manifests:
      directory: $WORK/fleet/manifests
YAML

info "starting the production build on :$PORT with $N services (log: $WORK/app.log)"
setsid env BACKEND_BASE_URL="http://127.0.0.1:$PORT" BACKEND_SECRET="$(openssl rand -hex 24)" CATALOG_ROOT="$ROOT" \
  READINESS_PRODUCTION_DIR="$WORK/production" POSTGRES_HOST=unused POSTGRES_PORT=5432 POSTGRES_USER=unused \
  POSTGRES_PASSWORD=unused K8S_URL=https://unused.invalid K8S_TOKEN=unused K8S_CA_DATA=unused \
  VAULT_ADDR=http://unused.invalid VAULT_TOKEN=unused \
  bash -c "cd '$ROOT' && exec scripts/start-production.sh --no-install --skip-build --config test/e2e/app-config.e2e-production.yaml --config '$WORK/app-config.view.yaml'" \
  >"$WORK/app.log" 2>&1 &
echo $! >"$WORK/app.pid"
wait_http "http://127.0.0.1:$PORT/api/readiness/health" 900 || { tail -n 40 "$WORK/app.log" >&2; die "the production backend did not start"; }
VIEW_URL="http://127.0.0.1:$PORT" VIEW_SERVICES="$N" node bench/view.mjs
# The production backend process's own peak RSS (the kernel's high-water mark), after it ingested
# the catalog, swept all N services and served the views: the mode users run, no test harness.
for pid in $(pgrep -s "$(cat "$WORK/app.pid")"); do
  grep -q 'packages/backend' "/proc/$pid/cmdline" 2>/dev/null || continue
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = bash ] && continue
  hwm="$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status" 2>/dev/null)"
  [ -n "$hwm" ] && info "production backend process $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-90)): peak RSS ${hwm} MB with $N services"
done
# VIEW_HOLD=1 keeps the app running after the measurement (for profiling against it) until killed.
if [ -n "${VIEW_HOLD:-}" ]; then info "holding the app on :$PORT (kill $$ to stop)"; while sleep 3600; do :; done; fi
