#!/usr/bin/env bash
# Friendships under real concurrency (SPEC.md: "a declarative backstop keeps the rules true under
# concurrency"). 1) Eight pgbench clients request, answer, block and remove random pairs among 20
# users in both directions; rule refusals (42501, 23514, P0002) are answers, anything else
# (a 23505 above all) aborts the client and fails the test. Then: at most one row per pair, and
# every row and every update that happened obeys the state machine. 2) Two clients ask each
# other for the same 300 pairs in lockstep: each pair ends with one accepted row, one client
# told 'pending' and the other 'accepted'. Runs inside pg_virtualenv.
set -uo pipefail
source "$(dirname "$0")/../lib/tap.sh"
db=hexdb_friend_concurrent
psql -qX -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
psql -qX -v ON_ERROR_STOP=1 -d $db >/dev/null <<'SQL'
CREATE EXTENSION hexdb;
SELECT hexdb.setup();
CREATE TABLE u (n int PRIMARY KEY, id uuid NOT NULL);
INSERT INTO hexdb.users (email, nickname, password_hash, birth_date)
  SELECT 'c' || n || '@example.com', 'c' || n, '$2b$04$x', '2000-01-01' FROM generate_series(1, 20) n;
INSERT INTO u SELECT substr(nickname, 2)::int, user_id FROM hexdb.users;

-- Every update the table sees, to check each against the state machine afterwards.
CREATE TABLE transitions (old_req uuid, old_rec uuid, old_status text, new_req uuid, new_rec uuid, new_status text);
CREATE FUNCTION log_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO transitions VALUES (OLD.requester_id, OLD.receiver_id, OLD.status, NEW.requester_id, NEW.receiver_id, NEW.status);
  RETURN NULL;
END $$;
CREATE TRIGGER log_transition AFTER UPDATE ON hexdb.friendships FOR EACH ROW EXECUTE FUNCTION log_transition();

