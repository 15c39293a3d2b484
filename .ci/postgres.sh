# sourced by .ci/run: start a throw-away PostgreSQL cluster on loopback and export its URL as
# CHEMCLUSTER_TEST_PG_URL (the service tests then run on PostgreSQL as well as on SQLite).
# It is stopped and deleted when the CI script exits.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ]; then
  CC_PGPORT=${CC_PGPORT:-54329}
  # a free port: another CI run on the same machine may hold ours
  while (exec 3<>/dev/tcp/127.0.0.1/$CC_PGPORT) 2>/dev/null; do CC_PGPORT=$((CC_PGPORT + 1)); done
  # the cluster in memory when there is room (≥ 1 GB free in /dev/shm): each test database is copied from a
  # template by CREATE DATABASE, which on a disk-backed /tmp took 0.3–0.9 s once the disk's write-back throttled
  # (~270 copies a run), in /dev/shm 0.03–0.07 s; a small /dev/shm (a container's 64 MB) keeps /tmp
  CC_PGPARENT=/tmp
  if [ -d /dev/shm ] && [ -w /dev/shm ] && \
     [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR==2 {print $4}')" -ge 1048576 ] 2>/dev/null; then
    CC_PGPARENT=/dev/shm
  fi
  CC_PGDATA=$(mktemp -d $CC_PGPARENT/cc-pg.XXXXXX)
  CC_PGSOCK=$(mktemp -d /tmp/cc-pgsock.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$CC_PGDATA" "$CC_PGSOCK"
    as_pg() { su postgres -s /bin/sh -c "$*"; }
  else
    as_pg() { sh -c "$*"; }
  fi
  if as_pg "$PGBIN/initdb -D $CC_PGDATA -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1 || \
            $PGBIN/initdb -D $CC_PGDATA -U postgres -A trust -E UTF8 --locale=C >/dev/null" \
     && as_pg "$PGBIN/pg_ctl -D $CC_PGDATA -w -t 60 -l $CC_PGDATA/log \
               -o '-p $CC_PGPORT -k $CC_PGSOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100' start >/dev/null" \
     && as_pg "$PGBIN/createdb -h 127.0.0.1 -p $CC_PGPORT -U postgres chemcluster_test"; then
    export CHEMCLUSTER_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$CC_PGPORT/chemcluster_test"
    export PATH="$PGBIN:$PATH"   # pg_dump / pg_restore of the same major version as the server
    trap "su postgres -s /bin/sh -c '$PGBIN/pg_ctl -D $CC_PGDATA -m immediate stop' >/dev/null 2>&1 || \
          $PGBIN/pg_ctl -D $CC_PGDATA -m immediate stop >/dev/null 2>&1; rm -rf $CC_PGDATA $CC_PGSOCK" EXIT
  else
    echo "PostgreSQL did not start:"; cat "$CC_PGDATA/log" 2>/dev/null | tail -20
  fi
fi
