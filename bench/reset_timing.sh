#!/usr/bin/env bash
# Whether a password-reset request's timing reveals that an address has an account (bench/reset_timing.js),
# on both engines, with mail on (the fake SMTP server as the relay, so known addresses really send).
# Usage: bash bench/reset_timing.sh   (USERS=500 ROUNDS=4 CONCURRENCY=8 RUNS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
USERS="${USERS:-500}"
ROUNDS="${ROUNDS:-4}"
CONCURRENCY="${CONCURRENCY:-8}"
cmake -S . -B build -DMYVOD_BUILD_TESTS=ON >/dev/null
cmake --build build --target fake-smtp >/dev/null
mkdir -p "$work/mail"
./build/tests/fake-smtp "$work/mail" "$work/ca.pem" >"$work/smtp-url" 2>/dev/null &
smtp_pid=$!
trap 'kill $smtp_pid 2>/dev/null; cleanup' EXIT
for _ in $(seq 100); do [ -s "$work/smtp-url" ] && break; sleep 0.05; done
export MYVOD_SMTP_URL="$(cat "$work/smtp-url")" MYVOD_SMTP_CA_FILE="$work/ca.pem" MYVOD_BCRYPT_COST=4

for engine in ${ENGINES:-sqlite postgres}; do
  echo "$engine: $USERS accounts, $ROUNDS requests each and as many for unknown addresses, $CONCURRENCY at a time, $RUNS runs"
  for run in $(seq "$RUNS"); do
    start_server "$(fresh_database "$engine" "reset_$run")"
    echo " run $run"
    node bench/reset_timing.js "$base" "$USERS" "$ROUNDS" "$CONCURRENCY" | sed 's/^/  /'
    stop_server
  done
done
