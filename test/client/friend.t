#!/usr/bin/env bash
# hexctl friend request | accept | reject | block | remove | list, with the SQLSTATEs SPEC.md
# gives each refusal.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
new_db hx_friend
a=$(add_user ann@hexdb.test "Ann")
b=$(add_user ben@hexdb.test "벤")
c=$(add_user cat@hexdb.test "Cat")
d=$(add_user dan@hexdb.test "Dan")

refused_with() {  # refused_with SQLSTATE DESCRIPTION
  [ "$status" -eq 1 ] && [[ $err == *"SQLSTATE $1"* ]]
  ok $? "$2: exit 1, SQLSTATE $1"
  [ "$status" -eq 1 ] || printf '#   status %s: %s\n' "$status" "$err"
}

hx friend request ann@hexdb.test "$b"
[ "$status" -eq 0 ] && [ "$out" = pending ]; ok $? "request: pending"
hx friend accept ann@hexdb.test ben@hexdb.test
refused_with 42501 "the requester answers their own request"
hx friend accept ben@hexdb.test ann@hexdb.test
[ "$status" -eq 0 ] && [ "$out" = accepted ]; ok $? "accept by the receiver: accepted"

hx friend list ann@hexdb.test --format json
is "$(json_get "$out" '{0,friend_id}')" "$b" "list --format json: friend_id"
is "$(json_get "$out" '{0,nickname}')" "벤" "  nickname"
is "$(json_get "$out" '{0,status}')" accepted "  status"
is "$(sql "SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys((:'v1'::jsonb)->0) k" "$out")" \
  "direction,friend_id,nickname,since,status" "  the columns of friends()"
hx friend list ben@hexdb.test
[ "$status" -eq 0 ] && [[ $out == *"$a"* ]] && [[ $(head -1 <<<"$out") == *friend_id*nickname*status* ]]
ok $? "list as a table, from the other side"

hx friend request cat@hexdb.test ann@hexdb.test
hx friend request ann@hexdb.test cat@hexdb.test
[ "$status" -eq 0 ] && [ "$out" = accepted ]; ok $? "asking someone who already asked you: accepted"

hx --format csv friend list "$a"
is "$(wc -l <<<"$out")" 3 "list --format csv: header and two friends"
hx friend list "$a" --limit 1 --format csv
is "$(wc -l <<<"$out")" 2 "list --limit 1: one friend"
first=$(sql "SELECT least(:'v1'::uuid, :'v2'::uuid)" "$b" "$c")
second=$(sql "SELECT greatest(:'v1'::uuid, :'v2'::uuid)" "$b" "$c")
hx friend list "$a" --after "$first" --format csv
is "$(tail -n +2 <<<"$out" | cut -d, -f1)" "$second" "list --after: the keyset cursor"

hx friend request dan@hexdb.test ann@hexdb.test
hx friend reject ann@hexdb.test dan@hexdb.test
[ "$status" -eq 0 ] && [ "$out" = rejected ]; ok $? "reject: rejected"
hx friend request dan@hexdb.test ann@hexdb.test
[ "$status" -eq 0 ] && [ "$out" = pending ]; ok $? "asking again after a rejection: pending"
hx friend list ann@hexdb.test --status pending --format csv
[[ $out == *"$d"* ]]; ok $? "list --status pending shows the request"

hx friend accept cat@hexdb.test dan@hexdb.test
refused_with P0002 "answering a request that does not exist"
hx friend request ann@hexdb.test ann@hexdb.test
refused_with 23514 "asking yourself"
hx friend request ann@hexdb.test 00000000-0000-7000-8000-000000000000
refused_with 23503 "asking a user that does not exist"

hx friend block cat@hexdb.test dan@hexdb.test
[ "$status" -eq 0 ] && [ "$out" = blocked ]; ok $? "block: blocked"
hx friend list cat@hexdb.test --status all --format csv
is "$(tail -n +2 <<<"$out" | cut -d, -f3 | sort | paste -sd' ')" "accepted blocked" "list --status all: every status (a friend and a block)"
hx friend list cat@hexdb.test --format csv
is "$(tail -n +2 <<<"$out" | cut -d, -f3 | paste -sd' ')" "accepted" "  without --status: accepted friends only"
hx friend request dan@hexdb.test cat@hexdb.test
refused_with 42501 "asking someone who blocked you"
[[ $err == *"$d (dan@hexdb.test)"* && $err == *"$c (cat@hexdb.test)"* ]]
ok $? "  the error shows the emails typed beside the UUIDs"
hx friend request "$d" "${c^^}"
[[ $err == *"$d (Dan)"* && $err == *"$c (Cat)"* ]]
ok $? "  UUIDs typed (any case): their nicknames beside them"
hx friend remove dan@hexdb.test cat@hexdb.test
is "$status" 1 "the blocked user cannot remove the block: exit 1"
hx friend remove cat@hexdb.test dan@hexdb.test
[ "$status" -eq 0 ] && [ "$out" = true ]; ok $? "remove by the blocker (unblock): true"
hx friend remove ann@hexdb.test ben@hexdb.test
[ "$status" -eq 0 ] && [ "$out" = true ]; ok $? "remove a friend: true"
hx friend remove ann@hexdb.test ben@hexdb.test
is "$status" 1 "remove when there is nothing: exit 1"
hx friend list ann@hexdb.test --format csv
[[ $out != *"$b"* ]]; ok $? "the removed friend is no longer listed"

done_testing
