# sourced by .ci/run: start a throw-away PostgreSQL cluster on loopback and export its URL
if command -v pg_ctlcluster >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGDATA=$(mktemp -d /tmp/cc-pg.XXXX)
  chown postgres "$PGDATA"
  su postgres -c "$PGBIN/initdb -D $PGDATA -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$PGBIN/pg_ctl -D $PGDATA -o '-p 54329 -k /tmp -c listen_addresses=127.0.0.1' -w -l $PGDATA/log start" >/dev/null
  su postgres -c "$PGBIN/createdb -h 127.0.0.1 -p 54329 chemcluster_test"
  export CHEMCLUSTER_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:54329/chemcluster_test"
  trap "su postgres -c '$PGBIN/pg_ctl -D $PGDATA -m fast stop' >/dev/null 2>&1 || true" EXIT
fi
