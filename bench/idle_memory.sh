#!/usr/bin/env bash
# The memory 5,000 connections leave behind (issue 13, defect 13): an idle server's resident size at start,
# with 5,000 open keep-alive connections that each had one answer, and 2 s after they all closed. On SQLite;
# the connections, not the database, take the memory.
# Usage: bash bench/idle_memory.sh   (COUNT=5000 by default; MYVOD_BIN=path measures another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
count="${COUNT:-5000}"
rss() { awk '/VmRSS/ {print $2 / 1024 " MB"}' "/proc/$server_pid/status"; }
start_server "$(fresh_database sqlite myvod_idle)"
sleep 1
echo "resident at start:                  $(rss)"
node tests/cli/open_connections.js "$PORT" "$count" >"$work/client.log" &
client=$!
for _ in $(seq 1200); do
  grep -q answered "$work/client.log" && break
  sleep 0.05
done
echo "with $count connections open:       $(rss)"
wait "$client"
sleep 2
echo "2 s after they closed:              $(rss)"
stop_server
