#!/usr/bin/env bash
# The benchmark in one command, from a clean checkout:
#
#   scripts/bench.sh              # scale 10: ~18,000 clients, ~2 million support records
#   scripts/bench.sh --scale 1    # the reference center; any `hotto bench` option passes through
#
# Builds the release CLI (only the core and the CLI: no window, no UI), builds the demo center
# in a temporary folder, times every case and prints one table (see README › Performance).
# System packages come from scripts/setup.sh, run only if no C compiler or no OpenSSL headers
# are found (SQLCipher is compiled from source against the system's libcrypto).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cc >/dev/null || [ ! -e /usr/include/openssl/evp.h ]; then
    echo "== system packages (scripts/setup.sh)"
    ./scripts/setup.sh
fi

target=${CARGO_TARGET_DIR:-target}
started=$SECONDS
echo "== cargo build --release --locked --bin hotto" >&2
cargo build --release --locked --bin hotto
echo "== release build took $((SECONDS - started)) s" >&2

started=$SECONDS
"$target/release/hotto" bench "$@"
echo "== hotto bench took $((SECONDS - started)) s" >&2
