#!/usr/bin/env bash
# A burst of logins at bcrypt cost 12 on one hashing thread, then SIGTERM. Each login is answered as soon as
# its own hash is done (they were all answered at once, when the last was); on SIGTERM the logins still
# queued when the grace period ends are answered 503 and the process exits (none was answered, the process
# ran the whole queue past its grace period and then crashed on the way out).
set -euo pipefail
myvod="$1"
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill -9 "$server" 2>/dev/null; rm -rf "$work"' EXIT
source "$(dirname "$0")/lib.sh"

MYVOD_DATABASE_URL="sqlite:$work/shutdown.db" MYVOD_LISTEN=127.0.0.1:0 MYVOD_BCRYPT_COST=12 \
  MYVOD_HASHING_THREADS=1 MYVOD_HASHING_QUEUE_LIMIT=1000 MYVOD_SHUTDOWN_GRACE_SECONDS=1 \
  MYVOD_LOGIN_MAX_FAILURES=0 MYVOD_LOGIN_MAX_FAILURES_PER_ADDRESS=0 "$myvod" serve >"$work/serve.log" 2>&1 &
server=$!
wait_for_port "$work/serve.log"

account='{"email":"burst@example.com","password":"Correct-horse-9"}'
post() { curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' -d "$account" \
  "http://127.0.0.1:$port/api/$1/"; }
[ "$(post register)" = 201 ] || fail "registration failed: $(tail -3 "$work/serve.log")"

# 40 logins are 8 s of hashing at ~200 ms each.
for _ in $(seq 1 40); do post token >>"$work/answers" & done
sleep 2
early="$(wc -l <"$work/answers")"
[ "$early" -ge 3 ] || fail "$early of 40 logins answered after 2 s of hashing: answers wait for the whole burst"

sent="$(date +%s%N)"
kill -TERM "$server"
status=0
wait "$server" || status=$?
server=""
took_ms=$(( ($(date +%s%N) - sent) / 1000000 ))
wait  # for every curl
[ "$status" -eq 0 ] || fail "the server exited with $status: $(tail -3 "$work/serve.log")"
# The grace period, the second its refusals get, and one hash still running.
[ "$took_ms" -lt 3500 ] || fail "the server took $took_ms ms to exit with a 1 s grace period"
[ "$(wc -l <"$work/answers")" -eq 40 ] || fail "$(wc -l <"$work/answers") answers to 40 logins"
unanswered="$(grep -cv '^\(200\|503\)$' "$work/answers" || true)"
[ "$unanswered" -eq 0 ] || fail "$unanswered logins got no answer: $(sort "$work/answers" | uniq -c | tr '\n' ' ')"
echo "shutdown: $early logins answered in the first 2 s; exit $took_ms ms after SIGTERM;" \
  "answers: $(sort "$work/answers" | uniq -c | tr -s ' ' | tr '\n' ' ')"
