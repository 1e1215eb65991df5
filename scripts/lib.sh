#!/usr/bin/env bash
# Shared helpers for scripts/start.sh and scripts/test.sh. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=toolchain.sh
source "$ROOT/scripts/toolchain.sh"

# Installs dependencies when package.json files or yarn.lock changed since the last install.
ensure_deps() {
  local stamp="$ROOT/node_modules/.readiness-install-stamp" sum
  sum="$(cd "$ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha1sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return; fi
  info "installing dependencies (yarn install; about 3 minutes the first time)"
  if ! (cd "$ROOT" && yarn install --immutable >"$ROOT/.tools/yarn-install.log" 2>&1); then
    tail -n 30 "$ROOT/.tools/yarn-install.log" >&2
    if grep -qiE 'ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|self.signed|certificate' "$ROOT/.tools/yarn-install.log"; then
      die "yarn install could not reach the npm registry (see above). Check the network and NODE_EXTRA_CA_CERTS, then run the command again."
    fi
    die "yarn install failed (full log: .tools/yarn-install.log)."
  fi
  echo "$sum" >"$stamp"
}

# Fails with a clear message when a TCP port on loopback is already taken.
require_free_port() {
  local port="$1" what="$2"
  if node -e "const s=require('net').createServer();s.once('error',()=>process.exit(1));s.listen($port,'127.0.0.1',()=>s.close(()=>process.exit(0)))"; then return; fi
  die "port $port ($what) is already in use. Stop the process using it (e.g. \`ss -ltnp 'sport = :$port'\`) and try again."
}

# Prints a free loopback TCP port.
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Waits until an HTTP URL answers (any status below 500), or fails after $2 seconds.
wait_http() {
  local url="$1" timeout="${2:-120}" start=$SECONDS
  until node -e "fetch('$url').then(r=>process.exit(r.status<500?0:1),()=>process.exit(1))" 2>/dev/null; do
    if [ $((SECONDS - start)) -ge "$timeout" ]; then return 1; fi
    sleep 1
  done
}
