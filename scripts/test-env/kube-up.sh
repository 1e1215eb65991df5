#!/usr/bin/env bash
# Starts a real, loopback-only Kubernetes API server for tests: Debian's etcd + kube-apiserver 1.20
# (built by ensure-kube-apiserver.sh), TLS with a self-made CA, static tokens, RBAC.
# Usage: scripts/test-env/kube-up.sh <statedir> <port>
# Writes <statedir>/env (shell exports KUBE_URL, KUBE_ADMIN_TOKEN, KUBE_READER_TOKEN, KUBE_CA_FILE,
# KUBECONFIG_ADMIN) and <statedir>/kubeconfig (admin). Stop with kube-down.sh <statedir>.
# Idempotent: a no-op when this statedir's cluster already answers. A (re)start begins with an
# empty etcd; the CA and tokens are kept across restarts of the same statedir.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
die() { printf '\n\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }
info() { printf '\033[36m==>\033[0m %s\n' "$*" >&2; }

[ $# -eq 2 ] || die "usage: $0 <statedir> <port>"
mkdir -p "$1"
S="$(cd "$1" && pwd)"
PORT="$2"
[[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "port must be 1-65535: $PORT"
URL="https://127.0.0.1:$PORT"
START=$SECONDS
# Parallel callers with the same statedir (e.g. several test workers) queue here; the second one
# then finds the cluster up. The daemons get fd 9 closed, so the lock ends with this script.
exec 9>"$S/.kube-up.lock"
flock 9

# Our own process, by pid file and command name (never a recycled pid of someone else).
alive() { # alive <name>
  local pid
  pid="$(cat "$S/$1.pid" 2>/dev/null)" || return 1
  # not a zombie: in containers PID 1 may never reap the orphaned daemons
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$1"
}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ready() { # ready <admin token>
  curl -sf --max-time 2 --cacert "$S/pki/ca.pem" -H "Authorization: Bearer $1" "$URL/readyz" >/dev/null 2>&1
}

# --- already up? ---------------------------------------------------------------------------
if alive etcd && alive kube-apiserver && [ -f "$S/env" ]; then
  # shellcheck disable=SC1091
  running_url="$( . "$S/env"; echo "$KUBE_URL")"
  [ "$running_url" = "$URL" ] || die "a cluster from $S is already running at $running_url; run kube-down.sh $S first"
  if ready "$( . "$S/env"; echo "$KUBE_ADMIN_TOKEN")"; then
    info "kube-apiserver already up at $URL (state: $S)"; exit 0
  fi
fi
# Half-up or stale leftovers: stop them and start clean.
"$HERE/kube-down.sh" "$S" >/dev/null 2>&1 || true
port_busy "$PORT" && die "port $PORT on 127.0.0.1 is already in use by another process"

# Binary: KUBE_APISERVER, else the cached build; ensure-kube-apiserver.sh builds it (~7 min) only
# when it is missing (skipping it otherwise saves ~1 s of `--version` on a 110 MB binary).
CACHED="${READINESS_CACHE:-${HOME:-/root}/.cache/254carbon-readiness}/bin/kube-apiserver"
APISERVER="${KUBE_APISERVER:-}"
if [ -z "$APISERVER" ]; then
  if [ -x "$CACHED" ]; then APISERVER="$CACHED"; else APISERVER="$("$HERE/ensure-kube-apiserver.sh" | tail -n1)"; fi
fi
[ -x "$APISERVER" ] || die "kube-apiserver binary not executable: $APISERVER"
command -v etcd >/dev/null || die "etcd not found: run scripts/test-env/ensure-packages.sh"
command -v openssl >/dev/null || die "openssl not found: run scripts/test-env/ensure-packages.sh"

mkdir -p "$S/pki" "$S/logs"
chmod 700 "$S/pki"

# --- PKI and tokens (kept across restarts so clients holding the CA/tokens keep working) ------
P="$S/pki"
if [ ! -s "$P/ca.pem" ] || [ ! -s "$P/apiserver.pem" ] || [ ! -s "$P/sa.key" ] || [ "$(wc -l <"$P/tokens.csv" 2>/dev/null || echo 0)" -lt 3 ]; then
  info "generating CA, serving cert, service-account keys and tokens"
  rm -f "$P"/*
  # EC P-256 keys: generated in milliseconds (RSA 2048 costs ~1.5 s here), accepted by Node and Go.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 3650 -subj "/CN=readiness-test-ca" \
    -keyout "$P/ca.key" -out "$P/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -subj "/CN=kube-apiserver" \
    -keyout "$P/apiserver.key" -out "$P/apiserver.csr" 2>/dev/null
  # SANs: what tests dial (127.0.0.1, localhost) plus the in-cluster names a real server carries.
  cat >"$P/apiserver.ext" <<EXT
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
EXT
  openssl x509 -req -sha256 -days 3650 -in "$P/apiserver.csr" -CA "$P/ca.pem" -CAkey "$P/ca.key" \
    -CAcreateserial -extfile "$P/apiserver.ext" -out "$P/apiserver.pem" 2>/dev/null
  # Service-account token signing pair (1.20 requires issuer + key + signing key).
  openssl ecparam -name prime256v1 -genkey -noout -out "$P/sa.key" 2>/dev/null
  openssl ec -in "$P/sa.key" -pubout -out "$P/sa.pub" 2>/dev/null
  # Static tokens: token,user,uid,"groups". The reader has no groups (gets system:authenticated
  # only), so without a RoleBinding it sees 403s -- a real restricted user.
  # A third user, readiness-limited, is for suites that grant partial permissions: the reader stays
  # permission-less for every suite sharing the cluster.
  printf '%s,admin,admin,"system:masters"\n%s,readiness-reader,readiness-reader\n%s,readiness-limited,readiness-limited\n' \
    "$(openssl rand -hex 24)" "$(openssl rand -hex 24)" "$(openssl rand -hex 24)" >"$P/tokens.csv"
fi
ADMIN_TOKEN="$(sed -n '1s/,.*//p' "$P/tokens.csv")"
READER_TOKEN="$(sed -n '2s/,.*//p' "$P/tokens.csv")"
LIMITED_TOKEN="$(sed -n '3s/,.*//p' "$P/tokens.csv")"

# A failed start-up stops whatever did start (no leaked etcd in CI) and keeps the logs.
fail() { # fail <log> <message>
  tail -n 30 "$1" >&2
  "$HERE/kube-down.sh" "$S" >/dev/null 2>&1 || true
  die "$2"
}

# --- etcd on free loopback ports, fresh data ---------------------------------------------------
# Ports below Linux's ephemeral range (32768+), so an outgoing connection of a busy machine cannot
# take the port between this probe and etcd's bind; a bind that still loses is retried below.
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 12000))
    [ "$p" = "$PORT" ] || port_busy "$p" || { echo "$p"; return; }
  done
  die "no free port found for etcd"
}
start_etcd() {
  ETCD_CLIENT="$(free_port)"
  ETCD_PEER="$(free_port)"
  while [ "$ETCD_PEER" = "$ETCD_CLIENT" ]; do ETCD_PEER="$(free_port)"; done
  ETCD_URL="http://127.0.0.1:$ETCD_CLIENT"
  rm -rf "$S/etcd"
  # setsid + all stdio redirected: the daemons must outlive this script and must not hold the
  # caller's stdout pipe open (else `$(kube-up.sh ...)` or Node's execSync would hang).
  setsid etcd --name readiness-test --data-dir "$S/etcd" \
    --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-cluster "readiness-test=http://127.0.0.1:$ETCD_PEER" --initial-cluster-state new \
    --logger zap --log-outputs stderr \
    </dev/null >"$S/logs/etcd.log" 2>&1 9>&- &
  echo $! >"$S/etcd.pid"
}
for attempt in 1 2 3; do
  start_etcd
  sleep 0.5
  alive etcd && break
  grep -q "address already in use" "$S/logs/etcd.log" || break
  echo "etcd lost its port to another process (attempt $attempt of 3); trying other ports" >&2
done

for _ in $(seq 1 100); do
  curl -sf --max-time 1 "$ETCD_URL/health" >/dev/null 2>&1 && break
  alive etcd || fail "$S/logs/etcd.log" "etcd exited during start-up (log: $S/logs/etcd.log)"
  sleep 0.1
done
curl -sf --max-time 1 "$ETCD_URL/health" >/dev/null 2>&1 || fail "$S/logs/etcd.log" "etcd not healthy after 10 s (log: $S/logs/etcd.log)"

# --- kube-apiserver ------------------------------------------------------------------------------
# Admission: there is no kube-controller-manager, so nothing creates the `default` ServiceAccount
# in new namespaces; the ServiceAccount plugin would then reject every Pod. Plugins that only act
# on optional objects (ResourceQuota, LimitRanger, webhooks) stay on, like on a real cluster.
# --allow-privileged: the demo platform has privileged pods (kube-proxy, doris-be), as real clusters do.
# --endpoint-reconciler-type=none: the apiserver would otherwise retry every 10 s to publish
# 127.0.0.1 as the `kubernetes` Service's endpoint, which validation rejects (loopback).
# --watch-cache-sizes=...#0: watches of HorizontalPodAutoscalers are served by etcd itself, not the
# apiserver's cache, so a suite can compact etcd and meet a real 410 Gone on a watch (what an
# informer meets after a long disconnect); every other kind keeps the cache, as on a real cluster.
setsid "$APISERVER" \
  --etcd-servers="$ETCD_URL" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$PORT" \
  --insecure-port=0 \
  --tls-cert-file="$P/apiserver.pem" --tls-private-key-file="$P/apiserver.key" \
  --client-ca-file="$P/ca.pem" \
  --token-auth-file="$P/tokens.csv" \
  --authorization-mode=RBAC \
  --anonymous-auth=true \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$P/sa.pub" \
  --service-account-signing-key-file="$P/sa.key" \
  --service-cluster-ip-range=10.96.0.0/12 \
  --endpoint-reconciler-type=none \
  --disable-admission-plugins=ServiceAccount \
  --allow-privileged=true \
  --profiling=false \
  --watch-cache-sizes=horizontalpodautoscalers.autoscaling#0 \
  </dev/null >"$S/logs/kube-apiserver.log" 2>&1 9>&- &
echo $! >"$S/kube-apiserver.pid"

# --- wait for /readyz (max KUBE_UP_TIMEOUT, default 60 s) ----------------------------------------
TIMEOUT="${KUBE_UP_TIMEOUT:-60}"  # seconds; a cold, loaded machine needs ~10
deadline=$((SECONDS + TIMEOUT))
until ready "$ADMIN_TOKEN"; do
  alive kube-apiserver || fail "$S/logs/kube-apiserver.log" "kube-apiserver exited during start-up (log: $S/logs/kube-apiserver.log)"
  if [ $SECONDS -ge $deadline ]; then
    # The failing checks of /readyz?verbose say what it waits for (etcd, a post-start hook, ...).
    curl -s --max-time 2 --cacert "$P/ca.pem" -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/readyz?verbose" 2>&1 | grep -v '\[+\]' >&2 || true
    fail "$S/logs/kube-apiserver.log" "kube-apiserver at $URL not ready after $TIMEOUT s (log: $S/logs/kube-apiserver.log)"
  fi
  sleep 0.25
done

# --- env + kubeconfig ----------------------------------------------------------------------------
{
  printf 'export KUBE_URL=%q\n' "$URL"
  printf 'export KUBE_ADMIN_TOKEN=%q\n' "$ADMIN_TOKEN"
  printf 'export KUBE_READER_TOKEN=%q\n' "$READER_TOKEN"
  printf 'export KUBE_LIMITED_TOKEN=%q\n' "$LIMITED_TOKEN"
  printf 'export KUBE_CA_FILE=%q\n' "$P/ca.pem"
  printf 'export KUBECONFIG_ADMIN=%q\n' "$S/kubeconfig"
  printf 'export KUBE_ETCD_URL=%q\n' "$ETCD_URL"
} >"$S/env.tmp" && mv -f "$S/env.tmp" "$S/env"
# CA embedded, so the kubeconfig works on its own (e.g. copied into a test's temp dir).
cat >"$S/kubeconfig.tmp" <<KC
apiVersion: v1
kind: Config
clusters:
  - name: readiness-test
    cluster:
      server: $URL
      certificate-authority-data: $(base64 -w0 "$P/ca.pem")
users:
  - name: admin
    user:
      token: $ADMIN_TOKEN
contexts:
  - name: admin@readiness-test
    context:
      cluster: readiness-test
      user: admin
current-context: admin@readiness-test
KC
chmod 600 "$S/kubeconfig.tmp" && mv -f "$S/kubeconfig.tmp" "$S/kubeconfig"

VERSION="$(curl -sf --max-time 2 --cacert "$P/ca.pem" -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/version" | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p')"
info "kube-apiserver $VERSION ready at $URL in $((SECONDS - START)) s (etcd $ETCD_URL; state: $S; source $S/env)"
