#!/usr/bin/env bash
# Installs the Debian packages the real-component tests need (browser, etcd, Prometheus,
# Alertmanager, openssl, PostgreSQL, and the toolchain to build kube-apiserver from Debian's source).
# Idempotent: asks dpkg first and touches apt only when something is missing.
# Usage: scripts/test-env/ensure-packages.sh [extra-package ...]
set -euo pipefail

die() { printf '\n\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }
info() { printf '\033[36m==>\033[0m %s\n' "$*"; }

PACKAGES=(
  chromium                 # Playwright drives /usr/bin/chromium (never `npx playwright install`)
  etcd-server              # storage for the real kube-apiserver
  prometheus               # real Prometheus + promtool for backfilled history
  prometheus-alertmanager  # real Alertmanager
  openssl                  # self-made CAs and leaf certs
  curl jq                  # the kube scripts talk to the REST API with curl + jq (no kubectl needed)
  python3-yaml             # apply-crds.sh converts the YAML fixtures to JSON
  # build deps for kube-apiserver (scripts/test-env/ensure-kube-apiserver.sh)
  golang-go dpkg-dev rsync golang-github-modern-go-reflect2-dev
  "$@"
)
# PostgreSQL 15 is usually preinstalled; only ask for it when its binaries are absent.
[ -d /usr/lib/postgresql/15/bin ] || PACKAGES+=(postgresql)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

missing=()
for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then
  info "test packages already installed"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || die "missing Debian packages (${missing[*]}) and not root: run as root or install them with sudo apt-get install ${missing[*]}"

export DEBIAN_FRONTEND=noninteractive
info "installing Debian packages: ${missing[*]}"
# One update per run: the package lists may be stale or absent on a fresh machine.
if ! apt-get update -qq >/tmp/ensure-packages.apt-update.log 2>&1; then
  tail -n 20 /tmp/ensure-packages.apt-update.log >&2
  die "apt-get update failed: no network to Debian's archive (deb.debian.org)? Log: /tmp/ensure-packages.apt-update.log"
fi
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/ensure-packages.apt-install.log 2>&1; then
  tail -n 30 /tmp/ensure-packages.apt-install.log >&2
  die "apt-get install ${missing[*]} failed (no network to Debian's archive, or a package is unknown). Log: /tmp/ensure-packages.apt-install.log"
fi

# Verify: apt can exit 0 and still leave something out (e.g. held packages).
still=()
for p in "${missing[@]}"; do installed "$p" || still+=("$p"); done
[ ${#still[@]} -eq 0 ] || die "still not installed after apt-get: ${still[*]}"
info "installed: ${missing[*]}"
