#!/usr/bin/env bash
# SPEC.md: two sessions, also two backends forked from one postmaster with the library
# preloaded, never draw the same random bytes. Four concurrent pgbench clients each draw
# v4 and v7 UUIDs; not one random part may repeat. Runs inside pg_virtualenv.
set -uo pipefail
source "$(dirname "$0")/../lib/tap.sh"
db=hexdb_uuid_concurrent
psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
psql -qX -d $db >/dev/null <<'SQL'
CREATE EXTENSION hexdb;
SELECT hexdb.setup();
CREATE UNLOGGED TABLE drawn (seq bigint GENERATED ALWAYS AS IDENTITY, pid int, v4 uuid, v7 uuid);
SQL
preloaded=$(psql -qXAt -d $db -c "SHOW shared_preload_libraries")
is "$preloaded" "hexdb" "the library is preloaded in the postmaster"

script=$(mktemp)
# Two of the four clients use the OpenSSL source: its fork-safety is tested too.
echo "SELECT set_config('hexdb.random_source', CASE WHEN pg_backend_pid() % 2 = 0 THEN 'openssl' ELSE 'kernel' END, false);
INSERT INTO drawn (pid, v4, v7) SELECT pg_backend_pid(), hexdb.uuid_generate_v4(), hexdb.uuid_generate_v7() FROM generate_series(1, 5000);" >"$script"
pgbench -n -c 4 -j 2 -t 25 -f "$script" $db >"$script.log" 2>&1 || cat "$script.log"
ok $? "pgbench: 4 clients x 25 transactions x 5000 rows"
rm -f "$script" "$script.log"

read -r rows backends v4s v7_tails v7s <<<"$(psql -qXAt -F' ' -d $db -c \
  "SELECT count(*), count(DISTINCT pid), count(DISTINCT v4), count(DISTINCT substr(v7::text, 20)), count(DISTINCT v7) FROM drawn")"
is "$rows" "500000" "500,000 rows drawn"
is "$backends" "4" "by 4 backends"
is "$v4s" "$rows" "no v4 repeats across sessions"
is "$v7_tails" "$rows" "no v7 random part repeats across sessions"
is "$v7s" "$rows" "no v7 repeats across sessions"

increasing=$(psql -qXAt -d $db -c "SELECT count(*) FROM (SELECT v7, lag(v7) OVER (PARTITION BY pid ORDER BY seq) AS prev FROM drawn) s WHERE v7 <= prev")
is "$increasing" "0" "each session's v7s strictly increase"

psql -qX -c "DROP DATABASE $db" >/dev/null
done_testing
