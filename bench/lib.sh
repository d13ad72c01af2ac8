# Shared by the benchmark scripts: build, a throwaway PostgreSQL cluster, a server per engine, and wrk runs
# reduced to medians. Source it from a script that has cd'ed to the repository root.
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
PORT="${PORT:-18099}"
base="http://127.0.0.1:$PORT"

bash scripts/install-deps.sh --test
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target myvod imdb-generator search-index-bench sqlite-script-bench >/dev/null
source scripts/postgres-cluster.sh
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; pg_cluster_stop; rm -rf "$work"; }
trap cleanup EXIT
pg_cluster_start >/dev/null
admin_url="$MYVOD_TEST_POSTGRES_URL"

# A fresh database of the engine: prints its URL.
fresh_database() {  # engine name
  if [ "$1" = sqlite ]; then
    rm -f "$work/$2.db" "$work/$2.db-wal" "$work/$2.db-shm"
    echo "sqlite:$work/$2.db"
  else
    "$(pg_cluster_bin)/psql" "$admin_url" -qc "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2" >/dev/null 2>&1
    echo "${admin_url%/postgres}/$2"
  fi
}

# Runs SQL on a database given by its myvod URL.
run_sql() {  # url sql
  if [[ "$1" == sqlite:* ]]; then sqlite3 "${1#sqlite:}" "$2"; else "$(pg_cluster_bin)/psql" "$1" -qAtc "$2"; fi
}

# wrk output -> "<req/s> <p50 ms> <p99 ms>"
wrk_figures() {
  awk 'function ms(v,  unit) { unit=v; gsub(/[0-9.]/,"",unit); gsub(/[a-z]/,"",v);
                               return unit=="us" ? v/1000 : (unit=="s" ? v*1000 : v) }
       /Requests\/sec/ {rps=$2}
       $1=="50%" {p50=ms($2)}
       $1=="99%" {p99=ms($2)}
       /Non-2xx/ {errors=$NF}
       END {printf "%.0f %.2f %.2f %d\n", rps, p50, p99, errors}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Per-second rates of runs of `seconds` each, one per line -> how many there were in all the runs.
total_over_runs() { awk -v seconds="$1" '{sum += $1} END {print sum * seconds}'; }  # seconds

# CPU seconds used so far: by the whole machine (busy time of all cores), by one process, and by the PostgreSQL
# cluster: its live processes plus what its postmaster collected from those that exited (such as the backends
# of pgbench's connections).
machine_cpu_seconds() {
  awk -v ticks="$(getconf CLK_TCK)" '$1 == "cpu" {printf "%.3f", ($2 + $3 + $4 + $7 + $8 + $9) / ticks}' /proc/stat
}
cpu_seconds() {  # pid
  awk -v ticks="$(getconf CLK_TCK)" '{printf "%.3f", ($14 + $15) / ticks}' "/proc/$1/stat"
}
postgres_cpu_seconds() {
  local postmaster
  postmaster="$(head -1 "$PG_CLUSTER_DIR/data/postmaster.pid")"
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat"
    for pid in $(pgrep -P "$postmaster"); do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true; done
  } | awk -v ticks="$(getconf CLK_TCK)" '{sum += $1} END {printf "%.3f", sum / ticks}'
}

# BEFORE_RUN, when set, is a command run before each of the runs (to put the data back in its start state).
# The median req/s is left in measured_rps, the number of requests of all runs (at
# DURATION each) in measured_requests.
measure() {  # name, wrk arguments...
  local name="$1"; shift
  local rps=() p50=() p99=() errors=0
  for _ in $(seq "$RUNS"); do
    if [ -n "${BEFORE_RUN:-}" ]; then eval "$BEFORE_RUN"; fi
    read -r r p q e < <(wrk "$@" | wrk_figures)
    rps+=("$r"); p50+=("$p"); p99+=("$q"); errors=$((errors + e))
  done
  measured_rps="$(printf '%s\n' "${rps[@]}" | median)"
  measured_requests="$(printf '%s\n' "${rps[@]}" | total_over_runs "${DURATION%s}")"
  printf "  %-44s %9s req/s   p50 %7s ms   p99 %7s ms   (runs: %s req/s%s)\n" "$name" \
    "$(printf '%s\n' "${rps[@]}" | median)" "$(printf '%s\n' "${p50[@]}" | median)" \
    "$(printf '%s\n' "${p99[@]}" | median)" "${rps[*]}" "$([ "$errors" -gt 0 ] && echo ", $errors non-2xx")"
}

start_server() {  # database url; MYVOD_BIN: the binary, ./build/myvod unless given
  # No log-in limits: the login benchmarks send one account's log-ins from one address, many at once (and
  # that address's share of the hashing queue is an eighth of it).
  MYVOD_DATABASE_URL="$1" MYVOD_LISTEN="127.0.0.1:$PORT" MYVOD_LOG_LEVEL=warn \
    MYVOD_LOGIN_MAX_FAILURES=0 MYVOD_LOGIN_MAX_FAILURES_PER_ADDRESS=0 MYVOD_HASHING_QUEUE_LIMIT=1024 \
    MYVOD_SECRET_KEY=bench-secret "${MYVOD_BIN:-./build/myvod}" serve >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do curl -sf "$base/healthz" >/dev/null && return 0; sleep 0.05; done
  cat "$work/server.log"; return 1
}

stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

# Registers and logs in a user; prints the access token.
new_token() {  # email
  curl -s -o /dev/null -X POST "$base/api/register/" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"benchPassword123\"}"
  curl -s -X POST "$base/api/token/" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"benchPassword123\"}" | sed 's/.*"access":"\([^"]*\)".*/\1/'
}

# Registers a user with 20 movies of the catalog on their watchlist (from the 5,001st by tconst) and exports
# TOKEN, their access token, for bench/auth.lua.
watchlist_of_20() {  # database url, email
  local picked tconst
  mapfile -t picked < <(run_sql "$1" "SELECT tconst FROM movie ORDER BY tconst LIMIT 20 OFFSET 5000")
  export TOKEN
  TOKEN="$(new_token "$2")"
  for tconst in "${picked[@]}"; do
    curl -s -o /dev/null -X POST "$base/api/user-movies/" -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' -d "{\"tconst\":\"$tconst\"}"
  done
}

# Synthetic IMDb files with `titles` rows, generated once per size under BENCH_DATA (kept between runs).
imdb_files() {  # titles
  local dir="${BENCH_DATA:-/tmp/myvod-bench-data}/$1"
  if [ ! -s "$dir/title.akas.tsv.gz" ]; then
    mkdir -p "$dir"
    ./build/imdb-generator --out "$dir" --titles "$1" --akas >&2
  fi
  echo "$dir"
}

# The myvod binary of an earlier commit, for the scripts that compare this checkout with it: built in a
# worktree under the run's folder (removed on exit), or BASE_BIN when set (a binary already built from it).
# Leaves its path in base_bin.
build_base() {  # commit
  base_bin="${BASE_BIN:-}"
  [ -n "$base_bin" ] && return 0
  git worktree add --detach "$work/base" "$1" >/dev/null
  trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; cleanup' EXIT
  cmake -S "$work/base" -B "$work/base/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_UNITY_BUILD=ON >/dev/null
  cmake --build "$work/base/build" --target myvod >/dev/null
  base_bin="$work/base/build/myvod"
}
