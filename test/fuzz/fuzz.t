#!/usr/bin/env bash
# Issue #10: a login role cannot crash the server, hang a backend, or reach an internal error.
# Every hexdb function (from the catalog: a new one is covered without editing this test) is
# called with NULLs and extremes, every trigger function fired every way on wrong-shape tables
# (test/fuzz/calls.sql). Asserts: the postmaster never restarted, no error is XX000 (internal)
# or 57014 (a call that ran 20 s), and every function was called.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../lib/tap.sh"
db=hexdb_fuzz
q() { psql -X -q -v ON_ERROR_STOP=1 -At -d "$db" "$@"; }

psql -X -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
started=$(q -c "CREATE EXTENSION hexdb; SELECT pg_postmaster_start_time()" | tail -1)
# A populated database: users, friendships in every state, scores over months, visits.
q >/dev/null <<'SQL'
SET hexdb.password_cost = 4;
SELECT hexdb.create_user('u' || i || '@example.com', 'user ' || i, 'pw', '2000-01-01') FROM generate_series(1, 20) i;
SELECT hexdb.submit_score(u.user_id, (random() * 1000)::bigint, '2026-01-01'::timestamptz + (random() * interval '90 days'))
  FROM hexdb.users u, generate_series(1, 5);
SELECT hexdb.request_friendship(a.user_id, b.user_id)
  FROM (SELECT user_id, row_number() OVER (ORDER BY user_id) n FROM hexdb.users) a
  JOIN (SELECT user_id, row_number() OVER (ORDER BY user_id) n FROM hexdb.users) b ON b.n = a.n + 1;
SELECT hexdb.record_visit(user_id, '2026-03-01') FROM hexdb.users;
SQL
ok $? "populated the fuzz database"

out=$(psql -X -q -At -d "$db" -f "$here/calls.sql" 2>&1)
status=$?
ok $status "every call ran to its end without losing the connection"
[ $status -eq 0 ] || echo "$out" | tail -5 | sed 's/^/# /'
tagged() { echo "$out" | sed -n "s/^$1|//p"; }
is "$(tagged UNKNOWN_TYPE)" "" "every argument type of every function has fuzz values"
is "$(q -c "SELECT pg_postmaster_start_time()")" "$started" "the server never restarted"
is "$(tagged INTERNAL)" "" "no internal error (XX000, 58000) and no call that ran 20 s (57014)"
is "$(tagged UNCALLED)" "" "every hexdb function was called"
echo "# $(tagged SUMMARY)"

psql -X -q -c "DROP DATABASE $db" >/dev/null
done_testing
