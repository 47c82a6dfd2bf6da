#!/usr/bin/env bash
# The boards on a hot standby: a streaming replica made with pg_basebackup on loopback answers
# every board function (monthly_leaderboard at every offset, monthly_rank and
# leaderboard_around of every player, friends_leaderboard, monthly_scores_drift) exactly as the
# primary does after replay, with pending rank changes (REPEATABLE READ writers only append)
# and folded ones (a bulk statement compacts), and exactly as ROW_NUMBER() on the replica.
# Runs inside pg_virtualenv (PGHOST, PGPORT, PGUSER, PGPASSWORD of a superuser).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
scores_db hexdb_scores_standby
users 300 s

q -c "INSERT INTO hexdb.scores (user_id, score, created_at)
      SELECT ('00000000-0000-7000-8000-' || lpad((1 + g % 300)::text, 12, '0'))::uuid, (g * 7919) % 100000,
             timestamptz '2026-04-01 00:00+00' + g * interval '37 minutes' FROM generate_series(1, 1500) g" >/dev/null
q -c "INSERT INTO hexdb.friendships (requester_id, receiver_id, status)
      SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid,
             ('00000000-0000-7000-8000-' || lpad((i + 1)::text, 12, '0'))::uuid, 'accepted'
        FROM generate_series(1, 299, 2) i" >/dev/null
for i in 1 2 3 4 5; do
  q -c "BEGIN ISOLATION LEVEL REPEATABLE READ" \
    -c "SELECT hexdb.submit_score(('00000000-0000-7000-8000-' || lpad(($i * 41)::text, 12, '0'))::uuid, 100000 + $i, '2026-04-20 12:00+00')" \
    -c "COMMIT" >/dev/null
done
pending=$(q -c "SELECT count(*) FROM hexdb.monthly_score_deltas")
ok "$([ "$pending" -gt 0 ] && echo 0 || echo 1)" "the primary has pending rank changes ($pending rows) and folded ones"

# Every answer of every board function, one line each, in a fixed order.
answers="
SELECT m.year, m.month, 'page', a, b.* FROM (SELECT DISTINCT year, month FROM hexdb.monthly_scores) m
  CROSS JOIN generate_series(0, 320, 10) a CROSS JOIN LATERAL hexdb.monthly_leaderboard(m.year, m.month, 10, a) b
UNION ALL
SELECT m.year, m.month, 'rank', r.total::int, r.rank, m.user_id, NULL, r.score, NULL FROM hexdb.monthly_scores m
  CROSS JOIN LATERAL hexdb.monthly_rank(m.user_id, m.year, m.month) r
UNION ALL
SELECT m.year, m.month, 'around ' || m.user_id, 0, b.* FROM hexdb.monthly_scores m
  CROSS JOIN LATERAL hexdb.leaderboard_around(m.user_id, m.year, m.month, 3) b
UNION ALL
SELECT m.year, m.month, 'friends ' || m.user_id, 0, b.* FROM hexdb.monthly_scores m
  CROSS JOIN LATERAL hexdb.friends_leaderboard(m.user_id, m.year, m.month, 5) b
UNION ALL
SELECT 0, 0, 'drift', 0, hexdb.monthly_scores_drift(), NULL, NULL, NULL, NULL
ORDER BY 1, 2, 3, 4, 5"

run_as_server_owner() {  # PostgreSQL refuses root: the replica runs as the primary's owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$owner" -- env PGPASSWORD="${PGPASSWORD:-}" "$@"; else "$@"; fi
}
bindir=$(pg_config --bindir)
primary_port=$(q -c "SHOW port")
owner=$(stat -c %U "$(q -c "SHOW data_directory")")
replica=$(mktemp -d)
chown "$owner" "$replica"; chmod 700 "$replica"
replica_port=$((primary_port + 211))
# The first port from there that nothing listens on (a fixed offset once met another server).
while (exec 3<>"/dev/tcp/127.0.0.1/$replica_port") 2>/dev/null; do replica_port=$((replica_port + 1)); done
run_as_server_owner "$bindir/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U "$PGUSER" -D "$replica/data" -X stream -R -c fast \
  >"$replica/basebackup.log" 2>&1
