#!/usr/bin/env bash
# Builds a real kube-apiserver (Kubernetes 1.20, from Debian's `kubernetes` source package) and
# caches it outside the checkout, so tests run against the real API server without network to
# upstream. Cold build: ~6-7 min on 2 cores. Warm: a no-op when the cached binary runs.
# Prints the binary's path as the last line of stdout.
# Env: READINESS_CACHE (default ~/.cache/254carbon-readiness), READINESS_KEEP_BUILD=1 keeps the tree.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${READINESS_CACHE:-${HOME:-/root}/.cache/254carbon-readiness}"
BIN="$CACHE/bin/kube-apiserver"

die() { printf '\n\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }
info() { printf '\033[36m==>\033[0m %s\n' "$*" >&2; }   # progress on stderr; stdout = the path

works() { [ -x "$BIN" ] && VERSION="$("$BIN" --version 2>/dev/null)"; }

if works; then
  info "kube-apiserver cached: $VERSION ($BIN)"
  echo "$BIN"; exit 0
fi

mkdir -p "$CACHE/bin"
# Serialise concurrent callers (parallel CI jobs on one machine): the second waits, then reuses.
exec 9>"$CACHE/kube-apiserver.lock"
if ! flock -n 9; then
  info "another build of kube-apiserver is running; waiting for it"
  flock 9
fi
if works; then echo "$BIN"; exit 0; fi

START=$SECONDS
"$HERE/ensure-packages.sh" >&2

WORK="$(mktemp -d "$CACHE/build.XXXXXX")"
# The source tree is ~2 GB: always remove it (unless READINESS_KEEP_BUILD=1), but keep the logs
# of a failed build in $CACHE/build-logs for diagnosis.
cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then mkdir -p "$CACHE/build-logs" && cp -f "$WORK"/*.log "$CACHE/build-logs/" 2>/dev/null || true; fi
  [ "${READINESS_KEEP_BUILD:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# 1. A private apt config with deb-src entries for the machine's Debian archive, so the machine's
#    own sources and package lists stay untouched.
info "[1/4] fetching Debian's kubernetes source package"
mkdir -p "$WORK/sources.list.d" "$WORK/lists/partial"
n=0
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && grep -qiE '^URIs:.*debian' "$f" || continue
  sed -E 's/^Types:.*/Types: deb-src/' "$f" > "$WORK/sources.list.d/$(basename "$f")"; n=$((n+1))
done
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] && grep -qE '^deb .*debian' "$f" || continue
  grep -E '^deb .*debian' "$f" | sed -E 's/^deb /deb-src /' > "$WORK/sources.list.d/$(basename "$f")"; n=$((n+1))
done
[ "$n" -gt 0 ] || die "no Debian archive entry found in /etc/apt/sources.list{,.d} to derive deb-src from"
APT_OPTS=(
  -o "Dir::Etc::SourceList=/dev/null"
  -o "Dir::Etc::SourceParts=$WORK/sources.list.d"
  -o "Dir::State::Lists=$WORK/lists"
  -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="   # don't rewrite the machine's caches
)
if ! apt-get "${APT_OPTS[@]}" update -qq >"$WORK/apt-update.log" 2>&1; then
  tail -n 20 "$WORK/apt-update.log" >&2
  die "apt-get update (deb-src) failed: no network to Debian's archive? (log: $CACHE/build-logs/apt-update.log)"
fi
if ! (cd "$WORK" && apt-get "${APT_OPTS[@]}" source -qq kubernetes >"$WORK/apt-source.log" 2>&1); then
  tail -n 20 "$WORK/apt-source.log" >&2
  die "apt-get source kubernetes failed (log: $CACHE/build-logs/apt-source.log)"
fi
SRC="$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' | head -n1)"
[ -n "$SRC" ] && [ -f "$SRC/Makefile" ] || die "unpacked kubernetes source not found in $WORK"
info "      source: $(basename "$SRC") ($((SECONDS-START)) s)"

# 2. The vendored reflect2 v1.0.1 panics on every request body under Go >= 1.18; Debian's copy is fixed.
info "[2/4] replacing vendor/github.com/modern-go/reflect2 with Debian's copy"
R2=/usr/share/gocode/src/github.com/modern-go/reflect2
[ -d "$R2" ] || die "$R2 missing (package golang-github-modern-go-reflect2-dev)"
rm -rf "$SRC/vendor/github.com/modern-go/reflect2"
cp -r "$R2" "$SRC/vendor/github.com/modern-go/reflect2"
rm -f "$SRC/vendor/github.com/modern-go/reflect2/go.mod"

# 3. Build. A real version string (not v0.0.0-master) so /version answers like a real cluster.
UPSTREAM="$(cd "$SRC" && dpkg-parsechangelog -S Version | sed -E 's/^[0-9]+://; s/-[^-]*$//; s/.*really//; s/[+~].*//')"
info "[3/4] building kube-apiserver v$UPSTREAM (CGO_ENABLED=0 make WHAT=cmd/kube-apiserver; ~6-7 min on 2 cores)"
(
  cd "$SRC"
  export CGO_ENABLED=0 KUBE_GIT_VERSION="v$UPSTREAM" KUBE_GIT_TREE_STATE=clean KUBE_GIT_COMMIT="debian-$UPSTREAM"
  make WHAT=cmd/kube-apiserver >"$WORK/make.log" 2>&1 &
  pid=$!
  # A heartbeat every 30 s, so CI logs show it is alive during the long compile.
  t=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 2; t=$((t + 2))
    [ $((t % 30)) -ne 0 ] || info "      still building ($((SECONDS-START)) s) ..."
  done
  wait "$pid"
) || { tail -n 40 "$WORK/make.log" >&2; die "building kube-apiserver failed; full log: $CACHE/build-logs/make.log"; }

OUT="$(find "$SRC/_output" -type f -name kube-apiserver -perm -u+x | head -n1)"
[ -n "$OUT" ] || die "build finished but no kube-apiserver binary under $SRC/_output"

# 4. Install atomically into the cache.
info "[4/4] caching binary"
cp "$OUT" "$BIN.tmp" && mv -f "$BIN.tmp" "$BIN"
works || die "built binary does not run: $BIN"
info "kube-apiserver ready: $VERSION in $((SECONDS-START)) s"
echo "$BIN"
