#!/usr/bin/env bash
# Out of descriptors: with the open-file limit reached, `myvod serve` keeps serving the connections it has,
# pauses its accepts instead of retrying in a loop (which spun a core and logged 84,000 lines a second),
# warns once per interval, and serves new clients once descriptors are free again.
set -euo pipefail
myvod="$1"
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
source "$(dirname "$0")/lib.sh"
export MYVOD_DATABASE_URL="sqlite:$work/descriptors.db"

# 64 descriptors in all (soft and hard), and a connection limit above that, so that accepting runs out of
# descriptors before the limit answers 503.
(ulimit -n 64 && MYVOD_LISTEN=127.0.0.1:0 MYVOD_IO_THREADS=1 MYVOD_MAX_CONNECTIONS=1000 exec "$myvod" serve) \
  >"$work/serve.log" 2>&1 &
server=$!
wait_for_port "$work/serve.log" 100

cpu_seconds() { awk '{ print ($14 + $15) / 100 }' "/proc/$server/stat"; }
health() {  # on descriptor $1: one request, its status line back
  printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n' >&"$1"
  local line=""
  read -r -t 5 line <&"$1" || true
  echo "${line%$'\r'}"
}

# The first connection is accepted (the backlog is first in, first out) before descriptors run out.
first=""
exec {first}<>"/dev/tcp/127.0.0.1/$port"
held=()
for _ in $(seq 1 100); do
  exec {fd}<>"/dev/tcp/127.0.0.1/$port"
  held+=("$fd")
done
sleep 1
before="$(cpu_seconds)"
sleep 3
spent="$(awk -v a="$before" -v b="$(cpu_seconds)" 'BEGIN { print b - a }')"
awk -v s="$spent" 'BEGIN { exit !(s < 0.5) }' || fail "the server spent ${spent} s of CPU in 3 s while out of descriptors"
[ "$(health "$first")" = "HTTP/1.1 200 OK" ] || fail "a held connection is no longer served"
warnings="$(grep -c '"msg":"accept failed"' "$work/serve.log" || true)"
[ "$warnings" -ge 1 ] && [ "$warnings" -le 2 ] || fail "$warnings accept warnings in 4 s: $(tail -3 "$work/serve.log")"

for fd in "${held[@]}" "$first"; do exec {fd}>&-; done
answer=""
for _ in $(seq 1 50); do
  answer="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)"
  [ "$answer" = "200" ] && break
  sleep 0.1
done
[ "$answer" = "200" ] || fail "no new client served once descriptors were free: $answer"
echo "descriptors: ${spent} s of CPU in 3 s out of descriptors, $warnings warning(s)"
