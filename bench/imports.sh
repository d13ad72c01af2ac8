#!/usr/bin/env bash
# Benchmarks of issue 15 on both engines, into the full-size synthetic catalog (bench/imdb_generator.cpp,
# TITLES=12000000 by default): `myvod import-list` of
#   - a 10,000-row IMDb ratings file (matched by id), and
#   - a 10,000-row Letterboxd export ZIP (4,000 watched, 2,000 diary, 2,000 ratings, 2,000 watchlist rows,
#     one film each, matched by title and year),
# each as a dry run, as the first import, and again (nothing changes): wall time, peak RSS and the statements
# the import ran (the command's own count), medians of RUNS runs (3).
# Usage: bash bench/imports.sh   (ROWS=10000)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
data="$(imdb_files "${TITLES:-12000000}")"
rows="${ROWS:-10000}"

# One import, RUNS times, BEFORE_RUN first each time; prints "median s, median peak RSS, statements".
import_runs() {  # label, import-list arguments...
  local label="$1"; shift
  local seconds=() rss=() statements=""
  for _ in $(seq "$RUNS"); do
    if [ -n "${BEFORE_RUN:-}" ]; then eval "$BEFORE_RUN"; fi
    /usr/bin/time -f "%e %M" -o "$work/time.txt" ./build/myvod import-list "$@" >"$work/out.txt" 2>"$work/err.txt" \
      || { cat "$work/err.txt"; return 1; }
    read -r s m <"$work/time.txt"
    seconds+=("$s"); rss+=("$((m / 1024))")
    statements="$(sed -n 's/^import-list: \([0-9]*\) statements$/\1/p' "$work/err.txt")"
  done
  printf '  %-34s %6s s, peak RSS %4s MB, %5s statements (runs: %s s)\n' "$label" \
    "$(printf '%s\n' "${seconds[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)" "$statements" "${seconds[*]}"
  echo "    $(grep -E '^(added|dry run)' "$work/out.txt")"
}

echo "myvod list import benchmarks: $rows-row files into $(zcat "$data/title.basics.tsv.gz" | wc -l) lines of title.basics, median of $RUNS runs ($(nproc) cores)"
for engine in sqlite postgres; do
  url="$(fresh_database "$engine" myvod_imports)"
  ./build/myvod import-imdb --database-url "$url" --basics "$data/title.basics.tsv.gz" \
    --ratings "$data/title.ratings.tsv.gz" >/dev/null 2>&1
  MYVOD_STAFF_PASSWORD=benchPassword123 ./build/myvod create-staff-user --database-url "$url" \
    --email importer@example.com >/dev/null
  echo "$engine: $(run_sql "$url" "SELECT COUNT(*) FROM movie") movies"

  # Every 60th movie with a year, the first 10,000: spread over the whole catalog, the same on both engines.
  pick="FROM movie WHERE start_year IS NOT NULL AND CAST(substr(tconst, 3) AS INTEGER) % 60 = 0 ORDER BY tconst LIMIT $rows"
  quoted="'\"' || replace(primary_title, '\"', '\"\"') || '\"'"
  {
    echo "Const,Your Rating,Date Rated,Title,Year,Title Type"
    run_sql "$url" "SELECT tconst || ',' || (CAST(substr(tconst, 3) AS INTEGER) / 60 % 10 + 1) || ',2021-03-04,' || $quoted
                    || ',' || start_year || ',Movie' $pick"
  } >"$work/ratings.csv"
  run_sql "$url" "SELECT $quoted || ',' || start_year || ',' || (CAST(substr(tconst, 3) AS INTEGER) / 60 % 10 + 1) $pick" \
    >"$work/films.txt"
  mkdir -p "$work/letterboxd" && rm -f "$work/letterboxd.zip"
  awk -F, -v dir="$work/letterboxd" -v n="$rows" '
    BEGIN {
      print "Date,Name,Year,Letterboxd URI" > dir "/watched.csv"
      print "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date" > dir "/diary.csv"
      print "Date,Name,Year,Letterboxd URI,Rating" > dir "/ratings.csv"
      print "Date,Name,Year,Letterboxd URI" > dir "/watchlist.csv"
    }
    {
      stars = $NF / 2; if (stars < 0.5) stars = 0.5
      film = $0; sub(/,[0-9]+$/, "", film)  # "title",year
      uri = "https://boxd.it/" NR
      if (NR <= n * 0.4) print "2020-01-02," film "," uri > dir "/watched.csv"
      else if (NR <= n * 0.6) print "2020-02-03," film "," uri "," stars ",,,2020-02-01" > dir "/diary.csv"
      else if (NR <= n * 0.8) print "2020-03-04," film "," uri "," stars > dir "/ratings.csv"
      else print "2020-04-05," film "," uri > dir "/watchlist.csv"
    }' "$work/films.txt"
  (cd "$work/letterboxd" && zip -q "$work/letterboxd.zip" watched.csv diary.csv ratings.csv watchlist.csv)
  echo "  files: ratings.csv $(($(wc -l <"$work/ratings.csv") - 1)) rows; letterboxd.zip $(cat "$work"/letterboxd/*.csv | wc -l) lines, $(($(stat -c %s "$work/letterboxd.zip") / 1024)) KB"

  clear_lists="run_sql '$url' 'DELETE FROM user_movie' >/dev/null"
  for source in imdb letterboxd; do
    file="$work/ratings.csv"
    [ "$source" = letterboxd ] && file="$work/letterboxd.zip"
    args=(--database-url "$url" --user importer@example.com --source "$source" "$file")
    BEFORE_RUN="$clear_lists" import_runs "$source dry run (empty lists):" "${args[@]}" --dry-run
    BEFORE_RUN="$clear_lists" import_runs "$source import (empty lists):" "${args[@]}"
    BEFORE_RUN="" import_runs "$source again (nothing changes):" "${args[@]}"
  done
done
