#!/usr/bin/env bash
# Issue #10: hashing at any cost ends on pg_cancel_backend and pg_terminate_backend, not days
# later (bcrypt runs in slices that check for interrupts). A session hashes at cost 31 (2^31
# rounds); another cancels, then terminates, it. The outcome is asserted, not the time; a
# hash that ignored the signal would run into the 120 s cap and fail.
set -uo pipefail
source "$(dirname "$0")/../lib/tap.sh"
db=hexdb_cancel
psql -X -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
psql -X -q -d "$db" -c "CREATE EXTENSION hexdb" >/dev/null
out=$(mktemp)

hash_in_background() {  # APPLICATION_NAME: a session hashing at cost 31, its psql's pid in $bg
  PGAPPNAME=$1 timeout 120 psql -X -d "$db" -c "SET hexdb.password_cost_max = 31" -c "SET hexdb.password_cost = 31" \
    -c "SELECT hexdb.hash_password('x')" >"$out" 2>&1 &
  bg=$!
  for _ in $(seq 100); do  # until the hash is running
    [ "$(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$1' AND query LIKE '%hash_password%' AND state = 'active'")" = 1 ] && return
    sleep 0.1
  done
}

hash_in_background hexdb_cancel_me
psql -X -At -d "$db" -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'hexdb_cancel_me'" >/dev/null
wait "$bg"
grep -q 'canceling statement due to user request' "$out"
ok $? "pg_cancel_backend ends a cost-31 hash (57014)"

hash_in_background hexdb_terminate_me
psql -X -At -d "$db" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hexdb_terminate_me'" >/dev/null
wait "$bg"
grep -q 'terminating connection due to administrator command' "$out"
ok $? "pg_terminate_backend ends a cost-31 hash"
is "$(psql -X -At -d "$db" -c "SELECT 1")" "1" "the server carries on"

rm -f "$out"
psql -X -q -c "DROP DATABASE $db" >/dev/null
done_testing
