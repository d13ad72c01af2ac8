#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds, starts a throwaway PostgreSQL cluster, runs every test on
# SQLite and PostgreSQL, then builds and runs the same suite under AddressSanitizer + UndefinedBehaviorSanitizer,
# and under ThreadSanitizer (the concurrency tests: 32 parallel adds, parallel registrations and refreshes).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
source scripts/postgres-cluster.sh
trap pg_cluster_stop EXIT
pg_cluster_start

jobs="$(nproc)"
echo "== release build (warnings are errors)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== sanitizer build (ASan + UBSan)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMYVOD_SANITIZE=ON >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

echo "== thread sanitizer build (TSan)"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMYVOD_SANITIZE_THREADS=ON >/dev/null
cmake --build build-tsan -j "$jobs"
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build-tsan --output-on-failure -j "$jobs"
