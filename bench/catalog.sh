#!/usr/bin/env bash
# Benchmarks of issue 4 on both engines, on synthetic IMDb files at full scale (bench/imdb_generator.cpp:
# 12 million titles, ~700,000 movies, ~1.4 million ratings; TITLES=... for another size):
#   `myvod import-imdb` into an empty database, then again over the same data: wall time and peak RSS;
#   `myvod serve` start-up (launch to first answer, search index built) and its RSS;
#   GET /api/movies/?search= at 64 and at 16 connections with random 1-3 word queries cut from catalog titles,
#   half with a typo: req/s, p50, p99, and the server's CPU time per search; the index alone
#   (search-index-bench, bench/search_index.cpp): CPU time per query;
#   the index rebuilt beside the server after the catalog changes: the searches' p99 meanwhile, the index's
#   size and the peak RSS during the swap;
#   every title a movie is known by: `import-imdb --akas` of one region (AKAS_REGION, PL by default) from the
#   generated title.akas (~50 million lines), first and again, then the same searches, half of them cut from
#   the region's titles, and the index alone and its size.
# Usage: bash bench/catalog.sh   (RUNS=3 DURATION=10s by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
data="$(imdb_files "${TITLES:-12000000}")"

# Runs a command RUNS times; prints "median seconds, median peak RSS MB".
timed() {
  local seconds=() rss=()
  for _ in $(seq "$RUNS"); do
    "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt"; return 1; }
    seconds+=("$(awk -F': ' '/Elapsed/ {n=split($2,t,":"); s=0; for (i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time.txt")")
    rss+=("$(awk '/Maximum resident/ {printf "%.0f", $NF/1024}' "$work/time.txt")")
  done
  echo "$(printf '%s\n' "${seconds[@]}" | median) s, peak RSS $(printf '%s\n' "${rss[@]}" | median) MB (runs: ${seconds[*]} s)"
}

import() {  # url
  /usr/bin/time -v ./build/myvod import-imdb --database-url "$1" --basics "$data/title.basics.tsv.gz" \
    --ratings "$data/title.ratings.tsv.gz"
}

rss_mb() {  # VmRSS or VmHWM of the server
  awk -v field="$1:" '$1 == field {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status"
}
builds_done() {  # how many times the server has built its search index
  curl -s "$base/metrics" | awk '$1 == "myvod_search_index_build_duration_seconds_count" {print $2}'
}

region="${AKAS_REGION:-PL}"
import_akas() {  # url
  /usr/bin/time -v ./build/myvod import-imdb --database-url "$1" --akas "$data/title.akas.tsv.gz" \
    --akas-regions "$region"
}
index_mb() {
  curl -s "$base/metrics" | awk '$1 == "myvod_search_index_bytes" {printf "%.0f", $2 / 1048576}'
}

fresh_import() {  # engine
  import "$(fresh_database "$1" myvod_catalog)"
}

