#!/usr/bin/env bash
# Benchmarks of AI suggestions (issue 11) on both engines, in the full-size catalog (synthetic IMDb files of
# 12 million titles: ~700,000 movies) with availability on 50,000 of them, spread over the five platforms:
#   building the candidate pool and the prompt for a user with 200 watchlisted or rated movies and all five
#   platforms, without the model call (`myvod suggestions-prompt`, which times itself): median of RUNS;
#   GET /api/suggestions/ answered from the day's stored batch (20 picks), 64 connections: req/s, p50, p99.
# Usage: bash bench/suggestions.sh   (RUNS=3 DURATION=10s by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
data="$(imdb_files 12000000)"
today="$(date -u +%Y-%m-%d)"

echo "myvod suggestions benchmarks: median of $RUNS runs ($(nproc) cores)"
for engine in sqlite postgres; do
  url="$(fresh_database "$engine" myvod_suggestions)"
  ./build/myvod import-imdb --database-url "$url" --basics "$data/title.basics.tsv.gz" \
    --ratings "$data/title.ratings.tsv.gz" >/dev/null
  run_sql "$url" "INSERT INTO movie_availability (tconst, platform_id, is_available, last_checked, source)
                  SELECT tconst, 1 + (n % 5), TRUE, '$today 00:00:00+00', 'bench'
                  FROM (SELECT tconst, ROW_NUMBER() OVER (ORDER BY tconst) AS n FROM movie) numbered
                  WHERE n % 14 = 0 LIMIT 50000"
  start_server "$url"
  email="taste-$engine@example.com"
  TOKEN="$(new_token "$email")"
  export TOKEN
  curl -s -o /dev/null -X PATCH "$base/api/me/" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d '{"platforms":[1,2,3,4,5]}'
  user_id="$(run_sql "$url" "SELECT id FROM users_user WHERE email = '$email'")"
  # 200 of the most-voted movies: half watched and rated, half on the watchlist. (PostgreSQL types a
  # CASE of text literals as text, so the timestamp is typed there.)
  watched="'$today 01:00:00.000000+00'"
  [ "$engine" = postgres ] && watched="TIMESTAMPTZ $watched"
  run_sql "$url" "INSERT INTO user_movie (user_id, tconst, watchlisted_at, watched_at, user_rating)
                  SELECT '$user_id', tconst, '$today 00:00:00.000000+00',
                         CASE WHEN n % 2 = 0 THEN $watched END, CASE WHEN n % 2 = 0 THEN 1 + n % 10 END
                  FROM (SELECT tconst, ROW_NUMBER() OVER (ORDER BY num_votes DESC, tconst) AS n FROM movie) ranked
                  WHERE n <= 200"
  counts="$(run_sql "$url" "SELECT COUNT(*) FROM movie") movies, $(run_sql "$url" "SELECT COUNT(*) FROM movie_availability") available"
  timings=()
  for _ in $(seq "$RUNS"); do
    timings+=("$(./build/myvod suggestions-prompt --database-url "$url" --email "$email" 2>&1 >"$work/prompt.txt" |
      sed -n 's/^prompt built in \([0-9.]*\) ms.*/\1/p')")
  done
  echo "$engine: $counts"
  printf "  %-44s %9s ms   (runs: %s ms; %s candidates, %s bytes)\n" "pool + prompt, 200 movies, 5 platforms" \
    "$(printf '%s\n' "${timings[@]}" | median)" "${timings[*]}" "$(grep -c '^- \[tt' "$work/prompt.txt")" \
    "$(wc -c <"$work/prompt.txt")"
  picks="$(grep -o '^- \[tt[0-9]*\]' "$work/prompt.txt" | head -20 | tr -d '[]-' | tr -d ' ' |
    awk '{printf "%s{\"tconst\":\"%s\",\"justification\":\"Dobry wybór.\"}", (NR > 1 ? "," : ""), $1}')"
  run_sql "$url" "INSERT INTO ai_suggestion_batch (user_id, generated_at, expires_at, prompt, response)
                  VALUES ('$user_id', '$(date -u '+%Y-%m-%d %H:%M:%S').000000+00', '$today 23:59:59.999999+00', 'bench',
                          '{\"Netflix\":[$picks]}')"
  measure "GET /api/suggestions/ (stored batch), 64 connections" -t2 -c64 -d"$DURATION" --latency -s bench/auth.lua \
    "$base/api/suggestions/"
  stop_server
done
