#!/usr/bin/env bash
# Builds a production folder of Herald in <outdir>: the built web app, the core/sdk/server sources (Node runs the
# TypeScript directly) and production dependencies only. The Dockerfile runs this same script, so what CI boots
# is what the image holds. Run it from a checkout whose dev dependencies are installed (`npm ci`): the web app
# is built with Vite, which the output folder does not contain.
#   scripts/release.sh <outdir>     then: cd <outdir> && node packages/server/src/main.ts serve  (Node ≥ 22.13)
set -euo pipefail
if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: scripts/release.sh <outdir>" >&2
  exit 2
fi
src="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$1"
out="$(cd "$1" && pwd)"
if [ "$out" = "$src" ]; then
  echo "release.sh: <outdir> must not be the checkout itself" >&2
  exit 2
fi
if [ -n "$(ls -A "$out")" ]; then
  echo "release.sh: $out is not empty" >&2
  exit 2
fi
cd "$src"

echo "== building the web app"
# Straight into the release: the checkout's own packages/web/dist is left alone (tests may be serving it).
npm run build -w packages/web --silent -- --outDir "$out/packages/web/dist" --emptyOutDir

echo "== copying sources to $out"
cp package.json package-lock.json "$out/"
[ -f LICENSE ] && cp LICENSE "$out/"
for pkg in core server sdk; do
  mkdir -p "$out/packages/$pkg"
  cp "packages/$pkg/package.json" "$out/packages/$pkg/"
  cp -R "packages/$pkg/src" "$out/packages/$pkg/src"
done
# The SDK's package exports its service-worker builder; small, and keeps the package whole.
cp -R packages/sdk/scripts "$out/packages/sdk/scripts"
# The web workspace ships only its build (above); its package.json stays so the lockfile matches the
# workspace list.
cp packages/web/package.json "$out/packages/web/"

echo "== installing production dependencies"
cd "$out"
# --omit=dev: no TypeScript, Vite, Biome, test peers, nor the `node` package (Node comes from the machine).
npm ci --omit=dev --prefer-offline --no-audit --no-fund --loglevel=error
echo "== release ready in $out ($(du -sh "$out" | cut -f1))"
