#!/usr/bin/env bash
# Benchmarks of issue 3 on both engines, with wrk over loopback (server, database and wrk share the machine),
# in a catalog of ~58,000 movies (synthetic IMDb files, 1 million titles):
#   GET /api/user-movies/?status=watchlist for a user with 20 watchlist movies, and a page of 100 for a user
#   with 100, each movie with availability rows on all five platforms: req/s, p50, p99 at 64 connections;
#   the POST add / DELETE remove cycle with 16 connections.
# Usage: bash bench/watchlist.sh   (RUNS=3 DURATION=10s by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
data="$(imdb_files 1000000)"

echo "myvod watchlist benchmarks: median of $RUNS runs of $DURATION ($(nproc) cores)"
for engine in sqlite postgres; do
  url="$(fresh_database "$engine" myvod_watchlist)"
  ./build/myvod import-imdb --database-url "$url" --basics "$data/title.basics.tsv.gz" \
    --ratings "$data/title.ratings.tsv.gz" >/dev/null
  movies="$(run_sql "$url" "SELECT COUNT(*) FROM movie")"
  # 136 movies from the middle of the catalog: 20 + 100 for the lists, 16 for the add/remove cycle.
  mapfile -t picked < <(run_sql "$url" "SELECT tconst FROM movie ORDER BY tconst LIMIT 136 OFFSET 20000")
  run_sql "$url" "INSERT INTO movie_availability (tconst, platform_id, is_available, last_checked, source)
                  SELECT m.tconst, p.id, (length(m.tconst) + p.id) % 3 = 0, '2026-11-21 00:00:00+00', 'watchmode'
                  FROM movie m CROSS JOIN platform p WHERE m.tconst IN ('$(IFS=,; echo "${picked[*]}" | sed "s/,/','/g")')"
  start_server "$url"
  echo "$engine: $movies movies"

  export TOKEN
  small="$(new_token "twenty-$engine@example.com")"
  large="$(new_token "hundred-$engine@example.com")"
  cycler="$(new_token "cycle-$engine@example.com")"
  for token in "$small" "$large" "$cycler"; do
    curl -s -o /dev/null -X PATCH "$base/api/me/" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d '{"platforms":[1,2,3]}'
  done
  add() {  # token tconst
    curl -s -o /dev/null -X POST "$base/api/user-movies/" -H "Authorization: Bearer $1" \
      -H 'Content-Type: application/json' -d "{\"tconst\":\"$2\"}"
  }
  for tconst in "${picked[@]:0:20}"; do add "$small" "$tconst"; done
  for tconst in "${picked[@]:20:100}"; do add "$large" "$tconst"; done

  TOKEN="$small"
  measure "GET watchlist of 20, 64 connections" -t2 -c64 -d"$DURATION" --latency -s bench/auth.lua \
    "$base/api/user-movies/?status=watchlist"
  TOKEN="$large"
  measure "GET watchlist page of 100, 64 connections" -t2 -c64 -d"$DURATION" --latency -s bench/auth.lua \
    "$base/api/user-movies/?status=watchlist&page_size=100"
  TOKEN="$cycler"
  export MOVIES
  MOVIES="$(IFS=,; echo "${picked[*]:120:16}")"
  # Every run starts with the cycled movies off the watchlist, as a run may stop between an add and a remove.
  BEFORE_RUN="run_sql '$url' \"UPDATE user_movie SET watchlist_deleted_at = '2026-11-21 00:00:00+00'
    WHERE user_id IN (SELECT id FROM users_user WHERE email = 'cycle-$engine@example.com')\""
  measure "POST add + DELETE remove, 16 connections" -t16 -c16 -d"$DURATION" --latency -s bench/add_remove.lua \
    "$base/"
  BEFORE_RUN=""
  echo "  (an add/remove cycle is two requests)"
  stop_server
done
