#!/usr/bin/env bash
# Runs every test: type check, lint, unit and component tests, integration tests against a REAL
# kube-apiserver and a REAL PostgreSQL, the end-to-end browser test against the app started as the
# README starts it, and the client test (the packed packages installed into a fresh create-app app
# as the README's install section says). Installs what is missing first (toolchain, dependencies,
# Debian packages, the kube-apiserver build cached under ~/.cache). `.ci/run` calls exactly this.
#
#   scripts/test.sh            everything
#   scripts/test.sh static     type check + lint
#   scripts/test.sh unit       jest suites (real PostgreSQL + kube-apiserver started for them)
#   scripts/test.sh e2e        browser test only
#   scripts/test.sh client     pack, install into a fresh create-app app, check it in Chromium
#   scripts/test.sh tech-insights  the Tech Insights module in the real community Tech Insights
#                              backend, on that plugin's own release line (test/tech-insights/)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
STAGES="${*:-static unit e2e client tech-insights}"
RUN_DIR="$(mktemp -d /tmp/readiness-test.XXXXXX)"
ARTIFACTS="$ROOT/test-results"
mkdir -p "$ARTIFACTS"
# Results of an earlier run must not count towards this one's summary.
rm -f "$ARTIFACTS/jest.json" "$ARTIFACTS/e2e.json" "$ARTIFACTS/a11y/a11y.json" "$ARTIFACTS/report.json" "$ARTIFACTS/client.json"
export READINESS_TEST_ARTIFACTS="$ARTIFACTS"

