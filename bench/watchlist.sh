#!/usr/bin/env bash
# Benchmarks of issue 3 on both engines, with wrk over loopback (server, database and wrk share the machine),
# in a catalog of ~58,000 movies (synthetic IMDb files, 1 million titles):
#   GET /api/user-movies/?status=watchlist for a user with 20 watchlist movies, and a page of 100 for a user
#   with 100, each movie with availability rows on all five platforms: req/s, p50, p99 at 64 connections;
#   the POST add / DELETE remove cycle with 16 connections.
# Beside the watchlist of 20, the database alone: the statements that request runs, as PostgreSQL logged them,
# run by pgbench (PostgreSQL) and by sqlite-script-bench (SQLite) at the same 64 connections, and the ratio
# myvod / database alone. On PostgreSQL, two servers on the one database (design.md §16), wrk's 64
# connections split between them, against the one server: the ratio of their throughputs.
# Usage: bash bench/watchlist.sh   (RUNS=3 DURATION=10s by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
data="$(imdb_files 1000000)"

# The statements of one watchlist request as PostgreSQL ran them, logged for that request alone
# (log_statement), with their values written in and the user's id left as :user_id: the script of both
# engines' database-alone runs.
capture_statements() {  # token, user id, script file
  local log="$PG_CLUSTER_DIR/server.log" from
  run_sql "$admin_url" "ALTER SYSTEM SET log_statement = 'all'"
  run_sql "$admin_url" "SELECT pg_reload_conf()" >/dev/null
  sleep 1
  from="$(stat -c %s "$log")"
  curl -sf -o /dev/null -H "Authorization: Bearer $1" "$base/api/user-movies/?status=watchlist"
  sleep 1
  run_sql "$admin_url" "ALTER SYSTEM RESET log_statement"
  run_sql "$admin_url" "SELECT pg_reload_conf()" >/dev/null
  tail -c +"$((from + 1))" "$log" | USER_ID="$2" perl -ne '
    our ($pending, @script);
    sub done { push @script, "$pending;\n" if defined $pending; undef $pending; }
    if (/\] LOG:  (?:execute [^:]*|statement): (.*)$/) {
      done();
      $pending = $1;
      # Not the request: the settings change around it, and the read of the platform directory (once in 5 s for
      # all requests together, so the first request after an idle spell always makes it).
      undef $pending if $pending =~ /pg_reload_conf|ALTER SYSTEM|FROM platform ORDER BY id/;
    } elsif (/\] DETAIL:  parameters: (.*)$/ && defined $pending) {
      my $parameters = $1;
      my %value = $parameters =~ /\$(\d+) = (\x27(?:[^\x27]|\x27\x27)*\x27|NULL)/g;
      for my $n (sort { $b <=> $a } keys %value) { $pending =~ s/\$$n\b/$value{$n}/g; }
    }
    END { done(); my $text = join "", @script; $text =~ s/\x27\Q$ENV{USER_ID}\E\x27/:user_id/g; print $text; }
  ' >"$3"
  [ -s "$3" ] || { echo "no statement captured" >&2; return 1; }
  echo "  one request's statements, as run alone (:user_id stands for the user's id):"
  sed 's/^/    /' "$3"
}

# The script run by the engine's own tool, RUNS times at 64 connections: prints the medians as measure does
# and leaves the median transactions per second in alone_tps, the transactions of all runs in
# alone_transactions.
measure_alone() {  # engine, url, user id, script file
  local tps=() p50=() p99=() figures seconds="${DURATION%s}"
  for _ in $(seq "$RUNS"); do
    if [ "$1" = postgres ]; then
      rm -f "$work"/pgbench_log*
      "$(pg_cluster_bin)/pgbench" -n -M prepared -c 64 -j 2 -T "$seconds" -D user_id="$3" -f "$4" \
        -l --log-prefix="$work/pgbench_log" "$2" >"$work/pgbench.out" 2>&1 || { cat "$work/pgbench.out"; return 1; }
      figures="$(cat "$work"/pgbench_log* | awk '{print $3 / 1000}' | sort -n |
        awk -v tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench.out")" \
          '{a[NR]=$1} END {printf "%.0f %.2f %.2f\n", tps, a[int((NR-1)*0.5)+1], a[int((NR-1)*0.99)+1]}')"
    else
      figures="$(./build/sqlite-script-bench --database "${2#sqlite:}" --script "$4" --connections 64 \
        --seconds "$seconds" --set user_id="$3")"
    fi
    read -r t p q <<<"$figures"
    tps+=("$t"); p50+=("$p"); p99+=("$q")
  done
  alone_tps="$(printf '%s\n' "${tps[@]}" | median)"
  alone_transactions="$(printf '%s\n' "${tps[@]}" | total_over_runs "$seconds")"
  printf "  %-44s %9s tx/s    p50 %7s ms   p99 %7s ms   (runs: %s tx/s)\n" \
    "database alone, same statements, 64 conn." "$alone_tps" "$(printf '%s\n' "${p50[@]}" | median)" \
    "$(printf '%s\n' "${p99[@]}" | median)" "${tps[*]}"
}

