#!/usr/bin/env bash
# run.sh TARGET SEEDS SECONDS: runs one fuzz target for SECONDS from the seed corpus SEEDS (left as it is: what
# the run finds goes to a scratch folder) and prints its executions. A crash, a leak or a broken oracle fails.
set -euo pipefail
target="$1" seeds="$2" seconds="$3"
found="$(mktemp -d)"
# The target's own scratch files (the request fuzzer's database) go under a temporary directory removed here too.
export TMPDIR="$found/tmp"
mkdir "$TMPDIR"
trap 'rm -rf "$found"' EXIT
log="$found/fuzz.log"
if ! "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$found/" "$found" "$seeds" >"$log" 2>&1; then
  tail -40 "$log"
  for artifact in "$found"/crash-* "$found"/leak-* "$found"/timeout-* "$found"/oom-*; do
    [ -e "$artifact" ] && { echo "input that failed ($artifact), base64:"; base64 -w0 "$artifact"; echo; }
  done
  exit 1
fi
runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
echo "$(basename "$target"): ${runs} executions in ${seconds} s, $(find "$found" -type f ! -name fuzz.log | wc -l) new inputs"
