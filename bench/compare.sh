#!/usr/bin/env bash
# This checkout against an earlier commit on the foundation's hot paths (GET /api/platforms/, GET /api/me/,
# wrk -t2 -c64), on both engines. The two servers take turns, RUNS rounds of each, so that a noisy machine
# slows both alike; the figures are medians and the ratio is this checkout's over the base's.
# Made for changes that touch every request (issue 13's /metrics instrumentation), where the cost is a few
# percent and two separate benchmark runs minutes apart differ by more than that.
# Usage: bash bench/compare.sh BASE_COMMIT   (RUNS=5 DURATION=10s by default; BASE_BIN=path skips the build
# of the base, for a binary already built from it)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
base_commit="${1:?usage: bash bench/compare.sh BASE_COMMIT}"
source bench/lib.sh
build_base "$base_commit"
head_bin="$PWD/build/myvod"
echo "this checkout ($(git rev-parse --short HEAD)) against $base_commit: wrk -t2 -c64 -d$DURATION, $RUNS rounds each, taking turns ($(nproc) cores)"

# One wrk run: prints its req/s and p99.
one_run() {  # target [wrk args...]
  local target="$1"
  shift
  wrk -t2 -c64 -d"$DURATION" --latency "$@" "$base$target" | wrk_figures | awk '{print $1, $3}'
}

for engine in sqlite postgres; do
  declare -A rps=() p99=()
  for round in $(seq "$RUNS"); do
    for side in base head; do
      bin="$base_bin"
      [ "$side" = head ] && bin="$head_bin"
      url="$(fresh_database "$engine" "myvod_compare_$side")"
      MYVOD_BIN="$bin" start_server "$url"
      export TOKEN
      TOKEN="$(new_token "compare-$round@example.com")"
      for target in platforms me; do
        if [ "$target" = platforms ]; then
          read -r r q < <(one_run /api/platforms/)
        else
          read -r r q < <(one_run /api/me/ -s bench/auth.lua)
        fi
        rps[$side.$target]+="$r "
        p99[$side.$target]+="$q "
      done
      stop_server
    done
  done
  for target in platforms me; do
    b="$(printf '%s\n' ${rps[base.$target]} | median)"
    h="$(printf '%s\n' ${rps[head.$target]} | median)"
    printf "  %-8s GET /api/%-11s base %7s req/s (p99 %5s ms)   head %7s req/s (p99 %5s ms)   head/base %s\n" \
      "$engine" "$target/" "$b" "$(printf '%s\n' ${p99[base.$target]} | median)" "$h" \
      "$(printf '%s\n' ${p99[head.$target]} | median)" "$(awk -v h="$h" -v b="$b" 'BEGIN {printf "%.3f", h / b}')"
    echo "           runs: base ${rps[base.$target]}| head ${rps[head.$target]}"
  done
  unset rps p99
done
