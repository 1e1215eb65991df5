#!/usr/bin/env bash
# Scale benchmark of the readiness backend: see bench/README.md.
#   bash bench/run.sh                          N = 100, 1,000, 5,000 on 3 real kube-apiservers
#   bash bench/run.sh --sizes 100 --keep       options are passed to bench/run.ts
#   READINESS_BENCH_POSTGRES=postgresql://... bash bench/run.sh   store results in PostgreSQL
#   READINESS_BENCH_NODE_OPTIONS=--cpu-prof bash bench/run.sh       CPU profile of the backend process
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/toolchain.sh"
cd "$ROOT"
# The server process runs the built packages, as production does (bench/lib/buildServer.mjs).
node bench/lib/buildServer.mjs
# READINESS_BENCH_NODE_OPTIONS apply to the backend's own process (bench/server.ts), not this one.
exec node --max-old-space-size=4096 \
  --require @backstage/cli/config/nodeTransform.cjs bench/run.ts "$@"
