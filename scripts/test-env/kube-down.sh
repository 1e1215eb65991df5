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

# Running = exists and is not a zombie (in containers PID 1 may never reap the orphaned daemons).
running() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

stop() { # stop <name>: TERM, wait up to 10 s, then KILL. Checks the pid still is <name>.
  local name="$1" f="$S/$1.pid" pid
  pid="$(cat "$f" 2>/dev/null)" || return 0
  if [ -n "$pid" ] && running "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$name"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do running "$pid" || break; sleep 0.1; done
    if running "$pid"; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
    info "stopped $name (pid $pid)"
  fi
  rm -f "$f"
}
# API server first, so it does not spend its shutdown retrying a vanished etcd.
stop kube-apiserver
stop etcd
