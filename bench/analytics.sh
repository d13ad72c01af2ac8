#!/usr/bin/env bash
# Benchmarks of the staff analytics on both engines, with 100,000 users, 2,000,000 user_movie rows and
# 200,000 integration error-log rows (written by SQL, spread over the last year), on a catalog of 11,820
# movies (synthetic IMDb files of 200,000 titles):
#   GET metrics/, top-movies/?range=all and error-logs/ (one staff member, one connection): p50 and p99;
#   GET error-logs/export.csv of all 200,000 rows: wall time, size, and the server's peak RSS before and
#   after the export (a fresh server each time).
# Usage: bash bench/analytics.sh   (RUNS=3 DURATION=10s by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
data="$(imdb_files 200000)"
api="$base/admin/analytics/api"

# The rows, by SQL: users joined over 400 days, 20 movies each from 2,000 (watchlisted over the last year,
# a quarter watched, one in eight removed, one in ten from a suggestion), a suggestion batch for one user in
# five, and 200,000 error-log rows over 90 days.
seed() {  # engine url
  if [ "$1" = sqlite ]; then
    run_sql "$2" "
      CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 199999) SELECT i FROM c;
      CREATE TEMP TABLE twenty AS SELECT i FROM n WHERE i < 20;
      CREATE TEMP TABLE picks (k INTEGER PRIMARY KEY, tconst TEXT);
      INSERT INTO picks SELECT row_number() OVER (ORDER BY tconst) - 1, tconst FROM (SELECT tconst FROM movie ORDER BY tconst LIMIT 2000);
      INSERT INTO users_user (id, password, username, email, date_joined)
        SELECT 'u' || i, 'x', 'a' || i || '@example.com', 'a' || i || '@example.com',
               strftime('%Y-%m-%d %H:%M:%S.000000+00', 'now', '-' || (i % 400) || ' days', '-' || (i % 24) || ' hours')
        FROM n WHERE i < 100000;
      INSERT INTO user_movie (user_id, tconst, watchlisted_at, watchlist_deleted_at, watched_at, added_from_ai_suggestion)
        SELECT 'u' || u.i, p.tconst,
               strftime('%Y-%m-%d %H:%M:%S.000000+00', 'now', '-' || ((u.i + j.i) % 365) || ' days'),
               CASE WHEN j.i % 8 = 0 THEN strftime('%Y-%m-%d %H:%M:%S.000000+00', 'now') END,
               CASE WHEN j.i % 4 = 1 THEN strftime('%Y-%m-%d %H:%M:%S.000000+00', 'now', '-' || ((u.i + j.i) % 300) || ' days') END,
               j.i % 10 = 3
        FROM n u CROSS JOIN twenty j JOIN picks p ON p.k = (u.i * 7 + j.i * 101) % 2000 WHERE u.i < 100000;
      INSERT INTO ai_suggestion_batch (user_id, generated_at, expires_at)
        SELECT 'u' || i, strftime('%Y-%m-%d %H:%M:%S.000000+00', 'now'), strftime('%Y-%m-%d %H:%M:%S.000000+00', 'now') FROM n WHERE i < 100000 AND i % 5 = 0;
      INSERT INTO integration_error_log (api_type, error_message, user_id, occurred_at)
        SELECT CASE i % 4 WHEN 0 THEN 'tmdb' WHEN 1 THEN 'watchmode' WHEN 2 THEN 'gemini' ELSE 'smtp' END,
               'Request failed with status ' || (500 + i % 4) || ', retried 3 times', CASE WHEN i % 3 = 0 THEN 'u' || (i % 100000) END,
               strftime('%Y-%m-%d %H:%M:%S.000000+00', 'now', '-' || (i % 129600) || ' minutes')
        FROM n;
      ANALYZE;"
  else
    run_sql "$2" "
      CREATE TEMP TABLE picks AS SELECT row_number() OVER (ORDER BY tconst) - 1 AS k, tconst FROM (SELECT tconst FROM movie ORDER BY tconst LIMIT 2000) m;
      INSERT INTO users_user (id, password, username, email, date_joined)
        SELECT lpad(to_hex(i + 1), 32, '0')::uuid, 'x', 'a' || i || '@example.com', 'a' || i || '@example.com',
               now() - (i % 400) * interval '1 day' - (i % 24) * interval '1 hour'
        FROM generate_series(0, 99999) i;
      INSERT INTO user_movie (user_id, tconst, watchlisted_at, watchlist_deleted_at, watched_at, added_from_ai_suggestion)
        SELECT lpad(to_hex(u + 1), 32, '0')::uuid, p.tconst, now() - ((u + j) % 365) * interval '1 day',
               CASE WHEN j % 8 = 0 THEN now() END,
               CASE WHEN j % 4 = 1 THEN now() - ((u + j) % 300) * interval '1 day' END,
               j % 10 = 3
        FROM generate_series(0, 99999) u CROSS JOIN generate_series(0, 19) j JOIN picks p ON p.k = (u * 7 + j * 101) % 2000;
      INSERT INTO ai_suggestion_batch (user_id, generated_at, expires_at)
        SELECT lpad(to_hex(i + 1), 32, '0')::uuid, now(), now() FROM generate_series(0, 99999, 5) i;
      INSERT INTO integration_error_log (api_type, error_message, user_id, occurred_at)
        SELECT (ARRAY['tmdb', 'watchmode', 'gemini', 'smtp'])[i % 4 + 1],
               'Request failed with status ' || (500 + i % 4) || ', retried 3 times',
               CASE WHEN i % 3 = 0 THEN lpad(to_hex(i % 100000 + 1), 32, '0')::uuid END,
               now() - (i % 129600) * interval '1 minute'
        FROM generate_series(0, 199999) i;"
    run_sql "$2" "VACUUM ANALYZE"
  fi
}

