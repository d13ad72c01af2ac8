#!/usr/bin/env bash
# Installs myvod's dependencies from Debian bookworm's packages.
#   bash scripts/install-deps.sh          what building and running the server needs (the README's run command)
#   bash scripts/install-deps.sh --test   that, plus what the test suite and the benchmarks need: a PostgreSQL
#                                         server for the throwaway cluster and PgBouncer before it,
#                                         GoogleTest, clang for the second compiler's build and its libFuzzer
#                                         runtime, wrk and valgrind, the command-line tools the scripts call, and
#                                         for the browser tests Chromium and Node.js with npm (Playwright
#                                         itself comes from npm, locked in tests/ui/package-lock.json)
# Idempotent: packages already present are left alone, so CI and developers can run it every time.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev
  libsoci-dev libpq-dev libsqlite3-dev
  libjwt-dev libsodium-dev libcrypt-dev libssl-dev libcurl4-openssl-dev zlib1g-dev libzip-dev
  libspdlog-dev libfmt-dev libcli11-dev
)
test_packages=(
  libgtest-dev libgmock-dev
  postgresql postgresql-contrib pgbouncer
  clang libclang-rt-14-dev
  curl wrk valgrind sqlite3 time zip
  chromium fonts-dejavu-core
)
# Node.js may come from elsewhere (NodeSource's package bundles npm and conflicts with Debian's npm);
# any Node.js 18 or newer runs the browser tests, so Debian's is installed only when there is none.
command -v npm >/dev/null 2>&1 || test_packages+=(nodejs npm)

case "${1:-}" in
  "") ;;
  --test) packages+=("${test_packages[@]}") ;;
  *) echo "usage: $0 [--test]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
