#!/usr/bin/env bash
# hexctl visit (record_visit) and active-users (daily_active_users).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
new_db hx_visit
a=$(add_user ann@hexdb.test "Ann")
b=$(add_user bo@hexdb.test "보")

hx visit ann@hexdb.test --date 2026-03-01
[ "$status" -eq 0 ] && [ "$out" = 1 ]; ok $? "first visit of the day: 1"
hx visit "$a" --date 2026-03-01
is "$out" 2 "second visit: 2"
hx visit bo@hexdb.test --date 2026-03-02 --format json
is "$(json_get "$out" '{0,visits}')" 1 "visit --format json"
hx visit bo@hexdb.test
is "$out" 1 "visit without --date: today"
is "$(sql "SELECT visit_date = current_date FROM hexdb.game_visits WHERE user_id = :'v1' AND visit_date > '2026-03-02'" "$b")" t \
  "  recorded for today"
hx visit bo@hexdb.test --date 2026-13-01
[ "$status" -eq 2 ] && [[ $err == *"--date: must be a day, YYYY-MM-DD"* ]]; ok $? "an impossible date: exit 2, naming --date"

hx active-users --from 2026-03-01 --to 2026-03-02 --format json
is "$(sql "SELECT string_agg((e->>'day') || '=' || (e->>'users') || '/' || (e->>'visits'), ' ' ORDER BY e->>'day') FROM jsonb_array_elements(:'v1'::jsonb) e" "$out")" \
  "2026-03-01=1/2 2026-03-02=1/1" "active-users: users and visits per day"
is "$(json_type "$out" '{0,users}')" number "  users is a JSON number"
hx active-users --from 2026-03-01 --to 2026-03-02 --format csv
is "$(head -1 <<<"$out")" "day,users,visits" "active-users --format csv"

done_testing
