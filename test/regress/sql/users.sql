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

-- One definition of a space, Unicode's White_Space, for create_user, the table's CHECK
-- (hexdb.is_email) and the import: no refusal can come from the CHECK, whose detail would show
-- the row and its hash.
\i test/regress/sql/include/expect_rule.psql
SELECT to_hex(c) AS code_point, hexdb.is_email('a' || chr(c) || 'b@c.com') AS is_email,
       pg_temp.expect_rule(format($$SELECT hexdb.create_user(%L, 'x', 'pw', '2000-01-01')$$, 'a' || chr(c) || 'b@c.com')) AS create_user
  FROM unnest(ARRAY[9, 10, 11, 12, 13, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199,
                    8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288]) AS c;
-- Not spaces: zero-width space, Mongolian vowel separator, word joiner.
SELECT to_hex(c) AS code_point, hexdb.is_email('a' || chr(c) || 'b@c.com') AS is_email
  FROM unnest(ARRAY[8203, 6158, 8288]) AS c;
-- The CHECK is the same function.
SELECT pg_temp.expect_rule($$INSERT INTO hexdb.users (email, nickname, password_hash, birth_date)
                             VALUES (E'a\u3000b@c.com', 'x', '$2b$04$abcdefghijklmnopqrstuv', '2000-01-01')$$);
SELECT pg_temp.expect_rule($$INSERT INTO hexdb.users (email, nickname, password_hash, birth_date)
                             VALUES (E'a\u00a0b@c.com', 'x', '$2b$04$abcdefghijklmnopqrstuv', '2000-01-01')$$);
