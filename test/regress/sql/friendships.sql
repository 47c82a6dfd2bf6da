-- Friendships (SPEC.md "Friendships"): every rule and SQLSTATE, through plain INSERT/UPDATE
-- (the trigger, whoever writes) and through the functions.
\i test/regress/sql/include/expect_error.psql
\set a '''01900000-0000-7000-8000-00000000000a'''
\set b '''01900000-0000-7000-8000-00000000000b'''
\set c '''01900000-0000-7000-8000-00000000000c'''
\set d '''01900000-0000-7000-8000-00000000000d'''
\set e '''01900000-0000-7000-8000-00000000000e'''
\set ghost '''01900000-0000-7000-8000-0000000000ff'''
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
SELECT ('01900000-0000-7000-8000-00000000000' || x)::uuid, 'fr_' || x || '@example.com', n, '$2b$04$x', '2000-01-01'
  FROM (VALUES ('a', 'Ann'), ('b', 'Bo'), ('c', '철수'), ('d', 'Dee'), ('e', 'Eve')) v(x, n);
CREATE TEMP VIEW pair AS
  SELECT right(requester_id::text, 1) AS requester, right(receiver_id::text, 1) AS receiver, status
    FROM hexdb.friendships ORDER BY least(requester_id, receiver_id), greatest(requester_id, receiver_id);

-- ===== Plain INSERT and UPDATE: the trigger =====
-- A user that does not exist: 23503, naming the user.
SELECT pg_temp.expect_error(format('INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (%L, %L)', :a, :ghost));
SELECT pg_temp.expect_error(format('INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (%L, %L)', :ghost, :a));
-- Requester = receiver: 23514.
SELECT pg_temp.expect_error(format('INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (%L, %L)', :a, :a));
-- NULL user or status: 22004. An unknown status: 23514.
SELECT pg_temp.expect_error(format('INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (NULL, %L)', :a));
SELECT pg_temp.expect_error(format('INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (%L, NULL)', :a));
SELECT pg_temp.expect_error(format('INSERT INTO hexdb.friendships (requester_id, receiver_id, status) VALUES (%L, %L, NULL)', :a, :b));
SELECT pg_temp.expect_error(format('INSERT INTO hexdb.friendships (requester_id, receiver_id, status) VALUES (%L, %L, %L)', :a, :b, 'friends'));
-- A new row may carry any status (an import brings accepted and blocked pairs).
INSERT INTO hexdb.friendships (requester_id, receiver_id, created_at, updated_at)
  VALUES (:a, :b, '2020-01-01', '2020-01-01');
SELECT * FROM pair;
-- A second row for the same pair, either way round: 23505 (the unique pair index).
SELECT pg_temp.expect_error(format('INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (%L, %L)', :a, :b));
SELECT pg_temp.expect_error(format('INSERT INTO hexdb.friendships (requester_id, receiver_id, status) VALUES (%L, %L, %L)', :b, :a, 'accepted'));
-- ... which ON CONFLICT can still handle, since the trigger leaves uniqueness to the index.
INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (:b, :a)
  ON CONFLICT (least(requester_id, receiver_id), greatest(requester_id, receiver_id)) DO NOTHING;
SELECT count(*) AS rows_for_pair FROM hexdb.friendships;