cleanup() {
  set +e
  [ -f "$RUN_DIR/app.pid" ] && kill -- -"$(cat "$RUN_DIR/app.pid")" 2>/dev/null
  [ -d "$RUN_DIR/kube" ] && bash "$ROOT/scripts/test-env/kube-down.sh" "$RUN_DIR/kube" >/dev/null 2>&1
  [ -d "$RUN_DIR/kube2" ] && bash "$ROOT/scripts/test-env/kube-down.sh" "$RUN_DIR/kube2" >/dev/null 2>&1
  [ -d "$RUN_DIR/pg" ] && su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $RUN_DIR/pg/data -m immediate stop" >/dev/null 2>&1
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

start_postgres() {
  local bin=/usr/lib/postgresql/15/bin port
  [ -x "$bin/initdb" ] || die "PostgreSQL 15 is not installed (expected $bin); run scripts/test-env/ensure-packages.sh."
  port="$(free_port)"
  mkdir -p "$RUN_DIR/pg" && chown postgres "$RUN_DIR" "$RUN_DIR/pg" && chmod 755 "$RUN_DIR"
  su postgres -c "$bin/initdb -D $RUN_DIR/pg/data -A trust -U postgres" >"$RUN_DIR/pg-init.log" 2>&1 ||
    { cat "$RUN_DIR/pg-init.log" >&2; die "initdb failed"; }
  su postgres -c "$bin/pg_ctl -D $RUN_DIR/pg/data -l $RUN_DIR/pg/log -w -o '-c listen_addresses=127.0.0.1 -p $port -k $RUN_DIR/pg' start" >/dev/null ||
    { cat "$RUN_DIR/pg/log" >&2; die "PostgreSQL did not start"; }
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$port"
  export READINESS_TEST_POSTGRES_URL="$BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
  info "PostgreSQL 15 on 127.0.0.1:$port"
}

start_kube() {
  local port
  port="$(free_port)"
  bash "$ROOT/scripts/test-env/kube-up.sh" "$RUN_DIR/kube" "$port"
  bash "$ROOT/scripts/test-env/apply-crds.sh" "$RUN_DIR/kube"
  # shellcheck disable=SC1091
  set -a && source "$RUN_DIR/kube/env" && set +a
  info "kube-apiserver on $KUBE_URL"
  # A second, independent cluster for the multi-cluster suites (same-named namespaces in both).
  port="$(free_port)"
  bash "$ROOT/scripts/test-env/kube-up.sh" "$RUN_DIR/kube2" "$port"
  bash "$ROOT/scripts/test-env/apply-crds.sh" "$RUN_DIR/kube2"
  # shellcheck disable=SC1091
  eval "$(. "$RUN_DIR/kube2/env" && printf 'export KUBE2_URL=%q KUBE2_ADMIN_TOKEN=%q KUBE2_CA_FILE=%q\n' "$KUBE_URL" "$KUBE_ADMIN_TOKEN" "$KUBE_CA_FILE")"
  info "second kube-apiserver on $KUBE2_URL"
}

stage_static() {
  info "type check (tsc)"
  yarn tsc
  info "lint"
  yarn backstage-cli repo lint
  info "packaging: package.json fields as \`backstage-cli repo fix --publish\` wants them"
  yarn backstage-cli repo fix --publish --check
  info "API reports match the code (regenerate with: yarn build:api-reports)"
  yarn check:api-reports
}

stage_unit() {
  bash "$ROOT/scripts/test-env/ensure-packages.sh"
  bash "$ROOT/scripts/test-env/ensure-kube-apiserver.sh"
  start_postgres
  start_kube
  info "unit, component and integration tests (jest)"
  CI=true yarn backstage-cli repo test --watchAll=false --json --outputFile="$ARTIFACTS/jest.json"
}

stage_e2e() {
  bash "$ROOT/scripts/test-env/ensure-packages.sh"
  # The production build as the README's Production section runs it (NODE_ENV=production, the
  # built app served by the backend), with the demo's sources and a test-only guest sign-in
  # (test/e2e/app-config.e2e-production.yaml); the unused production endpoints get placeholders.
  info "starting the production build (scripts/start-production.sh) for the browser test"
  # Its Prometheus endpoint on a free port: a dev backend elsewhere may hold the default 9464.
  local metrics_port
  metrics_port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  setsid env BACKEND_BASE_URL=http://localhost:7007 BACKEND_SECRET="$(openssl rand -hex 24)" CATALOG_ROOT="$ROOT" \
    READINESS_PRODUCTION_DIR="$RUN_DIR/production" POSTGRES_HOST=unused POSTGRES_PORT=5432 POSTGRES_USER=unused \
    POSTGRES_PASSWORD=unused K8S_URL=https://unused.invalid K8S_TOKEN=unused K8S_CA_DATA=unused \
    VAULT_ADDR=http://unused.invalid VAULT_TOKEN=unused \
    OTEL_EXPORTER_PROMETHEUS_HOST=127.0.0.1 OTEL_EXPORTER_PROMETHEUS_PORT="$metrics_port" \
    bash -c "cd '$ROOT' && exec scripts/start-production.sh --no-install --config test/e2e/app-config.e2e-production.yaml" \
    >"$ARTIFACTS/app.log" 2>&1 &
  echo $! >"$RUN_DIR/app.pid"
  wait_http http://127.0.0.1:7007/api/readiness/health 600 || { tail -n 50 "$ARTIFACTS/app.log" >&2; die "the production backend did not start (log: test-results/app.log)"; }
  export E2E_APP_URL=http://localhost:7007 E2E_BACKEND_URL=http://localhost:7007
  info "end-to-end test in Chromium"
  node "$ROOT/test/e2e/run.mjs"
  info "accessibility in Chromium: axe-core, keyboard flows, 1440/390 px screenshots (test/e2e/a11y.mjs)"
  node "$ROOT/test/e2e/a11y.mjs"
  info "status report's printable page in Chromium: figures vs /summary, screenshots, PDF (test/e2e/report.mjs)"
  node "$ROOT/test/e2e/report.mjs"
  info "metrics: a real Prometheus scrapes the backend; PromQL vs /summary, promtool on the rules, dashboard queries (test/e2e/metrics.mjs)"
  E2E_METRICS_URL="http://127.0.0.1:$metrics_port/metrics" node "$ROOT/test/e2e/metrics.mjs"
}

# Ports 3400/7407, so it never meets the e2e app on 3000/7007. Prints and records its timings.
stage_client() {
  info "client test: the packed packages in a fresh create-app app (test/client/run.sh)"
  bash "$ROOT/test/client/run.sh"
}

# The community Tech Insights backend cannot be installed on this repository's Backstage line, so
# it runs in a separate backend on its own line (free port), fed by the packed module.
stage_tech_insights() {
  info "tech-insights: the readiness module in the real Tech Insights backend (test/tech-insights/run.sh)"
  bash "$ROOT/test/tech-insights/run.sh"
}

ensure_deps
for stage in $STAGES; do
  case "$stage" in
    static | unit | e2e | client) "stage_$stage" ;;
    tech-insights) stage_tech_insights ;;
    *) die "unknown stage '$stage' (use: static, unit, e2e, client, tech-insights)" ;;
  esac
done
node "$ROOT/scripts/test-summary.mjs" "$ARTIFACTS" || true
info "all test stages passed: $STAGES"
