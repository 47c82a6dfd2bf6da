# Sourced: a MariaDB server of the caller's own, for the live source of hexctl import
# (test/client/import_live.t, bench/import/run.sh). Debian's mariadb-server, its own data
# directory, on 127.0.0.1 at a port of its own; as the mysql user when run as root.
#   mariadb_start             starts it; sets mdb_port, mdb_dir; stops it on EXIT (chains a trap)
#   maria [ARGS...]           the mariadb client as its root user, on the socket
#   mariadb_load DIR DB       creates DB and loads a --tab export (TABLE.sql, TABLE.txt) into it
#   mariadb_reader DB USER PW a login that may only SELECT from DB (from 127.0.0.1)

mariadb_start() {
  mdb_dir=$(mktemp -d)
  mdb_port=$((20000 + $$ % 20000))
  local as=()
  if [ "$(id -u)" = 0 ]; then chown mysql: "$mdb_dir"; as=(runuser -u mysql --); fi
  "${as[@]}" mariadb-install-db --no-defaults --datadir="$mdb_dir/data" --auth-root-authentication-method=normal \
    --skip-test-db >"$mdb_dir/install.log" 2>&1 || { cat "$mdb_dir/install.log" >&2; return 1; }
  "${as[@]}" mariadbd --no-defaults --datadir="$mdb_dir/data" --socket="$mdb_dir/sock" --port="$mdb_port" \
    --bind-address=127.0.0.1 --skip-log-bin --pid-file="$mdb_dir/pid" --log-error="$mdb_dir/err.log" \
    --innodb-buffer-pool-size=512M --max-allowed-packet=64M &
  mdb_pid=$!
  # The server itself is stopped (its pid file), not runuser: runuser, sent SIGTERM, takes the
  # caller's process group down with it ("Session terminated, killing shell"; exit 143).
  trap "kill \$(cat '$mdb_dir/pid' 2>/dev/null || echo $mdb_pid) 2>/dev/null; wait $mdb_pid 2>/dev/null; rm -rf '$mdb_dir'; $(trap -p EXIT | sed "s/^trap -- '\(.*\)' EXIT$/\1/")" EXIT
  for _ in $(seq 1 100); do maria -e "SELECT 1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  cat "$mdb_dir/err.log" >&2
  return 1
}

maria() { mariadb --no-defaults -S "$mdb_dir/sock" -u root "$@"; }

mariadb_load() {
  local dir=$1 db=$2 t
  maria -e "CREATE DATABASE $db CHARACTER SET utf8mb4" || return 1
  for t in users scores friendships monthly_scores game_visits; do
    maria "$db" <"$dir/$t.sql" || return 1
    maria --local-infile=1 "$db" \
      -e "SET sql_mode = ''; LOAD DATA LOCAL INFILE '$dir/$t.txt' INTO TABLE $t CHARACTER SET utf8mb4" || return 1
  done
}

mariadb_reader() {
  maria -e "CREATE USER $2@'127.0.0.1' IDENTIFIED BY '$3'; GRANT SELECT ON $1.* TO $2@'127.0.0.1'"
}