-- The state machine on UPDATE. pending -> accepted is allowed and stamps updated_at.
BEGIN;
UPDATE hexdb.friendships SET status = 'accepted' WHERE requester_id = :a;
SELECT status, created_at = '2020-01-01' AS created_kept, updated_at = now() AS updated_now FROM hexdb.friendships;
COMMIT;
-- accepted never goes back to pending, nor to rejected.
SELECT pg_temp.expect_error(format('UPDATE hexdb.friendships SET status = %L WHERE requester_id = %L', 'pending', :a));
SELECT pg_temp.expect_error(format('UPDATE hexdb.friendships SET status = %L WHERE requester_id = %L', 'rejected', :a));
-- Ids never change, except in a block.
SELECT pg_temp.expect_error(format('UPDATE hexdb.friendships SET receiver_id = %L WHERE requester_id = %L', :c, :a));
SELECT pg_temp.expect_error(format('UPDATE hexdb.friendships SET requester_id = receiver_id, receiver_id = requester_id WHERE requester_id = %L', :a));
SELECT pg_temp.expect_error(format('UPDATE hexdb.friendships SET receiver_id = requester_id WHERE requester_id = %L', :a));
SELECT pg_temp.expect_error(format('UPDATE hexdb.friendships SET receiver_id = NULL WHERE requester_id = %L', :a));
-- any -> blocked, and the blocker becomes the requester (here b blocks a).
UPDATE hexdb.friendships SET status = 'blocked', requester_id = receiver_id, receiver_id = requester_id WHERE requester_id = :a;
SELECT * FROM pair;
-- blocked goes nowhere, and the blocked one cannot take the block over.
SELECT pg_temp.expect_error(format('UPDATE hexdb.friendships SET status = %L WHERE requester_id = %L', 'pending', :b));
SELECT pg_temp.expect_error(format('UPDATE hexdb.friendships SET status = %L WHERE requester_id = %L', 'accepted', :b));
SELECT pg_temp.expect_error(format('UPDATE hexdb.friendships SET requester_id = receiver_id, receiver_id = requester_id WHERE requester_id = %L', :b));
-- pending -> rejected -> pending (asked again); rejected -> accepted is not an edge.
INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (:c, :d);
UPDATE hexdb.friendships SET status = 'rejected' WHERE requester_id = :c;
SELECT pg_temp.expect_error(format('UPDATE hexdb.friendships SET status = %L WHERE requester_id = %L', 'accepted', :c));
UPDATE hexdb.friendships SET status = 'pending' WHERE requester_id = :c;
SELECT * FROM pair;
DELETE FROM hexdb.friendships;

-- ===== The functions =====
SELECT hexdb.request_friendship(:a, :b) AS a_asks_b,
       hexdb.request_friendship(:a, :b) AS a_asks_again,
       hexdb.request_friendship(:b, :a) AS b_asks_a_back;
SELECT * FROM pair;
SELECT hexdb.request_friendship(:a, :b) AS asking_a_friend;
-- A user that does not exist, self, NULL.
SELECT pg_temp.expect_error(format('SELECT hexdb.request_friendship(%L, %L)', :a, :ghost));
SELECT pg_temp.expect_error(format('SELECT hexdb.request_friendship(%L, %L)', :a, :a));
SELECT pg_temp.expect_error(format('SELECT hexdb.request_friendship(NULL, %L)', :a));
SELECT pg_temp.expect_error(format('SELECT hexdb.request_friendship(%L, NULL)', :a));
SELECT pg_temp.expect_error(format('SELECT hexdb.respond_friendship(%L, %L, true)', :ghost, :a));
SELECT pg_temp.expect_error(format('SELECT hexdb.respond_friendship(%L, %L, true)', :a, :a));
SELECT pg_temp.expect_error(format('SELECT hexdb.respond_friendship(%L, %L, NULL)', :a, :c));
SELECT pg_temp.expect_error(format('SELECT hexdb.block_user(%L, %L)', :a, :ghost));
SELECT pg_temp.expect_error(format('SELECT hexdb.block_user(%L, %L)', :a, :a));
SELECT pg_temp.expect_error(format('SELECT hexdb.block_user(NULL, %L)', :a));
SELECT pg_temp.expect_error(format('SELECT hexdb.remove_friendship(%L, %L)', :ghost, :a));
SELECT pg_temp.expect_error(format('SELECT hexdb.remove_friendship(%L, NULL)', :a));

-- respond: only the receiver of a pending request (42501); none (P0002).
SELECT hexdb.request_friendship(:c, :d) AS c_asks_d;
SELECT pg_temp.expect_error(format('SELECT hexdb.respond_friendship(%L, %L, true)', :c, :d));
SELECT pg_temp.expect_error(format('SELECT hexdb.respond_friendship(%L, %L, true)', :d, :e));
SELECT hexdb.respond_friendship(:d, :c, false) AS d_rejects_c,
       hexdb.respond_friendship(:d, :c, false) AS same_answer_again;