# Where the CPU goes: readings of the whole machine's busy time, myvod's (SQLite runs inside it) and the
# PostgreSQL cluster's, and the difference of two readings per request (or transaction) in microseconds. On a
# saturated machine throughput follows the machine's CPU per request, so this says where myvod / database
# alone loses; the machine's figure also holds the load tool's share (wrk, pgbench, sqlite-script-bench).
cpu_readings() {  # engine
  echo "$(machine_cpu_seconds) $(cpu_seconds "$server_pid") $([ "$1" = postgres ] && postgres_cpu_seconds || echo 0)"
}
print_cpu_per() {  # unit, count, readings before, readings after
  awk -v unit="$1" -v n="$2" -v before="$3" -v after="$4" 'BEGIN {
    split(before, b, " "); split(after, a, " ")
    printf "  %-44s machine %5.0f us, myvod %5.0f us, PostgreSQL %5.0f us, the rest (load tool, kernel) %5.0f us\n",
      "CPU per " unit, (a[1] - b[1]) * 1e6 / n, (a[2] - b[2]) * 1e6 / n, (a[3] - b[3]) * 1e6 / n,
      ((a[1] - b[1]) - (a[2] - b[2]) - (a[3] - b[3])) * 1e6 / n
  }'
}

# A second `myvod serve` on the same database, on PORT + 1 (the same secret, so the same tokens); its pid is
# left in second_pid.
start_second_server() {  # url
  MYVOD_DATABASE_URL="$1" MYVOD_LISTEN="127.0.0.1:$((PORT + 1))" MYVOD_LOG_LEVEL=warn \
    MYVOD_SECRET_KEY=bench-secret ./build/myvod serve >"$work/second-server.log" 2>&1 &
  second_pid=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$((PORT + 1))/healthz" >/dev/null && return 0; sleep 0.05; done
  cat "$work/second-server.log"; return 1
}

# The watchlist of 20 through two servers at once, 32 connections each, RUNS times: prints the median of
# their summed req/s and its ratio to `one_server` (req/s).
measure_two_servers() {  # path, one_server
  local sums=() first second first_wrk
  for _ in $(seq "$RUNS"); do
    wrk -t1 -c32 -d"$DURATION" --latency -s bench/auth.lua "$base$1" >"$work/first.txt" &
    first_wrk=$!
    wrk -t1 -c32 -d"$DURATION" --latency -s bench/auth.lua "http://127.0.0.1:$((PORT + 1))$1" >"$work/second.txt"
    wait "$first_wrk"
    read -r first _ < <(wrk_figures <"$work/first.txt")
    read -r second _ < <(wrk_figures <"$work/second.txt")
    sums+=("$((first + second))")
  done
  printf "  %-44s %9s req/s   (runs: %s req/s); two / one server: %s\n" "two servers, 32 connections each" \
    "$(printf '%s\n' "${sums[@]}" | median)" "${sums[*]}" \
    "$(awk -v two="$(printf '%s\n' "${sums[@]}" | median)" -v one="$2" 'BEGIN {printf "%.2f", two / one}')"
}

echo "myvod watchlist benchmarks: median of $RUNS runs of $DURATION ($(nproc) cores)"
# PostgreSQL first: its log gives the statements both engines' database-alone runs take.
for engine in postgres sqlite; do
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
  cpu_before="$(cpu_readings "$engine")"
  measure "GET watchlist of 20, 64 connections" -t2 -c64 -d"$DURATION" --latency -s bench/auth.lua \
    "$base/api/user-movies/?status=watchlist"
  print_cpu_per request "$measured_requests" "$cpu_before" "$(cpu_readings "$engine")"
  user_id="$(run_sql "$url" "SELECT id FROM users_user WHERE email = 'twenty-$engine@example.com'")"
  if [ "$engine" = postgres ]; then
    one_server="$measured_rps"
    start_second_server "$url"
    measure_two_servers "/api/user-movies/?status=watchlist" "$one_server"
    kill "$second_pid"
    wait "$second_pid" 2>/dev/null || true
    capture_statements "$small" "$user_id" "$work/watchlist.sql"
  fi
  cpu_before="$(cpu_readings "$engine")"
  measure_alone "$engine" "$url" "$user_id" "$work/watchlist.sql"
  print_cpu_per transaction "$alone_transactions" "$cpu_before" "$(cpu_readings "$engine")"
  awk -v myvod="$measured_rps" -v alone="$alone_tps" \
    'BEGIN {printf "  %-44s %9.2f\n", "myvod / database alone", myvod / alone}'
  TOKEN="$large"
  measure "GET watchlist page of 100, 64 connections" -t2 -c64 -d"$DURATION" --latency -s bench/auth.lua \
    "$base/api/user-movies/?status=watchlist&page_size=100"
  TOKEN="$cycler"
  export MOVIES
  MOVIES="$(IFS=,; echo "${picked[*]:120:16}")"
  # Every run starts with the cycled movies off the watchlist, as a run may stop between an add and a remove.
  # The pause first lets the server finish the requests wrk left in flight: an add landing after the reset
  # would answer the next run's first add of that movie 409, and its connection would go on with 409s.
  BEFORE_RUN="sleep 1; run_sql '$url' \"UPDATE user_movie SET watchlist_deleted_at = '2026-11-21 00:00:00+00'
    WHERE user_id IN (SELECT id FROM users_user WHERE email = 'cycle-$engine@example.com')\""
  measure "POST add + DELETE remove, 16 connections" -t16 -c16 -d"$DURATION" --latency -s bench/add_remove.lua \
    "$base/"
  BEFORE_RUN=""
  echo "  (an add/remove cycle is two requests)"
  stop_server
done
