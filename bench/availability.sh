#!/usr/bin/env bash
# Benchmarks of the availability sync on both engines, against the fake Watchmode answering every page after
# 20 ms (tests/fakes, the same server the tests use), on a catalog of 11,820 movies (synthetic IMDb files of
# 200,000 titles):
#   `myvod sync-availability` of 5 platforms x 10,000 titles (40 pages of 250 each): the first sync (every
#   title arrives) and the next one (every title stays): wall time, SQL statements, peak RSS; unpaced (our
#   own cost) and at the default pace of 5 Watchmode calls a second (what an operator waits);
#   GET /api/user-movies/?status=watchlist (20 movies, 64 connections) alone, then while syncs run back to
#   back against the same database: p99 and req/s;
#   the notification fan-out: one movie arriving on Netflix for 100,000 users who watchlist it.
# Usage: bash bench/availability.sh   (RUNS=3 DURATION=10s by default; LATENCY_MS=20)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
cmake -S . -B build -DMYVOD_BUILD_TESTS=ON >/dev/null
cmake --build build --target fake-watchmode >/dev/null
data="$(imdb_files 200000)"
latency="${LATENCY_MS:-20}"
key=bench-watchmode-key
fakes=()
stop_fakes() { if [ "${#fakes[@]}" -gt 0 ]; then kill "${fakes[@]}" 2>/dev/null || true; fi; fakes=(); }
trap 'stop_fakes; cleanup' EXIT

# Starts a fake Watchmode serving `file` (see tests/fakes/fake_watchmode_main.cpp); its URL is then in
# $work/NAME.url. (Not a $(...) call: the process id must reach this shell's list.)
start_watchmode() {  # name titles-per-source file
  ./build/tests/fake-watchmode "$key" "$latency" "$2" "$3" >"$work/$1.url" 2>"$work/$1.log" &
  fakes+=($!)
  for _ in $(seq 100); do [ -s "$work/$1.url" ] && break; sleep 0.05; done
}

# One sync of every platform: "<wall s> <peak RSS MB> <statements>" and the summary kept in $work/sync.out.
timed_sync() {  # url watchmode-url
  /usr/bin/time -f "%e %M" -o "$work/sync.time" env MYVOD_WATCHMODE_API_KEY="$key" MYVOD_WATCHMODE_BASE_URL="$2" \
    MYVOD_WATCHMODE_REQUESTS_PER_SECOND="${PACE:-1000}" ./build/myvod sync-availability --database-url "$1" \
    >"$work/sync.out" 2>/dev/null
  read -r wall rss_kb <"$work/sync.time"
  statements="$(tail -1 "$work/sync.out" | awk '{print $3}')"
  echo "$wall $((rss_kb / 1024)) $statements"
}

