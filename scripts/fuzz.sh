#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] [NAME...]: builds the fuzz targets (clang's libFuzzer with AddressSanitizer) in
# build-fuzz and runs each named one (all by default: http_request, imdb_import, json_body, jwt, query) for
# SECONDS (120 by default). Each grows its own corpus in build-fuzz/corpus/NAME, starting from the
# seeds in tests/fuzz/corpus/NAME; a failing input is left in build-fuzz/ as crash-*, leak-* or timeout-*.
# The test command runs every target for 5 s only, so that they keep building and passing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-120}"
shift || true
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMYVOD_FUZZ=ON \
  -DMYVOD_BUILD_TESTS=ON >/dev/null
names=("$@")
[ ${#names[@]} -gt 0 ] || names=($(cd tests/fuzz/corpus && ls))
cmake --build build-fuzz -j "$(nproc)" --target "${names[@]/%/_fuzz}"
for name in "${names[@]}"; do
  mkdir -p "build-fuzz/corpus/$name"
  "build-fuzz/tests/${name}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix=build-fuzz/ "build-fuzz/corpus/$name" "tests/fuzz/corpus/$name" >"build-fuzz/$name.log" 2>&1 ||
    { tail -30 "build-fuzz/$name.log"; echo "$name: FAILED (build-fuzz/$name.log)"; exit 1; }
  echo "$name: $(sed -n 's/^stat::number_of_executed_units: *//p' "build-fuzz/$name.log") executions in ${seconds} s," \
    "corpus $(ls "build-fuzz/corpus/$name" | wc -l) inputs"
done
