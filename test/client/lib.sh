# Sourced by test/client/*.t (inside the throw-away cluster): the TAP helpers, the built
# binary client/hexctl, a database of the test's own, and hx, which runs hexctl and keeps
# its stdout ($out), stderr ($err) and exit status ($status) apart.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/tap.sh"
client_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HEXCTL=$client_root/client/hexctl
# Cheap password hashes: the tests hash many passwords.
export PGOPTIONS="-c hexdb.password_cost=4"
unset DATABASE_URL
hx_tmp=$(mktemp -d)
trap 'rm -rf "$hx_tmp"' EXIT

# new_db NAME: a fresh database with hexdb; becomes the default (PGDATABASE).
new_db() {
  psql -qX -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" \
    -c "CREATE DATABASE $1" >/dev/null
  psql -qX -d "$1" -v ON_ERROR_STOP=1 -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" >/dev/null
  export PGDATABASE=$1
}

hx() {
  out=$("$HEXCTL" "$@" 2>"$hx_tmp/err")
  status=$?
  err=$(<"$hx_tmp/err")
}

# hx_in INPUT ARGS...: hx with INPUT on stdin.
hx_in() {
  local input=$1
  shift
  out=$(printf '%s' "$input" | "$HEXCTL" "$@" 2>"$hx_tmp/err")
  status=$?
  err=$(<"$hx_tmp/err")
}

# sql QUERY [VALUE...]: one value from psql; VALUEs are bound as :'v1', :'v2', ...
sql() {
  local q=$1 i=1 vars=()
  shift
  for v in "$@"; do vars+=(-v "v$i=$v"); i=$((i + 1)); done
  psql -qXAt "${vars[@]}" <<<"$q"
}

# json_get JSON PATH: a text value out of JSON, parsed by PostgreSQL (PATH like {0,nickname}).
json_get() { sql "SELECT (:'v1'::jsonb) #>> :'v2'" "$1" "$2"; }
json_type() { sql "SELECT jsonb_typeof((:'v1'::jsonb) #> :'v2')" "$1" "$2"; }

# add_user EMAIL NICKNAME: creates a user with hexctl, prints the UUID.
add_user() {
  printf 'pw-%s\n' "$1" | "$HEXCTL" user add --email "$1" --nickname "$2" --birth-date 2000-01-01 --password-stdin
}

uuid_re='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
