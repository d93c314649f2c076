#!/usr/bin/env bash
# Installs everything the build and the tests need on a fresh Debian 12 that has
# Rust and Node: system packages, the Python helper for the independent SQLCipher
# check, and the UI's npm packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # Tauri 2 (WebKitGTK 4.1) and driving its window in end-to-end tests
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev xvfb webkit2gtk-driver
  # Japanese font for screenshots; PDF checks; images
  fonts-ipaexfont-gothic poppler-utils qpdf imagemagick
  # bindgen for SQLite's session extension
  libclang-dev
  # the Python venv for the independent SQLCipher check
  python3-venv
)
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
echo "== system packages"
sudo_if_needed apt-get update -qq
sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

echo "== python venv with sqlcipher3-binary (independent SQLCipher 4)"
venv="${HOTTO_TEST_VENV:-$HOME/.cache/hotto/venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check sqlcipher3-binary

echo "== tauri-driver (WebDriver for the app window, end-to-end tests)"
if ! "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" --help >/dev/null 2>&1; then
  cargo install tauri-driver --version 2.1.0 --locked --quiet
fi

if [ -f ui/package.json ]; then
  echo "== npm packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