ok $? "pg_basebackup of the primary over loopback"
# Debian keeps a cluster's configuration outside its data directory: the replica gets its own.
cat >"$replica/data/postgresql.conf" <<CONF
port = $replica_port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$replica'
hot_standby = on
CONF
# Where the primary finds hexdb (extension_destdir is Debian's patch: only where it exists).
q -c "SELECT format('%s = %L', name, setting) FROM pg_settings
       WHERE name IN ('extension_destdir', 'dynamic_library_path', 'shared_preload_libraries')" >>"$replica/data/postgresql.conf"
# A hot standby needs at least the primary's values of these.
q -c "SELECT name || ' = ' || setting FROM pg_settings WHERE name IN ('max_connections', 'max_worker_processes',
      'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')" >>"$replica/data/postgresql.conf"
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$replica/data/pg_hba.conf"
chown "$owner" "$replica/data/postgresql.conf" "$replica/data/pg_hba.conf"
run_as_server_owner "$bindir/pg_ctl" -D "$replica/data" -l "$replica/log" -w start >"$replica/start.log" 2>&1
started=$?
ok $started "the replica starts in hot standby"
[ $started -eq 0 ] || sed 's/^/# /' "$replica/start.log" "$replica/log" "$replica/basebackup.log"
r() { psql -qXAt -h 127.0.0.1 -p "$replica_port" -d "$db" "$@"; }
stop_replica() { run_as_server_owner "$bindir/pg_ctl" -D "$replica/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$replica"; }
trap stop_replica EXIT

caught_up() {  # caught_up: waits until the replica has replayed the primary's current WAL
  local lsn; lsn=$(q -c "SELECT pg_current_wal_lsn()")
  for _ in $(seq 1 240); do
    [ "$(r -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'" 2>/dev/null)" = t ] && return 0
    sleep 0.25
  done
  return 1
}
compare() {  # compare LABEL
  caught_up; ok $? "$1: the replica replayed the primary's WAL"
  is "$(r -c "SELECT pg_is_in_recovery()")" t "$1: the replica is a hot standby"
  local p s
  p=$(q -c "$answers" | md5sum); s=$(r -c "$answers" | md5sum)
  is "$s" "$p" "$1: every board answer on the replica equals the primary's ($(q -c "$answers" | wc -l) rows)"
  is "$(r -c "SELECT public.rank_mismatches()")" 0 "$1: replica ranks equal ROW_NUMBER()"
  is "$(r -c "SELECT public.board_mismatches(13)")" 0 "$1: replica pages and neighbourhoods equal ROW_NUMBER()"
}
compare "pending and folded changes"
is "$(r -c "SELECT count(*) FROM hexdb.monthly_score_deltas")" "$pending" "the replica sees the primary's pending rows"

# A compaction on the primary (a bulk statement in READ COMMITTED), replayed.
q -c "INSERT INTO hexdb.scores (user_id, score, created_at)
      SELECT ('00000000-0000-7000-8000-' || lpad(g::text, 12, '0'))::uuid, 200000 + g * 977, '2026-04-25 12:00+00'
        FROM generate_series(1, 100) g" >/dev/null
q -c "DELETE FROM hexdb.scores WHERE user_id = '00000000-0000-7000-8000-000000000007'" >/dev/null
compare "after a compaction and a delete"
is "$(r -c "SELECT count(*) FROM hexdb.monthly_score_deltas")" "$(q -c "SELECT count(*) FROM hexdb.monthly_score_deltas")" \
   "the replica's pending rows follow the primary's"
stop_replica; trap - EXIT
drop_db
done_testing