staff_token() {  # url
  TOKEN="$(new_token staff@example.com)"
  run_sql "$1" "UPDATE users_user SET is_staff = TRUE WHERE email = 'staff@example.com'" >/dev/null
  export TOKEN
}

peak_rss_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status"; }

echo "myvod analytics benchmarks: median of $RUNS runs of $DURATION, one connection ($(nproc) cores)"
for engine in sqlite postgres; do
  url="$(fresh_database "$engine" myvod_analytics)"
  ./build/myvod import-imdb --database-url "$url" --basics "$data/title.basics.tsv.gz" \
    --ratings "$data/title.ratings.tsv.gz" >/dev/null
  start_server "$url"  # migrates
  stop_server
  started=$SECONDS
  seed "$engine" "$url" >/dev/null
  seconds=$((SECONDS - started))
  echo "$engine: $(run_sql "$url" "SELECT COUNT(*) FROM users_user") users, $(run_sql "$url" "SELECT COUNT(*) FROM user_movie") user_movie rows, $(run_sql "$url" "SELECT COUNT(*) FROM integration_error_log") error-log rows (seeded in $seconds s)"
  start_server "$url"
  staff_token "$url"
  for path in "metrics/" "top-movies/?range=all" "top-movies/?type=watched&range=30d" "error-logs/" "error-logs/?api_type=smtp&page=100"; do
    measure "GET $path" -t1 -c1 -d"$DURATION" --timeout 30s --latency -s bench/auth.lua "$api/$path"
  done
  stop_server

  for _ in $(seq "$RUNS"); do
    start_server "$url"
    curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$api/metrics/"
    before="$(peak_rss_mb)"
    read -r wall size < <(curl -sf -o "$work/export.csv" -w '%{time_total} %{size_download}\n' \
      -H "Authorization: Bearer $TOKEN" "$api/error-logs/export.csv")
    echo "$wall $size $before $(peak_rss_mb) $(($(wc -l <"$work/export.csv") - 1))" >>"$work/export.$engine"
    stop_server
  done
  sort -n "$work/export.$engine" | awk -v runs="$RUNS" '
    {line[NR]=$0} END {split(line[int((NR+1)/2)], m, " ");
      printf "  %-44s %6.2f s   %5.1f MB   peak RSS %s MB before, %s MB after   (%d rows; runs: %d)\n",
             "GET error-logs/export.csv", m[1], m[2] / 1e6, m[3], m[4], m[5], runs}'
done
