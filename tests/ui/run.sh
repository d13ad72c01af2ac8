#!/usr/bin/env bash
# The browser tests: installs the locked Playwright from npm (never a browser: Debian's chromium is the
# one), picks a free loopback port and runs every spec against `myvod serve` built in the given folder.
#   bash tests/ui/run.sh [BUILD_DIR [SPEC ...]]     (default: build, every spec)
# Screenshots of the main pages land in BUILD_DIR/ui-artifacts.
set -euo pipefail
repository="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="$(cd "${1:-$repository/build}" && pwd)"
cd "$repository/tests/ui"

# Playwright would otherwise try to fetch its own browser builds at install time.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error

export MYVOD_BIN="$build_dir/myvod"
export MYVOD_FAKE_MODEL="$build_dir/tests/fake-model" MYVOD_FAKE_WATCHMODE="$build_dir/tests/fake-watchmode"
export MYVOD_FAKE_SMTP="$build_dir/tests/fake-smtp"
export MYVOD_UI_ARTIFACTS="$build_dir/ui-artifacts"
MYVOD_UI_PORT="$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")"
export MYVOD_UI_PORT
rm -rf "$MYVOD_UI_ARTIFACTS"
mkdir -p "$MYVOD_UI_ARTIFACTS"
npx playwright test "${@:2}"
