#!/usr/bin/env bash
# Benchmarks of issue 2 on both engines, with wrk over loopback (server, database and wrk share the machine):
#   GET /api/platforms/ and GET /api/me/ at 64 connections: req/s and p99, median of RUNS runs;
#   POST /api/token/ (bcrypt cost 12) req/s, and the p99 of GET /api/platforms/ while a login flood runs;
#   RSS of an idle `myvod serve` with the sample catalog.
# Usage: bash bench/foundation.sh   (RUNS=3 DURATION=10s by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
export EMAIL=bench@example.com PASSWORD=benchPassword123
echo "myvod foundation benchmarks: wrk -t2 -c64 -d$DURATION, median of $RUNS runs ($(nproc) cores)"
for engine in sqlite postgres; do
  url="$(fresh_database "$engine" myvod_bench)"
  start_server "$url"
  sleep 1
  echo "$engine: idle RSS after start with the sample catalog: $(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status)"
  export TOKEN
  TOKEN="$(new_token "$EMAIL")"
  curl -s -o /dev/null -X PATCH "$base/api/me/" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"platforms":[1,2,3]}'
  measure "GET /api/platforms/" -t2 -c64 -d"$DURATION" --latency "$base/api/platforms/"
  measure "GET /api/me/ (authenticated)" -t2 -c64 -d"$DURATION" --latency -s bench/auth.lua "$base/api/me/"
  measure "POST /api/token/ (bcrypt cost 12)" -t1 -c8 -d"$DURATION" --latency -s bench/login.lua "$base/api/token/"
  # A login flood and platform reads at once: hashing runs on its own pool, so reads must stay fast.
  wrk -t1 -c32 -d"$DURATION" -s bench/login.lua "$base/api/token/" >"$work/flood.txt" &
  flood=$!
  sleep 1
  measure "GET /api/platforms/ during login flood" -t1 -c32 -d5s --latency "$base/api/platforms/"
  wait "$flood"
  echo "  (login flood alongside: $(wrk_figures <"$work/flood.txt" | cut -d' ' -f1) req/s)"
  echo "$engine: peak RSS (VmHWM) after the runs: $(awk '/VmHWM/ {print $2, $3}' /proc/$server_pid/status)"
  stop_server
done
