-- Users (SPEC.md "Users"): create_user, check_password, delete_user.
\i test/regress/sql/include/expect_error.psql
SET hexdb.password_cost = 4;

SELECT hexdb.create_user('Minji@Example.com', '민지', 'correct horse', '2001-02-03') AS minji \gset
SELECT hexdb.uuid_version(:'minji') AS user_id_version;
SELECT email, nickname, role, birth_date,
       password_hash ~ '^\$2b\$04\$[./A-Za-z0-9]{53}$' AS bcrypt_at_cost_4,
       position('correct horse' IN password_hash) = 0 AS no_plaintext
  FROM hexdb.users WHERE user_id = :'minji';

-- check_password: the user's id, any case of email; NULL for anything else.
SELECT hexdb.check_password('Minji@Example.com', 'correct horse') = :'minji' AS matches,
       hexdb.check_password('MINJI@EXAMPLE.COM', 'correct horse') = :'minji' AS any_case_email,
       hexdb.check_password('minji@example.com', 'correct horsE') IS NULL AS wrong_password,
       hexdb.check_password('nobody@example.com', 'correct horse') IS NULL AS unknown_email,
       hexdb.check_password(NULL, 'correct horse') IS NULL AS null_email,
       hexdb.check_password('minji@example.com', NULL) IS NULL AS null_password;

-- The cost follows hexdb.password_cost; every hash has its own salt.
SET hexdb.password_cost = 5;
SELECT hexdb.create_user('cost5@example.com', 'five', 'correct horse', '2000-01-01', 'admin') AS five \gset
SELECT role, password_hash ~ '^\$2b\$05\$' AS bcrypt_at_cost_5,
       password_hash <> (SELECT password_hash FROM hexdb.users WHERE user_id = :'minji') AS own_salt
  FROM hexdb.users WHERE user_id = :'five';
SET hexdb.password_cost = 4;
SELECT pg_temp.expect_error($$SET hexdb.password_cost = 3$$);

-- Hashes imported from an older system (sha512crypt, PHP's $2y$) still verify.
INSERT INTO hexdb.users (email, nickname, password_hash, birth_date) VALUES
  ('sha@example.com', 'sha', '$6$saltsalt$7Z9on5fD9QtXHyMf98jdfnG1Lb6vIgn/J5PNhCOmvCtxy6yp2OVKGxzjre9RpIloKcV/fYguT.wZHmv6Nkj1F0', '2000-01-01'),
  ('php@example.com', 'php', '$2y$04$abcdefghijklmnopqrstuuoe01cMs82PLVp/mjAD8CBom/Ez6iJ5G', '2000-01-01');
SELECT email, hexdb.check_password(email, 'legacy') IS NOT NULL AS legacy_matches,
       hexdb.check_password(email, 'Legacy') IS NULL AS wrong_refused
  FROM hexdb.users WHERE email IN ('sha@example.com', 'php@example.com') ORDER BY email;

-- Nicknames count characters, not bytes: 100 Hangul syllables (300 bytes) fit, 101 do not.
SELECT hexdb.create_user('hangul@example.com', repeat('가', 100), 'pw', '2000-01-01') AS hangul \gset
SELECT char_length(nickname) AS chars, octet_length(nickname) AS bytes FROM hexdb.users WHERE user_id = :'hangul';
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('hangul2@example.com', repeat('가', 101), 'pw', '2000-01-01')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('empty@example.com', '', 'pw', '2000-01-01')$$);

-- Refusals: taken email (any case) 23505; bad email, role or password 22023; NULL 22004.
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('MINJI@example.COM', 'again', 'pw', '2000-01-01')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('not-an-email', 'x', 'pw', '2000-01-01')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('two@at@example.com', 'x', 'pw', '2000-01-01')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('sp ace@example.com', 'x', 'pw', '2000-01-01')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('r@example.com', 'x', 'pw', '2000-01-01', 'root')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('r@example.com', 'x', '', '2000-01-01')$$);
-- 73 bytes: bcrypt would silently ignore the rest; refused, and the message does not echo it.
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('r@example.com', 'x', repeat('s', 73), '2000-01-01')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.create_user(NULL, 'x', 'pw', '2000-01-01')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('r@example.com', NULL, 'pw', '2000-01-01')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('r@example.com', 'x', NULL, '2000-01-01')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('r@example.com', 'x', 'pw', NULL)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.create_user('r@example.com', 'x', 'pw', '2000-01-01', NULL)$$);
SELECT count(*) AS refused_rows_written FROM hexdb.users WHERE email = 'r@example.com';

-- delete_user: true once, then false; NULL refused.
SELECT hexdb.delete_user(:'five') AS deleted, hexdb.delete_user(:'five') AS deleted_again;
SELECT pg_temp.expect_error($$SELECT hexdb.delete_user(NULL)$$);

-- Clean up for the tests that follow in this database.
DELETE FROM hexdb.users WHERE email IN ('minji@example.com', 'sha@example.com', 'php@example.com', 'hangul@example.com')
   OR lower(email) = 'minji@example.com';
