#!/usr/bin/env bash
# Starts the app on a fictional demo center: sets everything up, builds the UI and
# the app, builds the demo data (once; `--fresh` rebuilds it) and opens the window.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
demo_dir="${HOTTO_DEMO_DIR:-$HOME/.local/share/hotto-demo}"

echo "== building"
./scripts/ui-build.sh
cargo build --locked -p hotto -p hotto-app

if [ "${1:-}" = "--fresh" ] || [ ! -f "$demo_dir/keys.json" ]; then
  echo "== demo data in $demo_dir"
  ./target/debug/hotto --data-dir "$demo_dir" demo
fi

echo "== starting ほっと (demo accounts are listed on the sign-in screen)"
exec ./target/debug/hotto-app --data-dir "$demo_dir"
