#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL cluster on a free loopback port, for the test suite and benchmarks.
#   source scripts/postgres-cluster.sh; pg_cluster_start; ...; pg_cluster_stop
# pg_cluster_start exports MYVOD_TEST_POSTGRES_URL (postgresql://postgres@127.0.0.1:PORT/postgres).

pg_cluster_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

# As root, the server must run as the unprivileged postgres user (PostgreSQL refuses root).
pg_cluster_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A port below the kernel's ephemeral range: the tests run side by side, and their fake servers (bound to port 0)
# and outbound connections take ports from that range, so a port picked there can be gone by the time it is bound.
pg_cluster_free_port() {
  local ephemeral_low port
  ephemeral_low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  [ "$ephemeral_low" -gt 20100 ] || ephemeral_low=32768
  for port in $(shuf -i "20000-$((ephemeral_low - 1))" -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

pg_cluster_start() {
  local bin
  bin="$(pg_cluster_bin)"
  PG_CLUSTER_DIR="$(mktemp -d /tmp/myvod-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_CLUSTER_DIR"
  PG_CLUSTER_PORT="$(pg_cluster_free_port)"
  pg_cluster_as_owner "$bin/initdb" -D "$PG_CLUSTER_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$PG_CLUSTER_DIR/initdb.log" 2>&1 || { cat "$PG_CLUSTER_DIR/initdb.log"; return 1; }
  # Durability settings off: this cluster lives for one test run.
  pg_cluster_as_owner "$bin/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w \
    -o "-p $PG_CLUSTER_PORT -k $PG_CLUSTER_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$PG_CLUSTER_DIR/server.log"; return 1; }
  export MYVOD_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PG_CLUSTER_PORT/postgres"
  echo "PostgreSQL test cluster on port $PG_CLUSTER_PORT ($PG_CLUSTER_DIR)"
}

pg_cluster_stop() {
  [ -n "${PG_CLUSTER_DIR:-}" ] || return 0
  pg_cluster_as_owner "$(pg_cluster_bin)/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_CLUSTER_DIR"
  PG_CLUSTER_DIR=""
}

# PgBouncer in transaction-pooling mode in front of the cluster named by MYVOD_TEST_POSTGRES_URL, on a free port,
# any database name passed through: the pooler a public instance may stand behind (design: scale-out). It
# exports PGBOUNCER_URL (the same URL through the pooler); pg_bouncer_stop stops it.
pg_bouncer_start() {
  local upstream="${MYVOD_TEST_POSTGRES_URL#*@}"
  upstream="${upstream%%/*}"
  PG_BOUNCER_DIR="$(mktemp -d /tmp/myvod-pgbouncer.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_BOUNCER_DIR"
  echo '"postgres" ""' >"$PG_BOUNCER_DIR/users.txt"
  # Another process may still take the free port first; then PgBouncer cannot listen, and another port is tried.
  local attempt port
  for attempt in 1 2 3; do
    port="$(pg_cluster_free_port)"
    pg_bouncer_write_config "$upstream" "$port"
    if pg_bouncer_listens "$port"; then
      export PGBOUNCER_URL="postgresql://postgres@127.0.0.1:$port/postgres"
      echo "PgBouncer (transaction pooling) on port $port"
      return 0
    fi
    echo "PgBouncer did not listen on port $port (attempt $attempt); its log:" >&2
    cat "$PG_BOUNCER_DIR/pgbouncer.log" >&2
    pg_bouncer_kill
  done
  return 1
}

pg_bouncer_write_config() {
  cat >"$PG_BOUNCER_DIR/pgbouncer.ini" <<INI
[databases]
* = host=${1%:*} port=${1##*:}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $2
unix_socket_dir =
auth_type = trust
auth_file = $PG_BOUNCER_DIR/users.txt
pool_mode = transaction
max_client_conn = 2000
default_pool_size = 8
logfile = $PG_BOUNCER_DIR/pgbouncer.log
pidfile = $PG_BOUNCER_DIR/pgbouncer.pid
INI
}

# Starts PgBouncer (it refuses to run as root) and waits up to ten seconds for its log to say it listens on the
# port. Its own log line, not a connection to the port: another process listening there would answer too.
pg_bouncer_listens() {
  local log="$PG_BOUNCER_DIR/pgbouncer.log"
  rm -f "$log"
  pg_cluster_as_owner pgbouncer -d "$PG_BOUNCER_DIR/pgbouncer.ini" || return 1
  for _ in $(seq 100); do
    grep -q -F "listening on 127.0.0.1:$1" "$log" 2>/dev/null && return 0
    grep -q -F ' FATAL ' "$log" 2>/dev/null && return 1
    sleep 0.1
  done
  return 1
}

pg_bouncer_kill() {
  [ -f "$PG_BOUNCER_DIR/pgbouncer.pid" ] && kill "$(cat "$PG_BOUNCER_DIR/pgbouncer.pid")" 2>/dev/null
  rm -f "$PG_BOUNCER_DIR/pgbouncer.pid"
}

pg_bouncer_stop() {
  [ -n "${PG_BOUNCER_DIR:-}" ] || return 0
  pg_bouncer_kill
  rm -rf "$PG_BOUNCER_DIR"
  PG_BOUNCER_DIR=""
}
