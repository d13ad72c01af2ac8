#!/usr/bin/env bash
# A burst of 2,000 connections, then none: the server gives most of the memory they took back to the kernel.
# glibc kept it in its arenas for good (5,000 connections: 21 MB resident at start, 83 MB with them open,
# still 82 MB once they had closed); the server now trims when the last connection of a burst closes.
set -euo pipefail
myvod="$1"
work="$(mktemp -d)"
server=""
client=""
trap '[ -n "$server" ] && kill -9 "$server" 2>/dev/null; [ -n "$client" ] && kill "$client" 2>/dev/null; rm -rf "$work"' EXIT
source "$(dirname "$0")/lib.sh"
# Under AddressSanitizer or ThreadSanitizer memory comes from the sanitizer's allocator, not glibc's: there is
# nothing of glibc's to give back (77: ctest's "skipped"). The binary names the sanitizer's start-up hook
# whether the runtime is a shared library (g++) or linked in (clang), so the file is searched, not ldd's list.
if grep -q -a -E '__(asan|tsan)_init' "$myvod"; then
  echo "skipped: a sanitizer's allocator"
  exit 77
fi

MYVOD_DATABASE_URL="sqlite:$work/memory.db" MYVOD_LISTEN=127.0.0.1:0 "$myvod" serve >"$work/serve.log" 2>&1 &
server=$!
wait_for_port "$work/serve.log"
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
started="$(rss_kb)"
node "$(dirname "$0")/open_connections.js" "$port" 2000 >"$work/client.log" 2>&1 &
client=$!
for _ in $(seq 600); do
  grep -q answered "$work/client.log" && break
  sleep 0.1
done
grep -q answered "$work/client.log" || fail "the connections were not all answered: $(cat "$work/client.log")"
busy="$(rss_kb)"
wait "$client"
client=""
sleep 1
after="$(rss_kb)"
taken=$((busy - started))
[ "$taken" -gt 10000 ] || fail "2,000 connections took only $taken kB: the test measures nothing"
# At least half of what the connections took is given back.
[ $((busy - after)) -ge $((taken / 2)) ] ||
  fail "resident: $started kB at start, $busy kB with 2,000 connections, $after kB after they closed"
echo "resident: $started kB at start, $busy kB with 2,000 connections, $after kB after they closed"
