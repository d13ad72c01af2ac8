#!/usr/bin/env bash
# Benchmarks of the poster fetcher on both engines, against the fake TMDB answering every call after 20 ms
# (tests/fakes, the same server the tests use):
#   `myvod fetch-posters` on 10,000 movies: wall time, TMDB calls per second reached, peak RSS;
#   GET /api/user-movies/?status=watchlist (20 movies, 64 connections) alone, then while a poster fetch
#   writes into the same database, once as fast as the fake allows and once at the defaults a server's
#   poster worker runs with (10 calls/s, 2 threads): p99 and req/s.
# Usage: bash bench/posters.sh   (RUNS=3 DURATION=10s by default; POSTER_WORKERS=16 LATENCY_MS=20)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
cmake -S . -B build -DMYVOD_BUILD_TESTS=ON >/dev/null
cmake --build build --target fake-tmdb >/dev/null
data="$(imdb_files 200000)"
workers="${POSTER_WORKERS:-16}"
latency="${LATENCY_MS:-20}"
key=0123456789abcdef0123456789abcdef

./build/tests/fake-tmdb "$key" "$latency" >"$work/tmdb.url" 2>"$work/tmdb.log" &
tmdb_pid=$!
trap 'kill $tmdb_pid 2>/dev/null; cleanup' EXIT
for _ in $(seq 100); do [ -s "$work/tmdb.url" ] && break; sleep 0.05; done
export MYVOD_TMDB_API_KEY="$key" MYVOD_TMDB_BASE_URL="$(cat "$work/tmdb.url")"

echo "myvod poster benchmarks: fake TMDB at $latency ms per call, $workers poster threads, median of $RUNS runs of $DURATION ($(nproc) cores)"
for engine in sqlite postgres; do
  url="$(fresh_database "$engine" myvod_posters)"
  ./build/myvod import-imdb --database-url "$url" --basics "$data/title.basics.tsv.gz" \
    --ratings "$data/title.ratings.tsv.gz" >/dev/null
  # Exactly 10,000 movies lack a poster: the rest count as answered today.
  last="$(run_sql "$url" "SELECT tconst FROM movie ORDER BY tconst LIMIT 1 OFFSET 9999")"
  run_sql "$url" "UPDATE movie SET poster_last_checked = '2099-01-01 00:00:00+00' WHERE tconst > '$last'"
  echo "$engine: $(run_sql "$url" "SELECT COUNT(*) FROM movie") movies, 10,000 without a poster"

  /usr/bin/time -f "%e %M" -o "$work/fetch.time" env MYVOD_TMDB_REQUESTS_PER_SECOND=1000 \
    MYVOD_POSTER_WORKERS="$workers" ./build/myvod fetch-posters --database-url "$url" >"$work/fetch.out" 2>/dev/null
  read -r wall rss_kb <"$work/fetch.time"
  found="$(run_sql "$url" "SELECT COUNT(*) FROM movie WHERE poster_path IS NOT NULL")"
  # Two calls per movie (find, then images).
  awk -v wall="$wall" -v rss="$rss_kb" -v found="$found" -v summary="$(tail -1 "$work/fetch.out")" 'BEGIN {
    printf "  fetch-posters, 10,000 movies: %s s wall, %.0f TMDB calls/s, peak RSS %.1f MB, %s posters stored (%s)\n",
           wall, 20000 / wall, rss / 1024, found, summary }'

  # The watchlist alone, then while a poster fetch of every movie writes into the same database.
  start_server "$url"
  watchlist_of_20 "$url" "posters-$engine@example.com"
  measure "GET watchlist of 20, alone" -t2 -c64 -d"$DURATION" --latency -s bench/auth.lua \
    "$base/api/user-movies/?status=watchlist"
  # Fetching as fast as the fake allows (the worst case), then at the defaults a server runs with.
  for pace in "1000 $workers" "10 2"; do
    read -r rate threads <<<"$pace"
    MYVOD_TMDB_REQUESTS_PER_SECOND="$rate" MYVOD_POSTER_WORKERS="$threads" \
      ./build/myvod fetch-posters --all --database-url "$url" >/dev/null 2>&1 &
    fetch_pid=$!
    measure "GET watchlist of 20, during a fetch at $rate calls/s" -t2 -c64 -d"$DURATION" --latency \
      -s bench/auth.lua "$base/api/user-movies/?status=watchlist"
    kill "$fetch_pid" 2>/dev/null; wait "$fetch_pid" 2>/dev/null || true
    run_sql "$url" "DELETE FROM job_lease"  # the killed fetch held the posters lease
  done
  stop_server
done
