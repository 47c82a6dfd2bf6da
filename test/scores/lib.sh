# Source from a test in this directory: scores_db NAME creates database NAME with hexdb and
# the oracle (oracle.sql) loaded; q runs SQL in it (unaligned, tuples only, stop on error);
# users N PREFIX adds N users with UUIDs 00000000-0000-7000-8000-<i> (i from 1).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../lib/tap.sh"
scores_db() {
  db=$1
  psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null >/dev/null
  q -c "CREATE EXTENSION hexdb" -c "SELECT hexdb.setup()" -f "$here/oracle.sql" >/dev/null
}
q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$db" "$@"; }
users() {
  q -c "INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
        SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, '$2' || i || '@example.com',
               '$2' || i, '\$2b\$04\$x', '2000-01-01' FROM generate_series(1, $1) i" >/dev/null
}
drop_db() { psql -qX -c "DROP DATABASE $db" >/dev/null; }
