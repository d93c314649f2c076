#!/usr/bin/env bash
# Checks that the core (`hotto`, tests included) and the desktop shell (`hotto-app`)
# compile for Windows, from Linux: `cargo check` for x86_64-pc-windows-gnu with the
# MinGW cross compiler (the build scripts compile SQLCipher and OpenSSL for the target).
# Not part of CI or scripts/test.sh: a cold run builds OpenSSL for Windows and checks
# Tauri's Windows crates (40 minutes on 2 busy cores). Nothing is linked or run.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  echo "== MinGW cross compiler"
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc-mingw-w64-x86-64 >/dev/null
fi
if ! rustup target list --installed | grep -qx "$target"; then
  echo "== Rust target $target"
  rustup target add "$target"
fi
# The shell embeds the built UI (tauri.conf.json frontendDist) at compile time.
if [ ! -f ui/dist/index.html ]; then
  echo "== UI build (embedded by the shell)"
  (cd ui && npm ci --no-audit --no-fund && npm run build)
fi

echo "== cargo check --target $target -p hotto --all-targets"
cargo check --locked --target "$target" -p hotto --all-targets
echo "== cargo check --target $target -p hotto-app --all-targets"
cargo check --locked --target "$target" -p hotto-app --all-targets
echo "== both compile for Windows"
