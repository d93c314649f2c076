#!/usr/bin/env bash
# Runs every test: formatting and lints, the UI's checks and unit tests, the core's
# unit and integration tests (on real encrypted databases in temp folders) and the
# shell's tests. Sets everything up first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

./scripts/setup.sh
export HOTTO_TEST_PYTHON="${HOTTO_TEST_VENV:-$HOME/.cache/hotto/venv}/bin/python"

echo "== rustfmt"
cargo fmt --all -- --check

if [ -f ui/package.json ]; then
  echo "== ui: build, type check, unit tests"
  ./scripts/ui-build.sh
  (cd ui && npm run check && npm test)
fi

echo "== clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --workspace --locked

echo "== end-to-end tests in the real window"
./scripts/e2e.sh

echo "== all tests passed in $(( $(date +%s) - started )) s"