SELECT pg_temp.expect_error(format('SELECT hexdb.respond_friendship(%L, %L, true)', :d, :c));
-- Asked again after a rejection: pending again, and d can accept this time.
SELECT hexdb.request_friendship(:c, :d) AS c_asks_again,
       hexdb.respond_friendship(:d, :c, true) AS d_accepts;
SELECT pg_temp.expect_error(format('SELECT hexdb.respond_friendship(%L, %L, false)', :d, :c));
-- The one who rejected asks later: a new request the other way round.
SELECT hexdb.request_friendship(:e, :c) AS e_asks_c, hexdb.respond_friendship(:c, :e, false) AS c_rejects,
       hexdb.request_friendship(:c, :e) AS c_asks_e_now;
SELECT * FROM pair;

-- block: the blocked user can no longer ask (42501), nor remove the block, nor block back.
SELECT hexdb.block_user(:b, :a);
SELECT hexdb.block_user(:b, :a) AS block_twice;
SELECT * FROM pair;
SELECT pg_temp.expect_error(format('SELECT hexdb.request_friendship(%L, %L)', :a, :b));
SELECT pg_temp.expect_error(format('SELECT hexdb.remove_friendship(%L, %L)', :a, :b));
SELECT pg_temp.expect_error(format('SELECT hexdb.block_user(%L, %L)', :a, :b));
SELECT pg_temp.expect_error(format('SELECT hexdb.respond_friendship(%L, %L, true)', :a, :b));
-- The blocker cannot ask either while the block stands (blocked -> pending is no edge).
SELECT pg_temp.expect_error(format('SELECT hexdb.request_friendship(%L, %L)', :b, :a));
-- A block on a stranger creates the row.
SELECT hexdb.block_user(:e, :a);
-- remove: unfriend, cancel, unblock by the blocker; false when there is nothing.
SELECT hexdb.remove_friendship(:b, :a) AS b_unblocks_a,
       hexdb.request_friendship(:a, :b) AS a_may_ask_again,
       hexdb.remove_friendship(:b, :a) AS b_cancels_it,
       hexdb.remove_friendship(:b, :a) AS nothing_left;
SELECT * FROM pair;

-- friends(): accepted by default, ordered by friend_id, keyset pages, both directions.
BEGIN;
SELECT hexdb.request_friendship(:a, x), hexdb.request_friendship(x, :a)
  FROM unnest(ARRAY[:b, :c, :d]::uuid[]) x;
SELECT right(friend_id::text, 1) AS friend, nickname, status, direction, since = now() AS since_now
  FROM hexdb.friends(:a);
COMMIT;
SELECT right(friend_id::text, 1) AS page1 FROM hexdb.friends(:a, lim => 2);
SELECT right(friend_id::text, 1) AS page2 FROM hexdb.friends(:a, 'accepted', :c, 2);
SELECT right(friend_id::text, 1) AS friend, status, direction FROM hexdb.friends(:a, NULL);
SELECT right(friend_id::text, 1) AS friend, status, direction FROM hexdb.friends(:e, 'blocked');
SELECT count(*) AS none_pending FROM hexdb.friends(:a, 'pending');
SELECT pg_temp.expect_error(format('SELECT * FROM hexdb.friends(%L, %L)', :a, 'friends'));
SELECT pg_temp.expect_error(format('SELECT * FROM hexdb.friends(%L, lim => 0)', :a));
SELECT pg_temp.expect_error('SELECT * FROM hexdb.friends(NULL)');

-- Deleting a user removes their friendships, in the same transaction.
SELECT count(*) AS rows_with_a FROM hexdb.friendships WHERE :a IN (requester_id, receiver_id);
SELECT hexdb.delete_user(:a);
SELECT count(*) AS rows_with_a FROM hexdb.friendships WHERE :a IN (requester_id, receiver_id);
SELECT * FROM pair;

DELETE FROM hexdb.users WHERE email LIKE 'fr\__@example.com';
SELECT count(*) AS friendships_left FROM hexdb.friendships;
