#!/usr/bin/env bash
# Builds and packs the seven publishable packages the way they will be published: `yarn tsc`, then
# `backstage-cli package build` and `yarn pack` in each (the prepack script rewrites `exports`,
# `main` and `types` from src/ to dist/ in the packed package.json).
#
#   scripts/pack-packages.sh                  tarballs into dist-packages/
#   scripts/pack-packages.sh --out DIR        tarballs into DIR
#   scripts/pack-packages.sh --into APP_DIR   tarballs into APP_DIR/readiness-packages/, and the
#                                             app's root package.json `resolutions` pointed at them
#
# Why --into writes resolutions: until the packages are on npm, the backend tarballs' dependencies
# on @254carbon/plugin-readiness-common@^0.1.0 and -node@^0.1.0 can only be found through them
# (yarn looks a semver range up in the registry even when a tarball of that name is installed).
# Once the packages are published, drop the resolutions and `yarn add` them as usual.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

PACKAGES=(readiness-common readiness-node readiness-backend scaffolder-actions readiness
  readiness-backend-module-tech-insights readiness-audit)
OUT=""
INTO=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="${2:?--out needs a directory}"; shift 2 ;;
    --into) INTO="${2:?--into needs the app directory}"; shift 2 ;;
    *) die "unknown argument '$1' (use --out DIR or --into APP_DIR)" ;;
  esac
done
if [ -n "$INTO" ]; then
  [ -f "$INTO/package.json" ] && [ -d "$INTO/packages/backend" ] ||
    die "--into $INTO: not a Backstage app root (expected package.json and packages/backend, as @backstage/create-app makes them)"
  INTO="$(cd "$INTO" && pwd)"
  OUT="${OUT:-$INTO/readiness-packages}"
fi
OUT="${OUT:-$ROOT/dist-packages}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

ensure_deps
info "type declarations (yarn tsc)"
# tsc emits every declaration even when some file has a type error; only errors inside the packed
# packages make their declarations untrustworthy. An error elsewhere (a test suite being edited)
# is reported and does not block packing.
TSC_LOG="$(mktemp)"
if ! yarn tsc --pretty false >"$TSC_LOG" 2>&1; then
  own="$(grep -E "^plugins/($(IFS='|'; echo "${PACKAGES[*]}"))/[^(]*\([0-9]+,[0-9]+\): error" "$TSC_LOG" || true)"
  if [ -n "$own" ]; then
    echo "$own" >&2
    die "type errors in the packages to pack (above); fix them first"
  fi
  info "tsc reported errors outside the packed packages; packing anyway:"
  grep -E '\): error' "$TSC_LOG" | head -n 5 || true
fi
rm -f "$TSC_LOG"
for pkg in "${PACKAGES[@]}"; do
  info "build and pack plugins/$pkg"
  (cd "plugins/$pkg" && yarn backstage-cli package build && yarn pack --out "$OUT/%s-%v.tgz" >/dev/null)
done
# npm's file naming (no leading "@"), which is also what `npm pack` would produce.
shopt -s nullglob
for f in "$OUT"/@*.tgz; do mv -f "$f" "$OUT/$(basename "$f" | sed 's/^@//')"; done

if [ -n "$INTO" ]; then
  node - "$INTO" "$OUT" <<'NODE'
const { readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const [app, out] = process.argv.slice(2);
const pkgPath = join(app, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
pkg.resolutions = pkg.resolutions ?? {};
for (const file of readdirSync(out).filter(f => f.startsWith('254carbon-') && f.endsWith('.tgz'))) {
  const name = `@254carbon/${file.replace(/^254carbon-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`;
  pkg.resolutions[name] = `file:./${relative(app, join(out, file))}`;
  console.log(`resolutions["${name}"] = "${pkg.resolutions[name]}"`);
}
writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
NODE
fi
info "packed into $OUT:"
ls -1 "$OUT"/*.tgz