-- One random operation; a rule's refusal is an answer, not a failure.
CREATE FUNCTION step(op int, x int, y int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE a uuid := (SELECT id FROM u WHERE n = x); b uuid := (SELECT id FROM u WHERE n = y);
BEGIN
  IF op < 5 THEN RETURN hexdb.request_friendship(a, b);
  ELSIF op < 7 THEN RETURN hexdb.respond_friendship(a, b, op = 5);
  ELSIF op = 7 THEN PERFORM hexdb.block_user(a, b); RETURN 'blocked';
  ELSE RETURN hexdb.remove_friendship(a, b)::text;
  END IF;
EXCEPTION WHEN SQLSTATE '42501' OR SQLSTATE '23514' OR SQLSTATE 'P0002' THEN
  RETURN SQLSTATE;
END $$;
CREATE TABLE answers (answer text);

-- The lockstep race: pair k is asked by client 0 one way and by client 1 the other way.
CREATE TABLE pairs (k int PRIMARY KEY, p uuid, q uuid);
INSERT INTO hexdb.users (email, nickname, password_hash, birth_date)
  SELECT 'r' || n || '@example.com', 'r' || n, '$2b$04$x', '2000-01-01' FROM generate_series(1, 600) n;
INSERT INTO pairs SELECT k, (SELECT user_id FROM hexdb.users WHERE nickname = 'r' || (2 * k - 1)),
                            (SELECT user_id FROM hexdb.users WHERE nickname = 'r' || (2 * k)) FROM generate_series(1, 300) k;
CREATE SEQUENCE race_0; CREATE SEQUENCE race_1;
CREATE TABLE race (k int, client int, answer text);
CREATE FUNCTION race_step(client int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE n int := nextval(('race_' || client)::regclass); pr pairs;
BEGIN
  SELECT * INTO pr FROM pairs WHERE k = n;
  INSERT INTO race VALUES (n, client, CASE client WHEN 0 THEN hexdb.request_friendship(pr.p, pr.q)
                                                 ELSE hexdb.request_friendship(pr.q, pr.p) END);
END $$;
SQL
ok $? "set up 20 users for random operations and 300 fresh pairs for the race"

script=$(mktemp)
cat >"$script" <<'EOF2'
\set x random(1, 20)
\set y (:x + random(0, 18)) % 20 + 1
\set op random(0, 9)
INSERT INTO answers SELECT step(:op, :x, :y);
EOF2
pgbench -n -c 8 -j 2 -t 400 -f "$script" $db >"$script.log" 2>&1
status=$?
ok $status "pgbench: 8 clients x 400 random operations, no unexpected error"
[ $status -eq 0 ] || sed 's/^/# /' "$script.log"
grep -E 'number of (transactions actually processed|failed)' "$script.log" | sed 's/^/# /'

q() { psql -qXAt -d $db -c "$1"; }
is "$(q "SELECT count(*) FROM answers")" "3200" "all 3200 operations answered"
is "$(q "SELECT count(*) FILTER (WHERE answer IN ('pending', 'accepted', 'rejected', 'blocked', 'true', 'false', '42501', '23514', 'P0002')) FROM answers")" "3200" \
   "every answer is a status, a boolean or a rule's SQLSTATE"
echo "# answers: $(q "SELECT string_agg(answer || '=' || n, ' ' ORDER BY answer) FROM (SELECT answer, count(*) n FROM answers GROUP BY 1) s")"
ok "$( [ "$(q "SELECT count(DISTINCT answer) FROM answers")" -ge 6 ]; echo $?)" "the mix exercised at least six different outcomes"
is "$(q "SELECT count(*) FROM (SELECT 1 FROM hexdb.friendships GROUP BY least(requester_id, receiver_id), greatest(requester_id, receiver_id) HAVING count(*) > 1) d")" "0" \
   "at most one row per unordered pair"
is "$(q "SELECT count(*) FROM hexdb.friendships WHERE requester_id = receiver_id OR status NOT IN ('pending', 'accepted', 'rejected', 'blocked') OR updated_at < created_at")" "0" \
   "every row is between two users, with a valid status and updated_at"
is "$(q "SELECT count(*) FROM hexdb.friendships f WHERE NOT EXISTS (SELECT FROM u WHERE id = f.requester_id) OR NOT EXISTS (SELECT FROM u WHERE id = f.receiver_id)")" "0" \
   "every row's users exist"
ok "$( [ "$(q "SELECT count(*) FROM transitions")" -gt 100 ]; echo $?)" "more than 100 updates happened ($(q "SELECT count(*) FROM transitions"))"
is "$(q "SELECT count(*) FROM transitions WHERE NOT (
          (old_status = new_status AND old_req = new_req AND old_rec = new_rec)
       OR ((old_status, new_status) IN (('pending', 'accepted'), ('pending', 'rejected'), ('rejected', 'pending')) AND old_req = new_req AND old_rec = new_rec)
       OR (new_status = 'blocked' AND old_status <> 'blocked' AND ((old_req = new_req AND old_rec = new_rec) OR (old_req = new_rec AND old_rec = new_req))))")" "0" \
   "every update was an edge of the state machine (ids swapped only into a block)"

echo "SELECT race_step(:client_id);" >"$script"
pgbench -n -c 2 -j 2 -t 300 -f "$script" $db >"$script.log" 2>&1
status=$?
ok $status "pgbench: 2 clients ask each other for the same 300 pairs in lockstep"
[ $status -eq 0 ] || sed 's/^/# /' "$script.log"
is "$(q "SELECT count(*) FROM race")" "600" "600 requests answered"
is "$(q "SELECT count(*) FROM (SELECT k FROM race GROUP BY k HAVING array_agg(answer ORDER BY answer) = '{accepted,pending}') s")" "300" \
   "for every pair one side was told pending and the other accepted"
is "$(q "SELECT count(*) FROM pairs p JOIN hexdb.friendships f ON least(f.requester_id, f.receiver_id) = least(p.p, p.q) AND greatest(f.requester_id, f.receiver_id) = greatest(p.p, p.q) WHERE f.status = 'accepted'")" "300" \
   "every raced pair has exactly one row, accepted"

# Deleting users removes their friendships, whichever side they were on.
before=$(q "SELECT count(*) FROM hexdb.friendships")
theirs=$(q "SELECT count(*) FROM hexdb.friendships f JOIN pairs ON p IN (f.requester_id, f.receiver_id) WHERE k <= 100")
q "SELECT hexdb.delete_user(p) FROM pairs WHERE k <= 100" >/dev/null
is "$(q "SELECT count(*) FROM hexdb.friendships f JOIN pairs ON p IN (f.requester_id, f.receiver_id) WHERE k <= 100")" "0" "deleted users keep no friendship"
is "$(q "SELECT count(*) FROM hexdb.friendships")" "$((before - theirs))" "and only theirs went ($theirs rows)"

rm -f "$script" "$script.log"
psql -qX -c "DROP DATABASE $db" >/dev/null
done_testing
