#!/usr/bin/env bash
# Instructions per request, counted by valgrind's callgrind rather than timed: the same count for the same
# binary and requests however busy the machine is, so a change of 1 % shows where wrk's medians vary by 5 %.
# A server (SQLite, sample catalog) answers N requests of PATH on one keep-alive connection; the count of a
# run with none is taken away and the rest divided by N.
# Usage: bash bench/instructions.sh [BIN...]   (N=2000, TARGET=/api/platforms/; BIN: ./build/myvod)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${N:-2000}"
target="${TARGET:-/api/platforms/}"
port="${PORT:-18555}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bash scripts/install-deps.sh --test
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target myvod >/dev/null

# Instructions of a whole server run that answered `count` requests.
instructions() {  # binary count
  rm -f "$work"/db*
  valgrind --tool=callgrind --callgrind-out-file="$work/out" "$1" serve --listen "127.0.0.1:$port" \
    --database-url "sqlite:$work/db" >"$work/log" 2>&1 &
  local pid=$!
  for _ in $(seq 1200); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  if [ "$2" -gt 0 ]; then
    curl -s $(for _ in $(seq "$2"); do printf 'http://127.0.0.1:%s%s ' "$port" "$target"; done) >/dev/null
  fi
  kill -TERM "$pid"
  wait "$pid" || true
  grep -o 'summary: [0-9]*' "$work/out" | awk '{print $2}'
}

[ $# -gt 0 ] || set -- ./build/myvod
echo "instructions per GET $target, $n requests on one connection (callgrind)"
for bin in "$@"; do
  none="$(instructions "$bin" 0)"
  some="$(instructions "$bin" "$n")"
  printf "  %-40s %8d\n" "$bin" $(((some - none) / n))
done