-- A refusal from a constraint hexdb does not know (a studio's own) shows no hash.
BEGIN;
ALTER TABLE hexdb.users ADD CONSTRAINT studio_nickname CHECK (nickname <> 'forbidden');
CREATE FUNCTION pg_temp.error_text(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE m text; d text; c text;
BEGIN
  EXECUTE sql;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL, c = PG_EXCEPTION_CONTEXT;
  RETURN SQLSTATE || ': ' || m || ' / ' || d || ' / holds a hash: ' || (concat(m, d, c) ~ '\$2b\$');
END $$;
SELECT pg_temp.error_text($$SELECT hexdb.create_user('studio@example.com', 'forbidden', 'pw', '2000-01-01')$$);
ROLLBACK;

-- hexdb.password_cost is bounded by hexdb.password_cost_max (superuser only, default 14).
SHOW hexdb.password_cost_max;
SELECT pg_temp.expect_error($$SET hexdb.password_cost = 15$$);
CREATE ROLE hexdb_cost_nobody;
SET ROLE hexdb_cost_nobody;
SELECT pg_temp.expect_error($$SET hexdb.password_cost_max = 31$$);
RESET ROLE;
DROP ROLE hexdb_cost_nobody;
-- Hashing runs in slices that check for interrupts: a timeout ends even cost 31 (2^31
-- rounds, days of work in one libxcrypt call) with 57014.
SET hexdb.password_cost_max = 31;
SET hexdb.password_cost = 31;
\set VERBOSITY sqlstate
SET statement_timeout = '500ms';
SELECT hexdb.hash_password('x');
SELECT hexdb.create_user('slow@example.com', 'x', 'pw', '2000-01-01');
RESET statement_timeout;
-- Verifying a stored hash of cost 31 is cancellable too.
SET hexdb.password_cost = 4;
INSERT INTO hexdb.users (email, nickname, password_hash, birth_date)
  VALUES ('cost31@example.com', 'x', '$2b$31$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234', '2000-01-01');
SET statement_timeout = '500ms';
SELECT hexdb.check_password('cost31@example.com', 'pw');
RESET statement_timeout;
\set VERBOSITY default
DELETE FROM hexdb.users WHERE email = 'cost31@example.com';
-- A session's cost above the maximum (lowered after it was set) is refused when used.
SET hexdb.password_cost = 20;
RESET hexdb.password_cost_max;
SELECT pg_temp.expect_rule($$SELECT hexdb.hash_password('x')$$);
SET hexdb.password_cost = 4;

-- A verified hash of another method or cost is replaced by one at hexdb.password_cost.
SET hexdb.password_cost = 5;
SELECT hexdb.create_user('upgrade@example.com', 'x', 'pw', '2000-01-01') AS upgrade \gset
SET hexdb.password_cost = 4;
SELECT hexdb.check_password('upgrade@example.com', 'wrong') IS NULL AS wrong_password,
       (SELECT password_hash ~ '^\$2b\$05\$' FROM hexdb.users WHERE user_id = :'upgrade') AS unchanged_by_a_failure;
SELECT hexdb.check_password('upgrade@example.com', 'pw') = :'upgrade' AS verified;
SELECT password_hash ~ '^\$2b\$04\$' AS rehashed_at_cost_4 FROM hexdb.users WHERE user_id = :'upgrade';
SELECT hexdb.check_password('upgrade@example.com', 'pw') = :'upgrade' AS still_verifies;
-- check_password runs as its owner, so whoever grant_app() let call it upgrades the hash on a
-- successful login; a read-only transaction verifies and keeps the hash as it was.
SET hexdb.password_cost = 6;
CREATE ROLE hexdb_login;
SELECT hexdb.grant_app('hexdb_login');
SET ROLE hexdb_login;
BEGIN READ ONLY;
SELECT hexdb.check_password('upgrade@example.com', 'pw') = :'upgrade' AS verified_read_only;
COMMIT;
RESET ROLE;
SELECT password_hash ~ '^\$2b\$04\$' AS kept_by_read_only FROM hexdb.users WHERE user_id = :'upgrade';
SET ROLE hexdb_login;
SELECT hexdb.check_password('upgrade@example.com', 'pw') = :'upgrade' AS app_verified;
RESET ROLE;
SELECT password_hash ~ '^\$2b\$06\$' AS rehashed_for_the_app FROM hexdb.users WHERE user_id = :'upgrade';
-- A read-only grant reads users but cannot verify passwords.
CREATE ROLE hexdb_reader;
SELECT hexdb.grant_app('hexdb_reader', read_only => true);
SET ROLE hexdb_reader;
SELECT pg_temp.expect_error($$SELECT hexdb.check_password('upgrade@example.com', 'pw')$$) AS reader_check;
SELECT count(*) AS reader_sees_users FROM hexdb.users WHERE user_id = :'upgrade';
RESET ROLE;
DROP OWNED BY hexdb_login, hexdb_reader;
DROP ROLE hexdb_login, hexdb_reader;
SET hexdb.password_cost = 4;
SELECT hexdb.delete_user(:'upgrade');

-- An unknown email is verified against a stand-in of the most common stored method and cost
-- (whatever the session's cost), so it costs what a wrong password costs.
\c
SET hexdb.password_cost = 4;
BEGIN;
TRUNCATE hexdb.users CASCADE;
INSERT INTO hexdb.users (email, nickname, password_hash, birth_date)
SELECT 'standin' || i || '@example.com', 'x',
       CASE WHEN i <= 3 THEN '$2b$07$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234'
            ELSE '$2b$05$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234' END, '2000-01-01'
  FROM generate_series(1, 5) i;
SELECT hexdb.password_stand_in_kind() AS stand_in_kind;
SELECT hexdb.check_password('nobody@example.com', 'pw') IS NULL AS unknown_email;
ROLLBACK;
\c
SET hexdb.password_cost = 4;
BEGIN;
TRUNCATE hexdb.users CASCADE;
INSERT INTO hexdb.users (email, nickname, password_hash, birth_date)
SELECT 'standin' || i || '@example.com', 'x', '$2b$06$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234', '2000-01-01'
  FROM generate_series(1, 2) i;
SELECT hexdb.password_stand_in_kind() AS stand_in_kind;
ROLLBACK;
\i test/regress/sql/include/expect_error.psql
SET hexdb.password_cost = 4;

-- Clean up for the tests that follow in this database.
DELETE FROM hexdb.users WHERE email IN ('minji@example.com', 'sha@example.com', 'php@example.com', 'hangul@example.com')
   OR lower(email) = 'minji@example.com';
