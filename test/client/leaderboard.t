#!/usr/bin/env bash
# hexctl leaderboard (top, --around, --friends-of, --limit, --month, current month) and rank, in
# every format; a table of Korean nicknames lines up by display width.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
new_db hx_board
a=$(add_user ann@hexdb.test "Ann")
b=$(add_user kim@hexdb.test "김철수")
c=$(add_user lee@hexdb.test "이영희님")
d=$(add_user dan@hexdb.test "Dan")
for s in "$a 500 2026-01-05" "$b 900 2026-01-06" "$c 700 2026-01-07" "$d 100 2026-01-08" \
         "$a 300 2026-01-09" "$d 999 2026-02-01"; do
  set -- $s
  "$HEXCTL" score submit "$1" "$2" --at "$3 12:00:00+00" >/dev/null
done
"$HEXCTL" friend request ann@hexdb.test dan@hexdb.test >/dev/null
"$HEXCTL" friend accept dan@hexdb.test ann@hexdb.test >/dev/null

hx leaderboard --month 2026-01 --format json
is "$status" 0 "leaderboard --month exits 0"
is "$(sql "SELECT string_agg(e->>'nickname' || ':' || (e->>'score'), ' ' ORDER BY (e->>'rank')::int) FROM jsonb_array_elements(:'v1'::jsonb) e" "$out")" \
  "김철수:900 이영희님:700 Ann:500 Dan:100" "  ranked by score, each user's best"
is "$(json_type "$out" '{0,rank}'),$(json_type "$out" '{0,score}')" "number,number" "  rank and score are JSON numbers"
is "$(json_get "$out" '{0,user_id}')" "$b" "  user_id"
is "$(sql "SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys((:'v1'::jsonb)->0) k" "$out")" \
  "achieved_at,nickname,rank,score,user_id" "  the columns of monthly_leaderboard()"

hx leaderboard --month 2026-01 --limit 2 --format csv
is "$out" "$(printf 'rank,user_id,nickname,score,achieved_at\n1,%s,김철수,900,%s\n2,%s,이영희님,700,%s' \
  "$b" "$(cut -d, -f5 <<<"$(sed -n 2p <<<"$out")")" "$c" "$(cut -d, -f5 <<<"$(sed -n 3p <<<"$out")")")" \
  "--limit 2 --format csv: header and the top two"

hx leaderboard --month 2026-01
is "$status" 0 "leaderboard as a table"
# Every line's separators sit in the same terminal column, whatever the nickname's script.
widths=$(while IFS= read -r line; do
  [[ $line == *"|"* ]] && printf '%s\n' "${line%|*}" | LC_ALL=C.UTF-8 wc -L
done <<<"$out" | sort -u | wc -l)
is "$widths" 1 "  columns aligned by display width (Hangul counts 2)"
is "$(wc -l <<<"$out")" 6 "  header, rule and four rows"

hx leaderboard --month 2026-01 --around kim@hexdb.test --radius 1 --format csv
is "$(tail -n +2 <<<"$out" | cut -d, -f3 | paste -sd' ')" "김철수 이영희님" "--around USER --radius 1"
hx leaderboard --month 2026-01 --friends-of ann@hexdb.test --format csv
is "$(tail -n +2 <<<"$out" | cut -d, -f1,3 | paste -sd' ')" "1,Ann 2,Dan" "--friends-of USER: the user and accepted friends, ranked among themselves"

hx leaderboard --month 2026-02 --format csv
is "$(tail -n +2 <<<"$out" | cut -d, -f3,4)" "Dan,999" "another month"
hx leaderboard --month 2031-07 --format json
[ "$status" -eq 0 ] && [ "$out" = "[]" ]; ok $? "a month without scores: exit 0, []"

"$HEXCTL" score submit lee@hexdb.test 42 >/dev/null
hx leaderboard --format csv
[[ $out == *",이영희님,42,"* ]]; ok $? "no --month: the current month"

# The default month is hexdb's (configure_monthly), not the session's: a client far west of
# Seoul still sees the month Seoul is in (test/pgtap/current_month_test.sql crosses the boundary).
psql -qX -c "SELECT hexdb.configure_monthly('Asia/Seoul')" >/dev/null
seoul_month=$(sql "SELECT to_char(hexdb.current_month(), 'YYYY-MM')")
is "$seoul_month" "$(TZ=Asia/Seoul date +%Y-%m)" "current_month() is the month in Asia/Seoul"
"$HEXCTL" score submit ann@hexdb.test 77 >/dev/null
PGTZ=Pacific/Pago_Pago hx leaderboard --format csv
out=$(cut -d, -f1-4 <<<"$out")  # achieved_at is shown in the session's zone
expected=$("$HEXCTL" leaderboard --month "$seoul_month" --format csv | cut -d, -f1-4)
[ "$status" -eq 0 ] && [ "$out" = "$expected" ] && [[ $out == *",Ann,77"* ]]
ok $? "no --month, session in Pago Pago, hexdb in Seoul: Seoul's month"
PGTZ=Pacific/Pago_Pago hx rank ann@hexdb.test --format csv
is "$out" "$("$HEXCTL" rank ann@hexdb.test --month "$seoul_month" --format csv)" "rank without --month: Seoul's month too"
psql -qX -c "SELECT hexdb.configure_monthly('UTC')" >/dev/null

hx rank kim@hexdb.test --month 2026-01 --format json
is "$(json_get "$out" '{0,rank}')/$(json_get "$out" '{0,score}')/$(json_get "$out" '{0,total}')" "1/900/4" \
  "rank USER --month: rank, score, total"
hx rank "$d" --month 2026-01
[ "$status" -eq 0 ] && [[ $(sed -n 3p <<<"$out") =~ ^\ +4\ \|\ +100\ \|\ +4$ ]]
ok $? "rank as a table"
hx rank dan@hexdb.test --month 2031-07 --format csv
[ "$status" -eq 0 ] && [ "$out" = "rank,score,total" ]; ok $? "rank without a score that month: exit 0, no row"
hx rank nobody@hexdb.test
is "$status" 1 "rank of an unknown email: exit 1"

done_testing
