#!/usr/bin/env bash
# Builds the installable package: a .deb here on Debian (on a Windows PC the same
# command with `--bundles nsis` makes the installer). Release build; the UI is
# built first and embedded. The package lands in target/release/bundle/.
set -euo pipefail
cd "$(dirname "$0")/.."
bundles="${1:-deb}"

./scripts/setup.sh
./scripts/ui-build.sh
ui/node_modules/.bin/tauri build --bundles "$bundles" --ci
find "${CARGO_TARGET_DIR:-target}/release/bundle" -maxdepth 2 -name '*.deb' -o -maxdepth 2 -name '*.exe' | sed 's/^/built: /'
