#!/usr/bin/env bash
# SPEC.md: record_visit is an upsert, exact under concurrency. 8 pgbench clients record 250
# visits each, two clients per user, all on the same day: not one visit may be lost.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
scores_db hexdb_visits_concurrent
users 4 v

script=$(mktemp)
echo "SELECT hexdb.record_visit(('00000000-0000-7000-8000-' || lpad((1 + :client_id % 4)::text, 12, '0'))::uuid, '2026-03-01');" >"$script"
pgbench -n -c 8 -j 2 -t 250 -f "$script" $db >"$script.log" 2>&1
ok $? "pgbench: 8 clients x 250 record_visit"
rm -f "$script" "$script.log"
is "$(q -c "SELECT string_agg(visit_count::text, ',' ORDER BY user_id) FROM hexdb.game_visits")" "500,500,500,500" \
   "each user's count is exactly the 500 visits recorded"
is "$(q -c "SELECT users || '/' || visits FROM hexdb.daily_active_users('2026-03-01', '2026-03-01')")" "4/2000" \
   "daily_active_users: 4 users, 2000 visits"
drop_db
done_testing
