#!/usr/bin/env bash
# pg_notify('hexdb_friendship', json) for every change, delivered at commit (SPEC.md): a second
# session LISTENs while a writer changes friendships. Nothing arrives while the writer's
# transaction is open, nothing ever arrives from a rolled-back one, and committed inserts,
# updates and deletes arrive in commit order with op, ids and status. Runs inside pg_virtualenv.
set -uo pipefail
source "$(dirname "$0")/../lib/tap.sh"
db=hexdb_friend_notify
psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
psql -qX -v ON_ERROR_STOP=1 -d $db >/dev/null <<'SQL'
CREATE EXTENSION hexdb;
SELECT hexdb.setup();
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
SELECT ('01900000-0000-7000-8000-00000000000' || x)::uuid, x || '@example.com', x, '$2b$04$x', '2000-01-01'
  FROM unnest(ARRAY['a', 'b', 'c']) x;
SQL
a=01900000-0000-7000-8000-00000000000a
b=01900000-0000-7000-8000-00000000000b
c=01900000-0000-7000-8000-00000000000c

dir=$(mktemp -d)
mkfifo "$dir/listener" "$dir/writer"
psql -qXAt -d $db <"$dir/listener" >"$dir/listener.out" 2>&1 &
listener_pid=$!
exec 3>"$dir/listener"
psql -qXAt -d $db <"$dir/writer" >"$dir/writer.out" 2>&1 &
writer_pid=$!
exec 4>"$dir/writer"
trap 'exec 3>&- 4>&-; wait $listener_pid $writer_pid; rm -rf "$dir"' EXIT

# Waits until FILE has a line matching PATTERN (at most 10 s); the sessions answer in order.
wait_for() {
  for _ in $(seq 100); do grep -q -- "$2" "$1" && return 0; sleep 0.1; done
  return 1
}
notices() { grep -c '^Asynchronous notification "hexdb_friendship"' "$dir/listener.out"; }
# Asks the listener's server for anything pending, waiting for the answer.
poll_listener() {  # poll_listener TAG
  echo "SELECT pg_sleep(0.2), '$1';" >&3
  wait_for "$dir/listener.out" "|$1\$"
}

echo "LISTEN hexdb_friendship; SELECT 'listening';" >&3
wait_for "$dir/listener.out" '^listening$'
ok $? "the listener listens on hexdb_friendship"

echo "BEGIN; SELECT hexdb.request_friendship('$a', '$b'); SELECT 'open';" >&4
wait_for "$dir/writer.out" '^open$'
is "$(sed -n 1p "$dir/writer.out")" "pending" "a request is made inside an open transaction"
poll_listener tick1 && poll_listener tick2
is "$(notices)" "0" "nothing arrives while the writer's transaction is open"

echo "ROLLBACK; SELECT 'rolled back';" >&4
wait_for "$dir/writer.out" '^rolled back$'
echo "BEGIN; SELECT hexdb.request_friendship('$a', '$c'); SELECT hexdb.respond_friendship('$c', '$a', true); COMMIT;" >&4
echo "SELECT hexdb.remove_friendship('$c', '$a'); SELECT 'done';" >&4
wait_for "$dir/writer.out" '^done$'
for i in $(seq 25); do [ "$(notices)" -ge 3 ] && break; poll_listener "wait$i"; done
poll_listener last
is "$(notices)" "3" "the committed insert, update and delete arrive, and nothing from the rolled-back request"
payloads=$(sed -n 's/^Asynchronous notification "hexdb_friendship" with payload "\(.*\)" received from server process with PID [0-9]*\.$/\1/p' "$dir/listener.out")
! grep -q "$b" <<<"$payloads"
ok $? "no notification names the user of the rolled-back request"

fields() {  # the JSON payloads, one row each: op requester receiver status old_status
  while read -r p; do
    psql -qXAt -F' ' -d $db -c "SELECT j->>'op', j->>'requester_id', j->>'receiver_id', j->>'status', coalesce(j->>'old_status', '-'), (j->>'id')::bigint > 0 FROM (SELECT '$p'::json AS j) s"
  done <<<"$payloads"
}
mapfile -t rows < <(fields)
is "${rows[0]:-}" "insert $a $c pending - t" "insert: op, id, requester, receiver, status"
is "${rows[1]:-}" "update $a $c accepted pending t" "update: the new status and the old one, in commit order"
is "${rows[2]:-}" "delete $a $c accepted - t" "delete: the status the row had"

# A row that ON CONFLICT DO NOTHING skips announces nothing (the notice is AFTER the insert).
# The delete committed after it is the marker: in commit order, nothing may come between.
psql -qX -d $db -c "INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES ('$b', '$c')" \
     -c "INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES ('$c', '$b') ON CONFLICT (least(requester_id, receiver_id), greatest(requester_id, receiver_id)) DO NOTHING" \
     -c "DELETE FROM hexdb.friendships" >/dev/null
for i in $(seq 25); do grep -q '"op":"delete".*"requester_id":"'$b'"' "$dir/listener.out" && break; poll_listener "again$i"; done
is "$(notices)" "5" "an insert skipped by ON CONFLICT DO NOTHING sends no notification"
is "$(grep -o '"op":"[a-z]*"' "$dir/listener.out" | tail -2 | tr '\n' ' ')" '"op":"insert" "op":"delete" ' \
   "only the real insert and the delete arrive"

echo "\\q" >&3; echo "\\q" >&4
psql -qX -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
done_testing
