#!/usr/bin/env bash
# Installs the test CRDs (test/fixtures/crds/*.yaml, or the files given) into the cluster started by
# kube-up.sh, through the REST API with curl (no kubectl needed), and waits until each one is
# Established. Idempotent: an existing CRD is replaced by the fixture's version (PUT).
# Usage: scripts/test-env/apply-crds.sh <statedir> [crd.yaml|crd.json ...]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
die() { printf '\n\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }
info() { printf '\033[36m==>\033[0m %s\n' "$*" >&2; }

[ $# -ge 1 ] || die "usage: $0 <statedir> [crd.yaml ...]"
S="$1"; shift
[ -f "$S/env" ] || die "$S/env not found: start the cluster with scripts/test-env/kube-up.sh $S <port>"
# shellcheck disable=SC1091
. "$S/env"
FILES=("$@")
[ ${#FILES[@]} -gt 0 ] || FILES=("$ROOT"/test/fixtures/crds/*.yaml "$ROOT"/test/fixtures/crds/*.json)
# python3+PyYAML converts the YAML once; jq does the per-request JSON work (python3 starts slowly).
python3 -c 'import yaml' 2>/dev/null || die "python3 with PyYAML is needed to read the CRD fixtures: run scripts/test-env/ensure-packages.sh (installs python3-yaml)"
command -v jq >/dev/null || die "jq not found: run scripts/test-env/ensure-packages.sh"

BASE="$KUBE_URL/apis/apiextensions.k8s.io/v1/customresourcedefinitions"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
api() { # api <method> <url> [body-file] -> prints HTTP code; body in $TMP/resp
  local args=(-sS -o "$TMP/resp" -w '%{http_code}' --max-time 20 --cacert "$KUBE_CA_FILE"
    -H "Authorization: Bearer $KUBE_ADMIN_TOKEN" -H 'Accept: application/json' -X "$1")
  [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' --data-binary "@$3")
  curl "${args[@]}" "$2"
}

# One compact JSON document per line: "<name>\t<json>". Missing globs are skipped.
python3 - "${FILES[@]}" >"$TMP/docs" <<'PY'
import json, sys, os, yaml
for path in sys.argv[1:]:
    if not os.path.isfile(path):
        continue
    with open(path) as f:
        docs = [json.load(f)] if path.endswith(".json") else list(yaml.safe_load_all(f))
    for d in docs:
        if not d:
            continue
        if d.get("kind") != "CustomResourceDefinition":
            sys.exit(f"{path}: not a CustomResourceDefinition (kind={d.get('kind')})")
        print(d["metadata"]["name"] + "\t" + json.dumps(d, separators=(",", ":")))
PY
[ -s "$TMP/docs" ] || die "no CRDs found in: ${FILES[*]}"

names=()
while IFS=$'\t' read -r name json; do
  printf '%s' "$json" >"$TMP/body"
  code="$(api POST "$BASE" "$TMP/body")"
  case "$code" in
    201) info "created  $name" ;;
    409) # Already there: replace it with the fixture (needs the current resourceVersion).
      api GET "$BASE/$name" >/dev/null
      rv="$(jq -r .metadata.resourceVersion "$TMP/resp")"
      jq -c --arg rv "$rv" '.metadata.resourceVersion = $rv' <<<"$json" >"$TMP/body"
      code="$(api PUT "$BASE/$name" "$TMP/body")"
      [ "$code" = 200 ] || die "updating CRD $name failed: HTTP $code: $(cat "$TMP/resp")"
      info "updated  $name" ;;
    *) die "creating CRD $name failed: HTTP $code: $(cat "$TMP/resp")" ;;
  esac
  names+=("$name")
done <"$TMP/docs"

# Established=True means the new resource is served; NamesAccepted=False means a name clash.
for name in "${names[@]}"; do
  for i in $(seq 1 150); do
    api GET "$BASE/$name" >/dev/null || true
    state="$(jq -r '(.status.conditions // []) as $c
      | ($c | map(select(.type == "NamesAccepted" and .status == "False")) | first | if . then "names:" + .message else empty end)
        // ($c | map(select(.type == "Established")) | first | .status // "Unknown")' "$TMP/resp" 2>/dev/null || echo Unknown)"
    [ "$state" = True ] && break
    case "$state" in names:*) die "CRD $name: names not accepted: ${state#names:}" ;; esac
    [ "$i" = 150 ] && die "CRD $name not Established after 30 s: $(cat "$TMP/resp")"
    sleep 0.2
  done
done
info "${#names[@]} CRDs established at $KUBE_URL"
