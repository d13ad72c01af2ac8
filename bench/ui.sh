#!/usr/bin/env bash
# The web UI in headless Chromium: time to a rendered watchlist of 100 movies and bytes per page (bench/ui.js).
# Usage: bash bench/ui.sh   (RUNS=5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target myvod >/dev/null
(cd tests/ui && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
echo "myvod web UI benchmark ($(nproc) cores, $(/usr/bin/chromium --version 2>/dev/null | head -1))"
NODE_PATH="$PWD/tests/ui/node_modules" MYVOD_BIN="$PWD/build/myvod" node bench/ui.js
