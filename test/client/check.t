#!/usr/bin/env bash
# hexctl check: check_integrity()'s rows; exit 0 when every check finds nothing, 1 otherwise.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
new_db hx_check
a=$(add_user ann@hexdb.test "Ann")
"$HEXCTL" score submit "$a" 10 >/dev/null

hx check
[ "$status" -eq 0 ] && [[ $(head -1 <<<"$out") == *check_name*problems*detail* ]]; ok $? "a sound database: exit 0, a table"
hx check --format json
is "$(sql "SELECT count(*) FROM jsonb_array_elements(:'v1'::jsonb) e WHERE jsonb_typeof(e->'problems') <> 'number' OR (e->>'problems')::bigint <> 0" "$out")" 0 \
  "  --format json: every problems is the number 0"

# An identity sequence behind its max: a row inserted with an explicit id.
sql "INSERT INTO hexdb.scores (id, user_id, score) VALUES (1000000, :'v1', 5)" "$a" >/dev/null
hx check --format csv
[ "$status" -eq 1 ] && [[ $err == *"checks found problems"* ]]
ok $? "a sequence behind its max: exit 1, said on stderr"
[[ $(head -1 <<<"$out") == "check_name,problems,detail" ]] && grep -qE ',[1-9][0-9]*,' <<<"$out"
ok $? "  the csv shows the problem"

done_testing
