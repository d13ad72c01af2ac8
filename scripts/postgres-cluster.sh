#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL cluster on a free loopback port, for the test suite and benchmarks.
#   source scripts/postgres-cluster.sh; pg_cluster_start; ...; pg_cluster_stop
# pg_cluster_start exports MYVOD_TEST_POSTGRES_URL (postgresql://postgres@127.0.0.1:PORT/postgres).

pg_cluster_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

# As root, the server must run as the unprivileged postgres user (PostgreSQL refuses root).
pg_cluster_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_cluster_free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
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
  local port
  port="$(pg_cluster_free_port)"
  echo '"postgres" ""' >"$PG_BOUNCER_DIR/users.txt"
  cat >"$PG_BOUNCER_DIR/pgbouncer.ini" <<INI
[databases]
* = host=${upstream%:*} port=${upstream##*:}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $PG_BOUNCER_DIR/users.txt
pool_mode = transaction
max_client_conn = 2000
default_pool_size = 8
logfile = $PG_BOUNCER_DIR/pgbouncer.log
pidfile = $PG_BOUNCER_DIR/pgbouncer.pid
INI
  # PgBouncer refuses to run as root.
  pg_cluster_as_owner pgbouncer -d "$PG_BOUNCER_DIR/pgbouncer.ini" || { cat "$PG_BOUNCER_DIR/pgbouncer.log"; return 1; }
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  export PGBOUNCER_URL="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "PgBouncer (transaction pooling) on port $port"
}

pg_bouncer_stop() {
  [ -n "${PG_BOUNCER_DIR:-}" ] || return 0
  [ -f "$PG_BOUNCER_DIR/pgbouncer.pid" ] && kill "$(cat "$PG_BOUNCER_DIR/pgbouncer.pid")" 2>/dev/null
  rm -rf "$PG_BOUNCER_DIR"
  PG_BOUNCER_DIR=""
}
