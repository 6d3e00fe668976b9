#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: Debian's postgresql is installed when missing
# (as root), a cluster is created in a temporary folder on a free port and run by an unprivileged user
# (initdb refuses root), DONDOC_TEST_DATABASE_URL names it for the tests and benches, and it is stopped
# and removed when the command ends, however it ends.
#   bash scripts/with-postgres.sh npx --yes pnpm@10 test:unit
set -euo pipefail

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

PGBIN="${PGBIN:-$(pg_bin)}"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "with-postgres: PostgreSQL is not installed; run 'sudo apt-get install postgresql' (or this script as root)" >&2
    exit 1
  fi
  echo "with-postgres: installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends postgresql >/dev/null || { apt-get update >/dev/null && apt-get install -y --no-install-recommends postgresql >/dev/null; }
  PGBIN="$(pg_bin)"
fi

# The cluster's owner: ourselves, or (as root) Debian's `postgres` user, else one made for this.
as_owner() { "$@"; }
OWNER="$(id -un)"
if [ "$(id -u)" = 0 ]; then
  if id postgres >/dev/null 2>&1; then OWNER=postgres; else
    id dondoc-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin dondoc-pg
    OWNER=dondoc-pg
  fi
  as_owner() { runuser -u "$OWNER" -- "$@"; }
fi

DIR="$(mktemp -d "${TMPDIR:-/tmp}/dondoc-pg-XXXXXX")"
chmod 755 "$DIR"
[ "$(id -u)" = 0 ] && chown "$OWNER" "$DIR"
PORT="$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

stop() {
  as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

as_owner "$PGBIN/initdb" -D "$DIR/data" -U dondoc --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
  || { cat "$DIR/postgres.log" >&2; exit 1; }
"$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U dondoc dondoc

export DONDOC_TEST_DATABASE_URL="postgres://dondoc@127.0.0.1:$PORT/dondoc"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $PORT (DONDOC_TEST_DATABASE_URL=$DONDOC_TEST_DATABASE_URL)" >&2
set +e
"$@"
status=$?
set -e
exit $status
