#!/usr/bin/env bash
# Not part of the suite (it runs for minutes): sqlsmith (Debian's sqlsmith) against a populated
# hexdb database, as a login role with an application's grants, for SECONDS (default 660).
# Reports the queries run, the server's restarts (none expected) and the internal errors
# (XX000) and crashes in the server log. A throw-away cluster only: it changes log_line_prefix.
#   source test/lib/cluster.sh; with_cluster bash test/fuzz/sqlsmith.sh 660
set -uo pipefail
seconds=${1:-660}
db=hexdb_sqlsmith
psql -X -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<'SQL'
CREATE EXTENSION hexdb;
SET hexdb.password_cost = 4;
SELECT hexdb.create_user('u' || i || '@example.com', 'user ' || i, 'pw', '2000-01-01') FROM generate_series(1, 200) i;
SELECT hexdb.submit_score(u.user_id, (random() * 100000)::bigint, '2025-01-01'::timestamptz + random() * interval '500 days')
  FROM hexdb.users u, generate_series(1, 20);
SELECT hexdb.request_friendship(a.user_id, b.user_id)
  FROM (SELECT user_id, row_number() OVER (ORDER BY user_id) n FROM hexdb.users) a
  JOIN (SELECT user_id, row_number() OVER (ORDER BY user_id) n FROM hexdb.users) b ON b.n IN (a.n + 1, a.n + 7);
SELECT hexdb.respond_friendship(receiver_id, requester_id, id % 2 = 0) FROM hexdb.friendships WHERE id % 3 = 0;
SELECT hexdb.record_visit(user_id, current_date - (random() * 30)::int) FROM hexdb.users, generate_series(1, 5);
DROP ROLE IF EXISTS smith;
CREATE ROLE smith LOGIN PASSWORD 'smith';
GRANT SELECT, INSERT, UPDATE, DELETE ON hexdb.users, hexdb.scores, hexdb.friendships, hexdb.game_visits TO smith;
GRANT SELECT ON hexdb.monthly_scores, hexdb.monthly_score_counts, hexdb.monthly_settings TO smith;
SQL
psql -X -q -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] %e '" -c "SELECT pg_reload_conf()" >/dev/null
datadir=$(psql -X -At -d "$db" -c "SHOW data_directory")
log=$(readlink "/proc/$(head -1 "$datadir/postmaster.pid")/fd/2")
log_start=$(stat -c %s "$log")
started=$(psql -X -At -d "$db" -c "SELECT pg_postmaster_start_time()")
before=$(psql -X -At -d "$db" -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$db'")
out=$(mktemp)
timeout --signal=INT "$seconds" nice sqlsmith --verbose --seed=10 \
  --target="host=$PGHOST port=$PGPORT dbname=$db user=smith password=smith" >"$out" 2>&1
echo "sqlsmith exit status: $? (124 or 130: stopped by the timeout)"
sleep 2
after=$(psql -X -At -d "$db" -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$db'")
echo "transactions in $db during the run: $((after - before))"
grep -E '^queries|error rate' "$out" | tail -3
tail -c +"$((log_start + 1))" "$log" >"$out.server"
echo "server log: $(grep -c ' ERROR: ' "$out.server") errors, $(grep -c ' XX000 ' "$out.server") XX000 lines, $(grep -cE 'terminated by signal|PANIC' "$out.server") crashes"
grep -E ' XX000 |terminated by signal|PANIC' "$out.server" | head -20
rm -f "$out.server"
now=$(psql -X -At -d "$db" -c "SELECT pg_postmaster_start_time()")
[ "$now" == "$started" ] && echo "server restarts: 0" || echo "SERVER RESTARTED ($started -> $now)"
rm -f "$out"
