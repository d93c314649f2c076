#!/usr/bin/env bash
# End-to-end tests in the real app window: builds the UI and the app (debug),
# prepares a demo center once, starts a virtual display (Xvfb) and tauri-driver
# (which drives WebKitWebDriver), then runs ui/e2e/*.e2e.ts. Screenshots of every
# screen go to artifacts/e2e/ (not committed) for a person to look at.
# Expects scripts/setup.sh to have run (scripts/test.sh does). Arguments go to
# vitest, e.g. `scripts/e2e.sh director` runs e2e/director.e2e.ts alone.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target="${CARGO_TARGET_DIR:-$root/target}"

./scripts/ui-build.sh
cargo build --locked -p hotto -p hotto-app

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== e2e: demo center"
"$target/debug/hotto" --data-dir "$work/demo" demo >/dev/null

display=":${HOTTO_E2E_DISPLAY:-97}"
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
port="${HOTTO_E2E_PORT:-4444}"
tauri_driver="${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver"
# The native driver's port follows ours, so that parallel runs on other ports do not meet.
DISPLAY="$display" "$tauri_driver" --port "$port" --native-port "$((port + 1))" \
  --native-driver /usr/bin/WebKitWebDriver \
  >"$work/driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  if curl -fs "http://127.0.0.1:$port/status" >/dev/null 2>&1; then break; fi
  sleep 0.2
done

shots="${HOTTO_E2E_SHOTS:-$root/artifacts/e2e}"
rm -rf "$shots"
mkdir -p "$shots"
echo "== e2e: tests (screenshots in artifacts/e2e/)"
status=0
(cd ui && DISPLAY="$display" HOTTO_E2E_APP="$target/debug/hotto-app" \
  HOTTO_E2E_DEMO="$work/demo" HOTTO_E2E_DRIVER="http://127.0.0.1:$port" \
  HOTTO_E2E_SHOTS="$shots" npm run e2e -- "$@") || status=$?
if [ "$status" -ne 0 ]; then
  echo "== e2e failed; the driver's log:"
  tail -n 40 "$work/driver.log"
fi
exit "$status"
