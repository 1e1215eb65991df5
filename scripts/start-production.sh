#!/usr/bin/env bash
# Production mode: builds the backend and the app (`yarn build:backend`, which builds the app the
# backend serves), unpacks the bundle into a deployable tree with production dependencies only
# (what the Backstage Dockerfile does, without Docker), and starts it with NODE_ENV=production,
# app-config.yaml + app-config.production.yaml and any extra --config files given.
#
#   scripts/start-production.sh [--prepare-only] [--skip-build] [--no-install] [--config FILE]...
# (--no-install: the checkout's dependencies are known to be installed, as in the test suite)
#
# The environment app-config.production.yaml reads (see the README's "Production" section):
# BACKEND_BASE_URL, BACKEND_SECRET, POSTGRES_HOST/PORT/USER/PASSWORD, K8S_URL, K8S_TOKEN,
# K8S_CA_DATA, VAULT_ADDR, VAULT_TOKEN, CATALOG_ROOT. READINESS_PRODUCTION_DIR chooses where the
# deployable tree goes (default .production/ in the checkout).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

prepare_only=false
build=true
install=true
configs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --prepare-only) prepare_only=true; shift ;;
    --skip-build) build=false; shift ;;
    --no-install) install=false; shift ;;
    --config) [ $# -ge 2 ] || die "--config needs a file"; configs+=(--config "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
    *) die "unknown argument '$1' (expected --prepare-only, --skip-build, --no-install or --config FILE)" ;;
  esac
done

DIR="${READINESS_PRODUCTION_DIR:-$ROOT/.production}"
$install && ensure_deps
if $build || [ ! -f packages/backend/dist/bundle.tar.gz ]; then
  info "building the backend and the app (yarn build:backend)"
  yarn build:backend >"$ROOT/.tools/build-backend.log" 2>&1 || {
    tail -n 40 "$ROOT/.tools/build-backend.log" >&2
    die "yarn build:backend failed (full log: .tools/build-backend.log)"
  }
fi

info "unpacking the bundle into $DIR with production dependencies only"
rm -rf "$DIR"
mkdir -p "$DIR"
tar xzf packages/backend/dist/skeleton.tar.gz -C "$DIR"
tar xzf packages/backend/dist/bundle.tar.gz -C "$DIR"
cp .yarnrc.yml "$DIR/"
(cd "$DIR" && yarn workspaces focus --all --production >"$DIR/install.log" 2>&1) || {
  tail -n 30 "$DIR/install.log" >&2
  die "installing production dependencies failed (full log: $DIR/install.log)"
}
$prepare_only && { info "prepared $DIR"; exit 0; }

export NODE_ENV=production
info "starting the production backend (NODE_ENV=production), serving the app at ${BACKEND_BASE_URL:-<BACKEND_BASE_URL unset>}"
cd "$DIR"
# The OpenTelemetry instrumentation goes first: it registers the meter provider and the
# Prometheus endpoint (OTEL_EXPORTER_PROMETHEUS_PORT, default 9464) before any plugin starts.
exec node --require ./packages/backend/src/instrumentation.js packages/backend \
  --config "$ROOT/app-config.yaml" \
  --config "$ROOT/app-config.production.yaml" \
  "${configs[@]}"
