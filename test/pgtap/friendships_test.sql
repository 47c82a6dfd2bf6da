-- pgTAP: the friendship functions and every SQLSTATE of SPEC.md's table, by code.
BEGIN;
SELECT plan(28);

INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
SELECT ('01900000-0000-7000-8000-0000000001' || x)::uuid, 'tapf_' || x || '@example.com', 'f' || x, '$2b$04$x', '2000-01-01'
  FROM unnest(ARRAY['0a', '0b', '0c', '0d']) x;
CREATE TEMP TABLE ids AS SELECT '01900000-0000-7000-8000-00000000010a'::uuid AS a, '01900000-0000-7000-8000-00000000010b'::uuid AS b,
                                '01900000-0000-7000-8000-00000000010c'::uuid AS c, '01900000-0000-7000-8000-00000000010d'::uuid AS d,
                                '01900000-0000-7000-8000-0000000001ff'::uuid AS ghost;

SELECT function_returns('hexdb', 'request_friendship', ARRAY['uuid', 'uuid'], 'text');
SELECT function_returns('hexdb', 'respond_friendship', ARRAY['uuid', 'uuid', 'boolean'], 'text');
SELECT has_function('hexdb', 'block_user', ARRAY['uuid', 'uuid']);
SELECT function_returns('hexdb', 'remove_friendship', ARRAY['uuid', 'uuid'], 'boolean');
SELECT has_function('hexdb', 'friends', ARRAY['uuid', 'text', 'uuid', 'integer']);
SELECT has_trigger('hexdb', 'friendships', 'friendship_check', 'the validation trigger');
SELECT has_trigger('hexdb', 'friendships', 'friendship_notify', 'the notification trigger');

-- Through the functions.
SELECT is(hexdb.request_friendship(a, b), 'pending', 'request: pending') FROM ids;
SELECT is(hexdb.request_friendship(b, a), 'accepted', 'the reverse request accepts') FROM ids;
SELECT throws_ok(format('SELECT hexdb.request_friendship(%L, %L)', a, ghost), '23503', NULL, 'request: a user that does not exist') FROM ids;
SELECT throws_ok(format('SELECT hexdb.request_friendship(%L, %L)', a, a), '23514', NULL, 'request: requester = receiver') FROM ids;
SELECT throws_ok(format('SELECT hexdb.request_friendship(NULL, %L)', a), '22004', NULL, 'request: NULL user') FROM ids;
SELECT is(hexdb.request_friendship(c, a), 'pending', 'c asks a') FROM ids;
SELECT throws_ok(format('SELECT hexdb.respond_friendship(%L, %L, true)', c, a), '42501', NULL, 'respond: not the receiver') FROM ids;
SELECT throws_ok(format('SELECT hexdb.respond_friendship(%L, %L, true)', d, a), 'P0002', NULL, 'respond: no such request') FROM ids;
SELECT is(hexdb.respond_friendship(a, c, false), 'rejected', 'respond: rejected') FROM ids;
SELECT is(hexdb.request_friendship(c, a), 'pending', 'pending again after a rejection') FROM ids;
SELECT lives_ok(format('SELECT hexdb.block_user(%L, %L)', d, a), 'block a stranger') FROM ids;
SELECT throws_ok(format('SELECT hexdb.request_friendship(%L, %L)', a, d), '42501', NULL, 'asking someone who blocked you') FROM ids;
SELECT throws_ok(format('SELECT hexdb.remove_friendship(%L, %L)', a, d), '42501', NULL, 'the blocked one cannot unblock') FROM ids;
SELECT is(hexdb.remove_friendship(d, a), true, 'the blocker unblocks') FROM ids;
SELECT is((SELECT array_agg(friend_id ORDER BY friend_id) FROM hexdb.friends(a)), ARRAY[b], 'friends: accepted ones') FROM ids;

-- Through plain INSERT and UPDATE: the trigger.
SELECT throws_ok(format('INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (%L, %L)', ghost, a), '23503', NULL, 'insert: unknown user') FROM ids;
SELECT throws_ok(format('INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (%L, %L)', b, b), '23514', NULL, 'insert: self') FROM ids;
SELECT throws_ok(format('INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (%L, %L)', b, a), '23505', NULL, 'insert: second row for a pair') FROM ids;
SELECT throws_ok(format('INSERT INTO hexdb.friendships (requester_id, receiver_id) VALUES (NULL, %L)', b), '22004', NULL, 'insert: NULL user') FROM ids;
SELECT throws_ok(format('UPDATE hexdb.friendships SET status = %L WHERE requester_id = %L AND receiver_id = %L', 'pending', a, b), '23514', NULL, 'update: accepted -> pending') FROM ids;
SELECT throws_ok(format('UPDATE hexdb.friendships SET receiver_id = %L WHERE requester_id = %L AND receiver_id = %L', d, a, b), '23514', NULL, 'update: ids change outside a block') FROM ids;

SELECT * FROM finish();
ROLLBACK;
