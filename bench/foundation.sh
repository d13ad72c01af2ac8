#!/usr/bin/env bash
# Benchmarks of issue 2 on both engines, with wrk over loopback (server, database and wrk share the machine):
#   GET /api/platforms/ and GET /api/me/ at 64 connections: req/s and p99, median of RUNS runs;
#   POST /api/token/ (bcrypt cost 12) req/s, and the p99 of GET /api/platforms/ while a login flood runs;
#   RSS of an idle `myvod serve` with the sample catalog.
# Usage: bash bench/foundation.sh   (RUNS=3 DURATION=10s by default)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
PORT="${PORT:-18099}"

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target myvod >/dev/null
source scripts/postgres-cluster.sh
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; pg_cluster_stop; rm -rf "$work"; }
trap cleanup EXIT

# wrk output -> "<req/s> <p99 ms>"
wrk_figures() {
  awk '/Requests\/sec/ {rps=$2}
       $1=="99%" {v=$2; unit=v; gsub(/[0-9.]/,"",unit); gsub(/[a-z]/,"",v);
                  if (unit=="us") v=v/1000; else if (unit=="s") v=v*1000; p99=v}
       END {printf "%.0f %.2f\n", rps, p99}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure() {  # name, wrk arguments...
  local name="$1"; shift
  local rps=() p99=()
  for _ in $(seq "$RUNS"); do
    read -r r p < <(wrk "$@" | wrk_figures)
    rps+=("$r"); p99+=("$p")
  done
  printf "  %-34s %9s req/s   p99 %7s ms   (runs: %s req/s)\n" "$name" \
    "$(printf '%s\n' "${rps[@]}" | median)" "$(printf '%s\n' "${p99[@]}" | median)" "${rps[*]}"
}

start_server() {  # database url
  MYVOD_DATABASE_URL="$1" MYVOD_LISTEN="127.0.0.1:$PORT" MYVOD_LOG_LEVEL=warn MYVOD_LOGIN_MAX_FAILURES=0 \
    MYVOD_SECRET_KEY=bench-secret ./build/myvod serve >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.1; done
  cat "$work/server.log"; return 1
}

stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

pg_cluster_start >/dev/null
admin_url="$MYVOD_TEST_POSTGRES_URL"
"$(pg_cluster_bin)/psql" "$admin_url" -qc "CREATE DATABASE myvod_bench" >/dev/null

export EMAIL=bench@example.com PASSWORD=benchPassword123
base="http://127.0.0.1:$PORT"
echo "myvod foundation benchmarks: wrk -t2 -c64 -d$DURATION, median of $RUNS runs ($(nproc) cores)"
for engine in sqlite postgres; do
  if [ "$engine" = sqlite ]; then url="sqlite:$work/bench.db"; else url="${admin_url%/postgres}/myvod_bench"; fi
  start_server "$url"
  sleep 1
  echo "$engine: idle RSS after start with the sample catalog: $(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status)"
  curl -s -o /dev/null -X POST "$base/api/register/" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}"
  export TOKEN
  TOKEN="$(curl -s -X POST "$base/api/token/" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | sed 's/.*"access":"\([^"]*\)".*/\1/')"
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
