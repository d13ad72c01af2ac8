#!/usr/bin/env bash
# The whole test suite, in legs, each timed:
#   release       RelWithDebInfo (the README's build type) with g++: every test, on SQLite and on PostgreSQL,
#                 and the API suite once more through PgBouncer in transaction mode
#   ui            the web UI in Debian's chromium, driven by Playwright, against that build's `myvod serve`
#   release-O3    Release with g++, the program compiled only: optimiser-only warnings (GCC's -Wrestrict,
#                 -Wmaybe-uninitialized) in the code that ships; the tests, which never run at -O3, are left out
#                 (their -O2 build in the release leg has the same warnings on)
#   clang         Debug with clang, libFuzzer's coverage hooks and AddressSanitizer (with LeakSanitizer): the
#                 second compiler's warnings, every test again but the PgBouncer run, and the fuzz targets, each
#                 run for 5 s from its seeds (scripts/fuzz.sh runs them longer)
#   tsan          ThreadSanitizer + UndefinedBehaviorSanitizer, with g++: every test again but the PgBouncer run
#                 (the concurrency tests: 32 parallel adds, parallel registrations and refreshes)
# Each build is the longest part of its leg, so the sanitizers share builds: AddressSanitizer rides with the
# fuzz build (clang), UndefinedBehaviorSanitizer with ThreadSanitizer (g++ runs the two together; clang 14
# cannot run it beside the fuzz hooks). The PgBouncer run's code paths are api.postgres's.
# For the same reason the legs after the first are unity builds (CMake joins a target's sources eight to a file):
# every source includes Boost.Asio, Beast and JSON, some 300,000 lines, which a unity build parses once per
# eight files instead of once per file. The release leg builds the program's sources one file at a time, as the
# README's command does, so a source that forgets an include still fails there; the tests are unity builds in
# every leg (MYVOD_UNITY_TESTS, tests/CMakeLists.txt).
# Warnings are errors in every leg (MYVOD_WERROR), and ctest fails a leg that finds no test, so a build folder
# configured without tests (as the README's run command leaves `build`) cannot pass empty.
# A throwaway PostgreSQL cluster on a free loopback port serves the PostgreSQL runs and is stopped at exit.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --test
source scripts/postgres-cluster.sh
ctest_log="$(mktemp)"
ui_log="$(mktemp)"
trap 'pg_cluster_stop; rm -f "$ctest_log" "$ui_log"' EXIT
pg_cluster_start

jobs="$(nproc)"
leg_times=()

# configure DIR COMPILER CMAKE_ARGS...: a build folder with the tests and warnings-as-errors on, whatever it
# cached before.
configure() {
  local dir="$1" compiler="$2"
  shift 2
  local cc=gcc cxx=g++
  [ "$compiler" = clang ] && cc=clang cxx=clang++
  CC="$cc" CXX="$cxx" cmake -S . -B "$dir" -G Ninja -DMYVOD_BUILD_TESTS=ON -DMYVOD_WERROR=ON "$@" >/dev/null
}

run_tests() {  # DIR [CTEST_ARGS...]
  local dir="$1"
  shift
  ctest --test-dir "$dir" --output-on-failure --no-tests=error -j "$jobs" "$@" | tee -a "$ctest_log"
}

# leg NAME COMMAND...: runs one leg and records its wall time.
leg() {
  local name="$1" started=$SECONDS
  shift
  echo "== $name"
  "$@"
  leg_times+=("$name $((SECONDS - started)) s")
}

release() {
  configure build gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo
  cmake --build build -j "$jobs"
  run_tests build
}

release_o3() {
  configure build-release gcc -DCMAKE_BUILD_TYPE=Release -DCMAKE_UNITY_BUILD=ON
  cmake --build build-release -j "$jobs" --target myvod
}

clang_build() {
  # The clang compile must not pick up g++'s folder: each compiler keeps its own build folder.
  configure build-clang clang -DCMAKE_BUILD_TYPE=Debug -DMYVOD_FUZZ=ON -DCMAKE_UNITY_BUILD=ON
  cmake --build build-clang -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 run_tests build-clang -E '^api[.]pgbouncer$'
}

tsan() {
  configure build-tsan gcc -DCMAKE_BUILD_TYPE=Debug -DMYVOD_SANITIZE_THREADS=ON -DCMAKE_UNITY_BUILD=ON
  cmake --build build-tsan -j "$jobs"
  TSAN_OPTIONS=halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 run_tests build-tsan \
    -E '^api[.]pgbouncer$'
}

ui() {
  bash tests/ui/run.sh build | tee -a "$ui_log"
}

leg release release
leg ui ui
leg release-O3 release_o3
leg clang clang_build
leg tsan tsan

echo "== time per leg"
printf '  %s\n' "${leg_times[@]}"
# One closing line for every test leg together (ctest prints "... tests failed out of N" per leg, Playwright
# "N passed"); a failure has stopped the script before this line.
total=$(($(sed -n 's/.* tests failed out of \([0-9]*\)$/\1/p' "$ctest_log" | paste -sd+)))
browser=$(sed -n 's/^ *\([0-9]*\) passed.*/\1/p' "$ui_log" | tail -1)
echo "tests: $((total + browser)) passed, 0 failed (${browser} of them in the browser)"
