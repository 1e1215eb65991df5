#!/usr/bin/env bash
# Stops the etcd + kube-apiserver started by kube-up.sh for <statedir>, by pid file only.
# Idempotent: fine when nothing runs. Leaves the statedir (logs, PKI) for inspection.
# Usage: scripts/test-env/kube-down.sh <statedir>
set -euo pipefail

die() { printf '\n\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }
info() { printf '\033[36m==>\033[0m %s\n' "$*" >&2; }
[ $# -eq 1 ] || die "usage: $0 <statedir>"
S="$1"
[ -d "$S" ] || { info "nothing to stop: $S does not exist"; exit 0; }

stop() { # stop <name>: TERM, wait up to 10 s, then KILL. Checks the pid still is <name>.
  local name="$1" f="$S/$1.pid" pid i
  pid="$(cat "$f" 2>/dev/null)" || return 0
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$name"; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
    info "stopped $name (pid $pid)"
  fi
  rm -f "$f"
}
# API server first, so it does not spend its shutdown retrying a vanished etcd.
stop kube-apiserver
stop etcd
