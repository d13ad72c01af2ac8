#!/usr/bin/env bash
# This checkout against an earlier commit on uncached title search over bench/catalog.sh's full-size catalog
# (12 million synthetic IMDb titles, ~700,000 movies; TITLES=... for another size), on both engines. Each
# binary imports the catalog into a database of its own; then the two servers take turns, RUNS rounds of
# each, at 64 and at 16 connections (bench/search.lua's queries: 1-3 words cut from catalog titles, half with a
# typo; DURATION each after 2 s of warm-up). Prints the medians of req/s and p99, the server's CPU per search
# and, on PostgreSQL, the database's, and head/base as a ratio of req/s.
# Usage: bash bench/search_compare.sh BASE_COMMIT   (RUNS=3 DURATION=8s by default; BASE_BIN=path skips the
# build of the base, for a binary already built from it)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
DURATION="${DURATION:-8s}"
base_commit="${1:?usage: bash bench/search_compare.sh BASE_COMMIT}"
source bench/lib.sh
build_base "$base_commit"
head_bin="$PWD/build/myvod"
data="$(imdb_files "${TITLES:-12000000}")"
echo "this checkout ($(git rev-parse --short HEAD)) against $base_commit: search, wrk -t2 -d$DURATION, $RUNS rounds each, taking turns ($(nproc) cores)"

# CPU seconds of the database's processes so far (none for SQLite, which runs inside the server).
database_cpu_seconds() {  # engine
  if [ "$1" = postgres ]; then postgres_cpu_seconds; else echo 0; fi
}
per_search_us() {  # seconds before, seconds after, searches
  awk -v before="$1" -v after="$2" -v searches="$3" 'BEGIN {printf "%.0f", (after - before) / searches * 1e6}'
}

for engine in sqlite postgres; do
  declare -A url=()
  for side in base head; do
    bin="$base_bin"
    [ "$side" = head ] && bin="$head_bin"
    url[$side]="$(fresh_database "$engine" "myvod_search_$side")"
    "$bin" import-imdb --database-url "${url[$side]}" --basics "$data/title.basics.tsv.gz" \
      --ratings "$data/title.ratings.tsv.gz" >/dev/null 2>&1
  done
  export TITLES="$work/titles.txt"
  run_sql "${url[head]}" "SELECT primary_title FROM movie ORDER BY random() LIMIT 5000" >"$TITLES"
  for connections in 64 16; do
    declare -A rps=() p99=() server_us=() database_us=()
    for _ in $(seq "$RUNS"); do
      for side in base head; do
        bin="$base_bin"
        [ "$side" = head ] && bin="$head_bin"
        MYVOD_BIN="$bin" start_server "${url[$side]}"
        wrk -t2 -c"$connections" -d2s -s bench/search.lua "$base/" >/dev/null
        server_before="$(cpu_seconds "$server_pid")"
        database_before="$(database_cpu_seconds "$engine")"
        wrk -t2 -c"$connections" -d"$DURATION" --latency -s bench/search.lua "$base/" >"$work/wrk.txt"
        server_after="$(cpu_seconds "$server_pid")"
        database_after="$(database_cpu_seconds "$engine")"
        stop_server
        searches="$(awk '/requests in/ {print $1}' "$work/wrk.txt")"
        read -r r _ q errors < <(wrk_figures <"$work/wrk.txt")
        [ "$errors" = 0 ] || { echo "$errors answers were not 2xx"; exit 1; }
        rps[$side]+="$r "
        p99[$side]+="$q "
        server_us[$side]+="$(per_search_us "$server_before" "$server_after" "$searches") "
        database_us[$side]+="$(per_search_us "$database_before" "$database_after" "$searches") "
      done
    done
    for side in base head; do
      printf "  %-8s %2s connections  %s %6s req/s, p99 %6s ms, CPU per search: server %4s us, database %4s us   (runs: %s)\n" \
        "$engine" "$connections" "$side" "$(printf '%s\n' ${rps[$side]} | median)" \
        "$(printf '%s\n' ${p99[$side]} | median)" "$(printf '%s\n' ${server_us[$side]} | median)" \
        "$(printf '%s\n' ${database_us[$side]} | median)" "${rps[$side]% }"
    done
    echo "  $engine $connections connections  head/base $(awk -v h="$(printf '%s\n' ${rps[head]} | median)" \
      -v b="$(printf '%s\n' ${rps[base]} | median)" 'BEGIN {printf "%.2f", h / b}')"
    unset rps p99 server_us database_us
  done
  unset url
done
