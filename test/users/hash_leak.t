#!/usr/bin/env bash
# Issue #10: no error text and no server log line of a refused create_user holds the password
# hash. The refusals: an email with a Unicode space (refused by create_user's own check, the
# table CHECK's rule), a too long nickname, and a studio's own CHECK that only the INSERT
# meets (PostgreSQL's "Failing row contains" detail, which create_user strips of the hash).
# The server log is the file the postmaster (and every backend) writes its stderr to.
set -uo pipefail
source "$(dirname "$0")/../lib/tap.sh"
db=hexdb_hash_leak
psql -X -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
psql -X -q -d "$db" -c "CREATE EXTENSION hexdb" >/dev/null

datadir=$(psql -X -At -d "$db" -c "SHOW data_directory")
pid=$(head -1 "$datadir/postmaster.pid" 2>/dev/null)
log=$(readlink "/proc/$pid/fd/2" 2>/dev/null)
[ -f "$log" ]
ok $? "found the server log ($log)"
start=$(stat -c %s "$log" 2>/dev/null || echo 0)

errors=$(psql -X -d "$db" 2>&1 <<'SQL'
SET hexdb.password_cost = 4;
SET log_min_messages = debug1;
SET log_error_verbosity = verbose;
\set VERBOSITY verbose
SELECT hexdb.create_user(E'leak\u3000one@example.com', 'x', 'pw', '2000-01-01');
SELECT hexdb.create_user(E'leak\u00a0two@example.com', 'x', 'pw', '2000-01-01');
SELECT hexdb.create_user('leak3@example.com', repeat('x', 101), 'pw', '2000-01-01');
BEGIN;
ALTER TABLE hexdb.users ADD CONSTRAINT studio_nickname CHECK (nickname <> 'forbidden');
SELECT hexdb.create_user('leak4@example.com', 'forbidden', 'pw', '2000-01-01');
ROLLBACK;
SQL
)
echo "$errors" | sed 's/^/# /'
is "$(echo "$errors" | grep -c '^ERROR')" "4" "four create_user calls refused"
echo "$errors" | grep -q 'studio_nickname'
ok $? "the studio's constraint is named in the error"
echo "$errors" | grep -qE '\$2[aby]\$'
ok $((! $?)) "no error text holds a hash"

sleep 1  # the log is written by the backend as it reports; give the file a moment
new=$(tail -c +"$((start + 1))" "$log")
echo "$new" | grep -q 'studio_nickname'
ok $? "the refusals reached the server log"
echo "$new" | grep -qE '\$2[aby]\$'
ok $((! $?)) "no server log line holds a hash"

psql -X -q -c "DROP DATABASE $db" >/dev/null
done_testing
