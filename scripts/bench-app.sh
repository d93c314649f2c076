#!/usr/bin/env bash
# The app benchmark: release builds of the app and of an empty Tauri window, the
# scale-10 demo center, then ui/e2e/app.measure.ts in the real window (Xvfb +
# tauri-driver). Prints one table and writes it to artifacts/bench/app-bench.md.
# Usage: scripts/bench-app.sh [--scale N]   (default 10)
#        HOTTO_BENCH_DATA=DIR scripts/bench-app.sh   (reuse a demo center built before in DIR;
#        the script prints where it built one and keeps it when HOTTO_BENCH_KEEP=1)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target="${CARGO_TARGET_DIR:-$root/target}"
scale=10
if [ "${1:-}" = "--scale" ]; then scale="$2"; fi

./scripts/setup.sh
./scripts/ui-build.sh
cargo build --release --locked -p hotto -p hotto-app --bin hotto --bin hotto-app --bin empty-window

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Argon2id on this machine (the sign-in target leaves it apart)"
argon_ms=$("$target/release/hotto" bench --scale 1 --only open --runs 5 --json |
  python3 -c 'import json,sys; r=json.load(sys.stdin)["rows"]; print(next(x["median_ms"] for x in r if "Argon2id" in x["case"]))')
echo "Argon2id median: $argon_ms ms"

data="${HOTTO_BENCH_DATA:-}"
if [ -z "$data" ]; then
  echo "== demo center, scale $scale (today: the machine's date, as the app shows it)"
  if [ "${HOTTO_BENCH_KEEP:-}" = 1 ]; then data=$(mktemp -d); else data="$work/demo"; fi
  "$target/release/hotto" --data-dir "$data" demo --scale "$scale"
  if [ "${HOTTO_BENCH_KEEP:-}" = 1 ]; then echo "== the demo center is kept in $data"; fi
else
  echo "== reusing the demo center in $data"
fi

display=":${HOTTO_E2E_DISPLAY:-98}"
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
port="${HOTTO_E2E_PORT:-4450}"
DISPLAY="$display" "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" --port "$port" \
  --native-port "$((port + 1))" --native-driver /usr/bin/WebKitWebDriver >"$work/driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  if curl -fs "http://127.0.0.1:$port/status" >/dev/null 2>&1; then break; fi
  sleep 0.2
done

out="$root/artifacts/bench"
mkdir -p "$out"
(cd ui && DISPLAY="$display" HOTTO_BENCH_APP="$target/release/hotto-app" \
  HOTTO_BENCH_EMPTY_WINDOW="$target/release/empty-window" HOTTO_BENCH_DATA="$data" \
  HOTTO_E2E_DRIVER="http://127.0.0.1:$port" HOTTO_BENCH_OUT="$out" HOTTO_BENCH_ARGON_MS="$argon_ms" \
  npx vitest run --config vitest.bench-app.config.ts)
