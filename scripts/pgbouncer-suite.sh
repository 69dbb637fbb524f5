#!/usr/bin/env bash
# The server suite through PgBouncer in transaction mode, on Debian's PostgreSQL 15 (issue #25):
# the deployment most hosted PostgreSQL offers, on the oldest server Rapport supports.
#   bash scripts/pgbouncer-suite.sh [test files…]
# Starts a throwaway PostgreSQL 15 and Debian's pgbouncer (pool_mode=transaction, trust on
# loopback; as root both run as the postgres user), then `npm run test:server` with
# DATABASE_URL at PgBouncer, DATABASE_DIRECT_URL at PostgreSQL and DB_PREPARED_STATEMENTS=false
# (PgBouncer 1.18 cannot carry named prepared statements in transaction mode; 1.21 can).
# Both are stopped by PID at the end. Writes .tmp/results/server.json like test:server, and
# exits with its status. Needs /usr/lib/postgresql/15 and /usr/sbin/pgbouncer (see .ci/run).
set -uo pipefail
cd "$(dirname "$0")/.."

PGBIN=/usr/lib/postgresql/15/bin
PGBOUNCER=/usr/sbin/pgbouncer
# Below Linux's ephemeral range (32768-60999): a port in it can be held at any moment by some
# other connection's local end (CI once found 55426 taken that way), which fails the bind.
PGPORT=${PGBOUNCER_SUITE_PG_PORT:-31425}
BOUNCER_PORT=${PGBOUNCER_SUITE_PORT:-31426}
for bin in "$PGBIN/postgres" "$PGBOUNCER"; do
  [ -x "$bin" ] || { echo "missing $bin (apt-get install postgresql-15 pgbouncer)"; exit 1; }
done

DIR=$(mktemp -d /tmp/pgbouncer-suite-XXXXXX)
chmod 755 "$DIR"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$DIR"

pg_started=0
bouncer_pid=""
cleanup() {
  if [ -n "$bouncer_pid" ]; then
    kill -INT "$bouncer_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$bouncer_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  [ "$pg_started" -eq 1 ] && as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Each test server holds up to ~15 server connections through the pooler (its pool of 5, the job
# queue's) plus its direct ones; two files run at once, some start several servers.
as_pg "$PGBIN/initdb" -D "$DIR/data" -U rapport --auth=trust -E UTF8 >/dev/null || { echo "initdb failed"; exit 1; }
if ! as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=400" start >/dev/null; then
  echo "could not start PostgreSQL 15"; cat "$DIR/postgres.log"; exit 1
fi
pg_started=1

# Any database name is forwarded (each test file clones its own); "rapport" may use the admin
# console (harness.ts closes a dropped test database's server connections with KILL).
as_pg tee "$DIR/users.txt" >/dev/null <<<'"rapport" ""'
# A port can still be taken by something else on the machine: a few are tried before giving up.
start_bouncer() {
  rm -f "$DIR/pgbouncer.pid"
  as_pg tee "$DIR/pgbouncer.ini" >/dev/null <<EOF
[databases]
* = host=127.0.0.1 port=$PGPORT
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $DIR/users.txt
admin_users = rapport
pool_mode = transaction
max_client_conn = 2000
default_pool_size = 20
pidfile = $DIR/pgbouncer.pid
logfile = $DIR/pgbouncer.log
EOF
  as_pg "$PGBOUNCER" -d "$DIR/pgbouncer.ini" || { echo "could not start pgbouncer"; cat "$DIR/pgbouncer.log"; return 1; }
  # With -d it forks first, so a port it cannot bind shows as no pid file (and a FATAL in its log).
  for _ in $(seq 50); do [ -s "$DIR/pgbouncer.pid" ] && break; sleep 0.1; done
  bouncer_pid=$(cat "$DIR/pgbouncer.pid" 2>/dev/null)
  [ -n "$bouncer_pid" ] || { echo "pgbouncer wrote no pid"; cat "$DIR/pgbouncer.log"; return 1; }
}
for attempt in 1 2 3 4 5; do
  start_bouncer && break
  [ "$attempt" -eq 5 ] && exit 1
  BOUNCER_PORT=$((BOUNCER_PORT + 2))
  echo "trying pgbouncer on port $BOUNCER_PORT"
done
echo "$($PGBOUNCER --version | head -1) (pid $bouncer_pid, port $BOUNCER_PORT, pool_mode=transaction) in front of PostgreSQL 15 (port $PGPORT)"

DATABASE_URL="postgres://rapport@127.0.0.1:$BOUNCER_PORT/postgres" \
DATABASE_DIRECT_URL="postgres://rapport@127.0.0.1:$PGPORT/postgres" \
DB_PREPARED_STATEMENTS=false \
  node_modules/.bin/node scripts/test-server.ts "$@"
