#!/usr/bin/env bash
# Start (or reuse) a throwaway PostgreSQL server for the test suite and print its URL.
#
#   export LAUNDERLENS_TEST_PG=$(scripts/pg-test-server.sh | tail -n1)
#   scripts/pg-test-server.sh stop
#
# Installs PostgreSQL with apt-get when no server binaries are found. The server listens on
# 127.0.0.1 only, trusts local connections (it holds nothing but test data) and keeps its
# data, log and socket under LAUNDERLENS_PG_DIR. Progress goes to stderr; stdout is the URL.
#
# Environment: LAUNDERLENS_PG_PORT (54329), LAUNDERLENS_PG_DIR (${TMPDIR:-/tmp}/launderlens-pg),
# LAUNDERLENS_PG_DB (launderlens_test).
set -euo pipefail

port=${LAUNDERLENS_PG_PORT:-54329}
base=${LAUNDERLENS_PG_DIR:-${TMPDIR:-/tmp}/launderlens-pg}
dbname=${LAUNDERLENS_PG_DB:-launderlens_test}
data=$base/data
log=$base/server.log

say() { printf 'pg-test-server: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

find_bindir() {
  # Debian keeps each major version apart; take the highest one installed.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
}

install_postgres() {
  say "no PostgreSQL server binaries found; installing with apt-get"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install the postgresql package"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
}

# The server refuses to run as root: as root, run it as the postgres system user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su -s /bin/bash postgres -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

ready() {
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres
}

stop_server() {
  if [ -f "$data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >&2
  else
    say "no server running from $data"
  fi
}

init_cluster() {
  mkdir -p "$base"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' system user to run the server as"
    chown postgres "$base"
  fi
  as_owner test -w "$base" -a -x "$base" \
    || die "$base is not writable by the server's user; set LAUNDERLENS_PG_DIR elsewhere"
  if [ ! -f "$data/PG_VERSION" ]; then
    say "creating a cluster in $data"
    as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 \
      --no-locale >&2
  fi
}

start_server() {
  if ready; then
    say "reusing the server already running on port $port"
    return
  fi
  init_cluster
  say "starting PostgreSQL on 127.0.0.1:$port"
  as_owner "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k '$data'" start >&2 \
    || { tail -n 20 "$log" >&2 || true; die "the server did not start (log: $log)"; }
  for _ in $(seq 1 30); do
    ready && return
    sleep 1
  done
  die "the server on port $port is not accepting connections (log: $log)"
}

create_database() {
  local psql=("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$dbname'")" != 1 ]; then
    say "creating database $dbname"
    "${psql[@]}" -c "CREATE DATABASE \"$dbname\"" >&2
  fi
}

bindir=$(find_bindir)
if [ -z "$bindir" ]; then
  [ "${1:-start}" = stop ] && die "PostgreSQL is not installed; nothing to stop"
  install_postgres
  bindir=$(find_bindir)
  [ -n "$bindir" ] || die "apt-get installed postgresql but no initdb was found"
fi

case "${1:-start}" in
  start)
    start_server
    create_database
    echo "postgresql://postgres@127.0.0.1:$port/$dbname"
    ;;
  stop)
    stop_server
    ;;
  *)
    die "usage: $0 [start|stop]"
    ;;
esac
