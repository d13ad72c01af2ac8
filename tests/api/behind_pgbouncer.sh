#!/usr/bin/env bash
# The PostgreSQL API suite again, through PgBouncer 1.18 (Debian's) in transaction-pooling mode with
# MYVOD_PG_PREPARE=off: each transaction may land on another server connection, so nothing may rely on a
# session's state (prepared statements, session-level advisory locks). Needs MYVOD_TEST_POSTGRES_URL.
set -euo pipefail
api_tests="$1"
source "$(dirname "$0")/../../scripts/postgres-cluster.sh"
trap pg_bouncer_stop EXIT
pg_bouncer_start
MYVOD_TEST_ENGINE=postgres MYVOD_PG_PREPARE=off MYVOD_TEST_POSTGRES_URL="$PGBOUNCER_URL" "$api_tests"
