#!/usr/bin/env bash
# Every numeric input of hexctl is exact or refused: out of range, a fraction, trailing
# characters, an exponent, spaces -> exit 2 with one line naming the option and its range,
# then the command's usage line. Nothing is clamped or rounded (a value that fits is stored
# exactly, the largest included).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
nowhere="postgresql://127.0.0.1:1/none"

# refused LABEL RANGE ARGS...: exit 2, the first line names LABEL and RANGE, the second is a usage line.
refused() {
  local label=$1 range=$2
  shift 2
  hx -d "$nowhere" "$@"
  [ "$status" -eq 2 ] && [[ $(head -1 <<<"$err") == "hexctl: $label: must be a whole number from $range, not '"* ]] &&
    [[ $(sed -n 2p <<<"$err") == "Usage: hexctl "* ]] && [ "$(wc -l <<<"$err")" -eq 3 ]
  ok $? "hexctl $* -> exit 2 naming $label ($range)"
  [ "$status" -eq 2 ] || printf '#   status %s, stderr: %s\n' "$status" "$err"
}

bigint="0 to 9223372036854775807"
int_pos="1 to 2147483647"
for bad in 99999999999999999999 9223372036854775808 -1 1.5 12abc 1e3 " 7" 0x10 ""; do
  refused SCORE "$bigint" score submit a@b.c "$bad"
done
for bad in 0 2147483648 -3 2.0 10rows; do refused --limit "$int_pos" leaderboard --limit "$bad"; done
for bad in -1 9223372036854775808 1.5 5x; do refused --after-rank "$bigint" leaderboard --after-rank "$bad"; done
for bad in -1 2147483648 0.5 3q; do refused --radius "0 to 2147483647" leaderboard --around a@b.c --radius "$bad"; done
for bad in 0 -2 9223372036854775808 1.0 2k; do refused --limit "1 to 9223372036854775807" friend list a@b.c --limit "$bad"; done
for bad in -1 99999999999999999999 2.5 3x; do refused --count "$bigint" uuid -n "$bad"; done

# Values that fit are taken exactly, the extremes included.
new_db hx_numbers
a=$(add_user num@hexdb.test Num)
hx score submit num@hexdb.test 9223372036854775807
is "$status" 0 "SCORE 9223372036854775807 (the largest bigint): exit 0"
is "$(sql "SELECT score FROM hexdb.scores WHERE id = :'v1'" "$out")" 9223372036854775807 "  stored exactly"
hx score submit num@hexdb.test 0
is "$(sql "SELECT score FROM hexdb.scores WHERE id = :'v1'" "$out")" 0 "SCORE 0 stored"
hx leaderboard --limit 2147483647 --after-rank 9223372036854775806 --format csv
is "$status/$out" "0/rank,user_id,nickname,score,achieved_at" "--limit and --after-rank at their largest: exit 0"
hx leaderboard --around num@hexdb.test --radius 0 --format csv
is "$status/$(tail -n +2 <<<"$out" | cut -d, -f2)" "0/$a" "--radius 0: the user alone"
hx uuid -n 0
is "$status/$out" "0/" "-n 0: nothing"

done_testing
