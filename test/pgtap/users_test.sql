-- pgTAP: the user functions of SPEC.md, as outside tests will call them.
BEGIN;
SELECT plan(14);
SET LOCAL hexdb.password_cost = 4;

SELECT function_returns('hexdb', 'create_user', ARRAY['text', 'text', 'text', 'date', 'text'], 'uuid');
SELECT function_returns('hexdb', 'check_password', ARRAY['text', 'text'], 'uuid');
SELECT function_returns('hexdb', 'delete_user', ARRAY['uuid'], 'boolean');

SELECT lives_ok($$SELECT hexdb.create_user('tap_user@example.com', '탭', 's3cret', '1999-09-09')$$, 'create_user with the default role');
SELECT is((SELECT role FROM hexdb.users WHERE email = 'tap_user@example.com'), 'user', 'role defaults to user');
SELECT ok((SELECT password_hash !~ 's3cret' AND password_hash ~ '^\$2b\$04\$' FROM hexdb.users WHERE email = 'tap_user@example.com'),
          'the password is stored as a bcrypt hash, never in plaintext');
SELECT is(hexdb.check_password('TAP_USER@example.com', 's3cret'),
          (SELECT user_id FROM hexdb.users WHERE email = 'tap_user@example.com'), 'check_password: email in any case');
SELECT is(hexdb.check_password('tap_user@example.com', 'wrong'), NULL, 'check_password: NULL for a wrong password');
SELECT throws_ok($$SELECT hexdb.create_user('Tap_User@Example.com', 'x', 'pw', '2000-01-01')$$, '23505', NULL, 'email unique regardless of case');
SELECT throws_ok($$SELECT hexdb.create_user('tap2@example.com', repeat('n', 101), 'pw', '2000-01-01')$$, '22023', NULL, 'nickname over 100 characters');
SELECT throws_ok($$SELECT hexdb.create_user('tap2@example.com', 'x', 'pw', '2000-01-01', 'god')$$, '22023', NULL, 'unknown role');
SELECT throws_ok($$SELECT hexdb.create_user('tap2@example.com', 'x', NULL, '2000-01-01')$$, '22004', NULL, 'NULL password');
SELECT is(hexdb.delete_user((SELECT user_id FROM hexdb.users WHERE email = 'tap_user@example.com')), true, 'delete_user: true');
SELECT is(hexdb.delete_user((SELECT hexdb.uuid_generate_v7())), false, 'delete_user: false for nobody');

SELECT * FROM finish();
ROLLBACK;
