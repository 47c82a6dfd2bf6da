# Source this: with_cluster CMD... builds hexdb and runs CMD inside a private throw-away cluster
# that has it installed and preloaded. PGHOST, PGPORT, PGUSER, PGPASSWORD are set for CMD (TCP to
# localhost, password auth). Extra server settings: HEXDB_PGOPTS=(-o name=value ...) before calling.
#
# Without PG_CONFIG (what CI runs): Debian's packaged server through pg_virtualenv -t; hexdb is
# installed into ./tmp_install (never the system) and found there through Debian's
# extension_destdir.
#
# With PG_CONFIG=/path/to/bin/pg_config: any installed PostgreSQL, e.g. one built from source.
# Its bindir, pkglibdir and sharedir are copied into a temp dir (the server's own tree is never
# written; PostgreSQL finds its files relative to the running binary), hexdb is installed into
# that copy with make install DESTDIR=, and the copy's initdb and pg_ctl run the cluster as the
# postgres user (PostgreSQL refuses root) on a free port. CMD finds the copy's psql, pg_dump,
# pgbench and pg_config (which then names the copy, where hexdb is) first in PATH.
# HEXDB_CLUSTER=pg_config is set for CMD.
with_cluster() {
  if [ -n "${PG_CONFIG:-}" ]; then
    (_with_pg_config_cluster "$@")
    return
  fi
  local root dest pglib
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  dest=$root/tmp_install
  (cd "$root" && make -s -j"$(nproc)" && make -s install DESTDIR="$dest") >&2 || return 1
  pglib=$(pg_config --pkglibdir)
  pg_virtualenv -t -o "extension_destdir=$dest" -o "dynamic_library_path=$dest$pglib:$pglib" \
    -o shared_preload_libraries=hexdb "${HEXDB_PGOPTS[@]}" "$@"
}

# Runs in a subshell of with_cluster: its EXIT trap stops the server and removes the temp dir
# (so its variables are not local: the trap runs after the function returned).
_with_pg_config_cluster() {
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  bindir=$("$PG_CONFIG" --bindir) || { echo "cluster: $PG_CONFIG does not run" >&2; return 1; }
  tmp=$(mktemp -d /tmp/hexdb-cluster.XXXXXX)
  chmod 755 "$tmp"
  copy=$tmp/install
  data=$tmp/data
  trap '_cluster_stop "$copy$bindir" "$data"; rm -rf "$tmp"' EXIT

  local d
  for d in "$bindir" "$("$PG_CONFIG" --pkglibdir)" "$("$PG_CONFIG" --sharedir)"; do
    mkdir -p "$copy$d" && cp -a "$d/." "$copy$d/" || return 1
  done
  (cd "$root" && make -s -j"$(nproc)" && make -s install DESTDIR="$copy") >&2 || return 1

  pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  (umask 077 && mkdir "$data" "$tmp/run" && printf '%s\n' "$pw" >"$tmp/pwfile") || return 1
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$data" "$tmp/run" "$tmp/pwfile" || return 1; fi
  _cluster_as_postgres "$copy$bindir/initdb" -D "$data" -U postgres --auth=scram-sha-256 \
    --pwfile="$tmp/pwfile" --encoding=UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 ||
    { cat "$tmp/initdb.log" >&2; return 1; }
  rm -f "$tmp/pwfile"
  _cluster_settings "$tmp/run" >>"$data/postgresql.conf"

  # A free port: counting from a start that differs per process, the first one nothing listens
  # on and the server manages to bind (another cluster may take it in between: then the next).
  port=$((50000 + $$ % 5000))
  local tries
  for tries in $(seq 1 20); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      _cluster_as_postgres "$copy$bindir/pg_ctl" -D "$data" -l "$tmp/run/server.log" -w -t 60 \
        -o "-p $port" start >/dev/null && break
      grep -q 'could not bind\|could not create lock file' "$tmp/run/server.log" ||
        { echo "cluster: the server did not start" >&2; tail -20 "$tmp/run/server.log" >&2; return 1; }
    fi
    port=$((port + 1))
    [ "$tries" -lt 20 ] || { echo "cluster: no free port found" >&2; return 1; }
  done

  PGHOST=localhost PGPORT=$port PGUSER=postgres PGPASSWORD=$pw PGDATABASE=postgres \
    PATH="$copy$bindir:$PATH" HEXDB_CLUSTER=pg_config "$@"
}

# postgresql.conf lines: hexdb preloaded, the socket in the temp dir, HEXDB_PGOPTS.
_cluster_settings() {
  echo "listen_addresses = 'localhost'"
  echo "unix_socket_directories = '$1'"
  echo "shared_preload_libraries = 'hexdb'"
  local o
  for o in "${HEXDB_PGOPTS[@]}"; do
    [ "$o" = "-o" ] && continue
    echo "${o%%=*} = '${o#*=}'"
  done
}

_cluster_stop() {
  [ -f "$2/postmaster.pid" ] && _cluster_as_postgres "$1/pg_ctl" -D "$2" -m immediate stop >/dev/null 2>&1
  return 0
}

# The server's files belong to postgres when we are root (PostgreSQL refuses to run as root).
_cluster_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
