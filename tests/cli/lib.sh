# Shared by the CLI tests (sourced): how a test fails, and how it learns the port of a server it started.

fail() { echo "FAIL: $*"; exit 1; }

# wait_for_port LOG [TRIES]: sets `port` to the one `myvod serve` logged it listens on, checking LOG every
# 0.1 s up to TRIES times (600 by default); fails the test with the log when the server never got there.
wait_for_port() {
  local log="$1" tries="${2:-600}"
  port=""
  for _ in $(seq "$tries"); do
    port="$(grep -o '"msg":"listening".*"port":[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  fail "server did not start: $(cat "$log")"
}
