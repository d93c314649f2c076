#!/usr/bin/env bash
# Builds the UI into ui/dist, rewriting only the files whose bytes changed. The app embeds
# ui/dist at compile time and cargo watches it by modification time, so a plain `vite build`
# (which rewrites every file) made each script that builds the UI recompile the release app
# for minutes even when nothing in the UI had changed.
set -euo pipefail
cd "$(dirname "$0")/../ui"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npx vite build --outDir "$out" --emptyOutDir
mkdir -p dist
(cd "$out" && find . -type f) | while read -r file; do
  if ! cmp -s "$out/$file" "dist/$file"; then
    mkdir -p "dist/$(dirname "$file")"
    cp "$out/$file" "dist/$file"
  fi
done
(cd dist && find . -type f) | while read -r file; do
  if [ ! -e "$out/$file" ]; then rm -f "dist/$file"; fi
done
