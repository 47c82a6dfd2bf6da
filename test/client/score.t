#!/usr/bin/env bash
# hexctl score submit and score load (CSV, TSV, with or without header and created_at, from a
# file or stdin, all-or-nothing, progress bar only on a terminal).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
new_db hx_score
a=$(add_user ann@hexdb.test "Ann")
b=$(add_user bo@hexdb.test "보라")
count() { sql "SELECT count(*) FROM hexdb.scores"; }

hx score submit ann@hexdb.test 1200
[ "$status" -eq 0 ] && [[ $out =~ ^[0-9]+$ ]]; ok $? "submit prints the score id"
is "$(sql "SELECT user_id::text || ' ' || score FROM hexdb.scores WHERE id = :'v1'" "$out")" "$a 1200" \
  "  the score is stored"
hx score submit "$b" 700 --at "2026-01-15 12:00:00+00" --format json
id=$(json_get "$out" '{0,score_id}')
is "$(json_type "$out" '{0,score_id}')" number "submit --format json: score_id is a number"
is "$(sql "SELECT created_at = '2026-01-15 12:00:00+00' FROM hexdb.scores WHERE id = :'v1'" "$id")" t \
  "submit --at sets the time"
hx score submit ann@hexdb.test -5
[ "$status" -eq 2 ] && [[ $err == *"SCORE: must be a whole number from 0 to"* ]]; ok $? "a negative score: exit 2, naming SCORE"
hx score submit 00000000-0000-7000-8000-000000000000 5
is "$status" 1 "a score of an unknown user: exit 1"

before=$(count)
f=$hx_tmp/scores.csv
{ echo "user_id,score,created_at"
  for i in $(seq 1 500); do echo "$a,$i,2026-02-0$((i % 9 + 1)) 10:00:00+00"; echo "$b,$((i * 2)),2026-02-10 10:00:00+00"; done
} >"$f"
hx score load "$f"
[ "$status" -eq 0 ] && [ "$out" = 1000 ]; ok $? "load CSV with a header: prints 1000"
[ -z "$err" ]; ok $? "  no progress bar when stderr is not a terminal"
is "$(($(count) - before))" 1000 "  1000 rows in hexdb.scores"
is "$(sql "SELECT max(score) FROM hexdb.scores WHERE user_id = :'v1' AND created_at >= '2026-02-10'" "$b")" 1000 \
  "  values and times as in the file"

before=$(count)
printf '%s\t7\n%s\t8\n' "$a" "$b" >"$hx_tmp/two.tsv"
hx --format json score load "$hx_tmp/two.tsv"
is "$(json_get "$out" '{0,loaded}')" 2 "load TSV without header or created_at (json: loaded)"
is "$(json_type "$out" '{0,loaded}')" number "  loaded is a JSON number"
is "$(sql "SELECT count(*) FROM hexdb.scores WHERE score IN (7, 8) AND created_at > now() - interval '1 hour'")" 2 \
  "  created_at defaults to now"

before=$(count)
printf 'user_id,score\n%s,11\n%s,12\n%s,13\n' "$a" "$a" "$b" | "$HEXCTL" score load - >"$hx_tmp/out" 2>&1
[ $? -eq 0 ] && [ "$(cat "$hx_tmp/out")" = 3 ]; ok $? "load - reads stdin"
is "$(($(count) - before))" 3 "  3 rows"

before=$(count)
printf '%s,1,2026-03-01\n%s,oops,2026-03-01\n%s,3,2026-03-01\n' "$a" "$a" "$a" >"$hx_tmp/bad.csv"
hx score load "$hx_tmp/bad.csv"
[ "$status" -eq 1 ] && [[ $err == *SQLSTATE* ]] && [[ $err == *"line 2"* ]]
ok $? "a bad row: exit 1, SQLSTATE and the line"
is "$(count)" "$before" "  nothing loaded"

printf '%s,-4\n' "$a" >"$hx_tmp/neg.csv"
hx score load "$hx_tmp/neg.csv"
is "$status" 1 "a negative score in a file: exit 1"
printf 'a,b,c,d\n' >"$hx_tmp/wide.csv"
hx score load "$hx_tmp/wide.csv"
is "$status" 2 "a file with 4 fields: exit 2"
: >"$hx_tmp/empty.csv"
hx score load "$hx_tmp/empty.csv"
[ "$status" -eq 0 ] && [ "$out" = 0 ]; ok $? "an empty file loads 0"

# The progress bar, on a terminal (script(1) gives hexctl one): a file of more than one block.
big=$hx_tmp/big.csv
for i in $(seq 1 40000); do echo "$a,$i,2026-04-01 00:00:00+00"; done >"$big"
before=$(count)
script -qec "$HEXCTL score load $big" /dev/null >"$hx_tmp/tty" </dev/null
[ $? -eq 0 ] && grep -q 'loading \[' "$hx_tmp/tty" && grep -q '40000' "$hx_tmp/tty"
ok $? "on a terminal: a progress bar, then the count"
is "$(($(count) - before))" 40000 "  40000 rows"

done_testing