echo "myvod catalog benchmarks: $(zcat "$data/title.basics.tsv.gz" | wc -l) lines of title.basics, median of $RUNS runs ($(nproc) cores)"
for engine in sqlite postgres; do
  echo "$engine:"
  echo "  import into an empty database:        $(timed fresh_import "$engine")"
  url="$(fresh_database "$engine" myvod_catalog)"
  import "$url" >/dev/null 2>&1
  echo "  import again (nothing changed):        $(timed import "$url")"
  echo "  movies: $(run_sql "$url" "SELECT COUNT(*) FROM movie")"

  starts=()
  for _ in $(seq "$RUNS"); do
    began=$(date +%s.%N)
    start_server "$url"
    starts+=("$(awk -v began="$began" -v now="$(date +%s.%N)" 'BEGIN {printf "%.2f", now - began}')")
    rss="$(awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/$server_pid/status)"
    stop_server
  done
  echo "  serve start-up to first answer:        $(printf '%s\n' "${starts[@]}" | median) s (runs: ${starts[*]}), RSS after start $rss MB"

  start_server "$url"
  export TITLES="$work/titles.txt"
  run_sql "$url" "SELECT primary_title FROM movie ORDER BY random() LIMIT 5000" >"$TITLES"
  measure "GET /api/movies/?search=, 64 connections" -t2 -c64 -d"$DURATION" --latency -s bench/search.lua "$base/"
  measure "GET /api/movies/?search=, 16 connections" -t2 -c16 -d"$DURATION" --latency -s bench/search.lua "$base/"
  cpu_before="$(cpu_seconds "$server_pid")"
  searches="$(wrk -t2 -c16 -d"$DURATION" -s bench/search.lua "$base/" | awk '/requests in/ {print $1}')"
  echo "  server CPU per search: $(awk -v cpu="$(cpu_seconds "$server_pid")" -v before="$cpu_before" -v n="$searches" \
    'BEGIN {printf "%.0f", (cpu - before) * 1e6 / n}') us ($searches searches at 16 connections)"
  echo "  RSS after the search runs: $(rss_mb VmRSS) MB (peak $(rss_mb VmHWM) MB)"
  echo "  the index alone: $(./build/search-index-bench --database-url "$url" --titles "$TITLES")"

  # The catalog changes (as an import by another process would change it): the next search starts a rebuild
  # on its own thread while the searches go on.
  index_bytes="$(index_mb)"
  rss_before="$(rss_mb VmRSS)"
  echo 5 >"/proc/$server_pid/clear_refs"  # the peak RSS starts again from here
  run_sql "$url" "UPDATE app_setting SET value = 'bench-changed' WHERE key = 'catalog_version'"
  builds_before="$(builds_done)"
  wrk -t2 -c16 -d"$DURATION" --latency -s bench/search.lua "$base/" >"$work/rebuild.txt" &
  wrk_pid=$!
  for _ in $(seq 600); do [ "$(builds_done)" != "$builds_before" ] && break; sleep 0.05; done
  wait "$wrk_pid"
  read -r rps p50 p99 _ < <(wrk_figures <"$work/rebuild.txt")
  echo "  searches while the index is rebuilt:  $rps req/s, p50 $p50 ms, p99 $p99 ms (16 connections)"
  echo "  index $index_bytes MB; RSS $rss_before MB before the rebuild, peak $(rss_mb VmHWM) MB during it, $(rss_mb VmRSS) MB after"
  stop_server

  import_akas "$url" >"$work/akas.txt" 2>"$work/time.txt"
  echo "  import-imdb --akas, region $region:       $(awk -F': ' '/Elapsed/ {print $2}' "$work/time.txt") (m:ss), peak RSS $(awk '/Maximum resident/ {printf "%.0f", $NF/1024}' "$work/time.txt") MB; $(grep 'other titles:' "$work/akas.txt")"
  echo "  import-imdb --akas again (no change):  $(timed import_akas "$url")"
  echo "  $region's titles: $(run_sql "$url" "SELECT COUNT(*) FROM movie_aka WHERE region = '$region'") of $(run_sql "$url" "SELECT COUNT(DISTINCT tconst) FROM movie_aka WHERE region = '$region'") movies"
  start_server "$url"
  run_sql "$url" "SELECT primary_title FROM movie ORDER BY random() LIMIT 2500" >"$TITLES"
  run_sql "$url" "SELECT title FROM movie_aka WHERE region = '$region' ORDER BY random() LIMIT 2500" >>"$TITLES"
  measure "with $region's titles: search, 64 connections" -t2 -c64 -d"$DURATION" --latency -s bench/search.lua "$base/"
  measure "with $region's titles: search, 16 connections" -t2 -c16 -d"$DURATION" --latency -s bench/search.lua "$base/"
  echo "  with $region's titles: the index alone: $(./build/search-index-bench --database-url "$url" --titles "$TITLES"); index $(index_mb) MB"
  stop_server
done