echo "myvod availability benchmarks: fake Watchmode at $latency ms per page, median of $RUNS runs of $DURATION ($(nproc) cores)"
for engine in sqlite postgres; do
  url="$(fresh_database "$engine" myvod_sync)"
  ./build/myvod import-imdb --database-url "$url" --basics "$data/title.basics.tsv.gz" \
    --ratings "$data/title.ratings.tsv.gz" >/dev/null
  run_sql "$url" "SELECT tconst FROM movie ORDER BY tconst LIMIT 30000" >"$work/tconsts.txt"
  start_watchmode listing 10000 "$work/tconsts.txt"
  watchmode="$(cat "$work/listing.url")"
  echo "$engine: $(run_sql "$url" "SELECT COUNT(*) FROM movie") movies; 5 platforms x 10,000 titles (neighbours share half)"

  firsts=() nexts=()
  for _ in $(seq "$RUNS"); do
    run_sql "$url" "DELETE FROM movie_availability"
    firsts+=("$(timed_sync "$url" "$watchmode")")
    nexts+=("$(timed_sync "$url" "$watchmode")")
  done
  paced="$(PACE=5 timed_sync "$url" "$watchmode")"
  for which in first next; do
    declare -n runs="${which}s"
    printf "  %-44s %6s s wall   %6s SQL statements   peak RSS %4s MB   (runs: %s s)\n" "sync-availability, $which sync, unpaced" \
      "$(printf '%s\n' "${runs[@]}" | awk '{print $1}' | median)" "$(printf '%s\n' "${runs[@]}" | awk '{print $3}' | median)" \
      "$(printf '%s\n' "${runs[@]}" | awk '{print $2}' | median)" "$(printf '%s\n' "${runs[@]}" | awk '{printf "%s ", $1}')"
  done
  read -r wall _ _ <<<"$paced"
  printf "  %-44s %6s s wall\n" "sync-availability, next sync, 5 calls/s" "$wall"
  awk '/^[a-z]/ && NF == 7 && $7 == "succeeded" {n++} END {printf "  (%d platforms synced in the last run)\n", n}' "$work/sync.out"

  # The watchlist alone, then while syncs run back to back (the next sync's writes: every row refreshed).
  start_server "$url"
  watchlist_of_20 "$url" "sync-$engine@example.com"
  measure "GET watchlist of 20, alone" -t2 -c64 -d"$DURATION" --latency -s bench/auth.lua \
    "$base/api/user-movies/?status=watchlist"
  (while true; do
     run_sql "$url" "DELETE FROM movie_availability WHERE platform_id = 1" >/dev/null
     MYVOD_WATCHMODE_API_KEY="$key" MYVOD_WATCHMODE_BASE_URL="$watchmode" MYVOD_WATCHMODE_REQUESTS_PER_SECOND=1000 \
       ./build/myvod sync-availability --database-url "$url" >/dev/null 2>&1 || true
   done) &
  syncing=$!
  measure "GET watchlist of 20, during syncs" -t2 -c64 -d"$DURATION" --latency -s bench/auth.lua \
    "$base/api/user-movies/?status=watchlist"
  kill "$syncing" 2>/dev/null; wait "$syncing" 2>/dev/null || true
  pkill -f "sync-availability --database-url $url" 2>/dev/null || true
  sleep 0.5
  run_sql "$url" "DELETE FROM job_lease" >/dev/null  # a killed sync held the lease
  stop_server

  # Fan-out: 100,000 users with Netflix watchlist one movie that arrives on Netflix.
  movie="$(run_sql "$url" "SELECT tconst FROM movie ORDER BY tconst DESC LIMIT 1")"
  if [ "$engine" = sqlite ]; then
    numbers="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT i FROM n"
    run_sql "$url" "INSERT INTO users_user (id, password, username, email, date_joined)
                      SELECT 'fan-' || i, 'x', 'fan' || i || '@example.com', 'fan' || i || '@example.com',
                             '2026-01-01 00:00:00.000000+00' FROM ($numbers);
                    INSERT INTO user_platform (user_id, platform_id) SELECT 'fan-' || i, 1 FROM ($numbers);
                    INSERT INTO user_movie (user_id, tconst, watchlisted_at)
                      SELECT 'fan-' || i, '$movie', '2026-01-01 00:00:00.000000+00' FROM ($numbers);"
  else
    run_sql "$url" "INSERT INTO users_user (id, password, username, email, date_joined)
                      SELECT lpad(to_hex(i), 32, '0')::uuid, 'x', 'fan' || i || '@example.com', 'fan' || i || '@example.com',
                             '2026-01-01' FROM generate_series(1, 100000) i;
                    INSERT INTO user_platform (user_id, platform_id) SELECT lpad(to_hex(i), 32, '0')::uuid, 1 FROM generate_series(1, 100000) i;
                    INSERT INTO user_movie (user_id, tconst, watchlisted_at)
                      SELECT lpad(to_hex(i), 32, '0')::uuid, '$movie', '2026-01-01' FROM generate_series(1, 100000) i;"
  fi
  run_sql "$url" "DELETE FROM movie_availability WHERE platform_id = 1"
  echo "203 $movie" >"$work/one.txt"
  start_watchmode one 0 "$work/one.txt"
  one="$(cat "$work/one.url")"
  MYVOD_WATCHMODE_API_KEY="$key" MYVOD_WATCHMODE_BASE_URL="$one" \
    ./build/myvod sync-availability --platform netflix --database-url "$url" >"$work/fanout.out" 2>/dev/null
  printf "  %-44s %s   notifications created: %s\n" "fan-out to 100,000 watchlisting users" \
    "$(tail -1 "$work/fanout.out")" "$(run_sql "$url" "SELECT COUNT(*) FROM notification WHERE tconst = '$movie'")"
  stop_fakes
done
