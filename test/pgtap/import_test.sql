-- import_legacy() against a database that already has rows of its own, and the cell parsers
-- and password functions it relies on. The fixture-wide behaviour is in test/regress/sql/import.sql.
BEGIN;
SELECT plan(26);
SET LOCAL hexdb.password_cost = 4;
SET LOCAL client_min_messages = warning;

-- Cell parsers: a bad cell is NULL, never an error.
SELECT is(hexdb.import_int('-42'), -42, 'import_int reads a negative INT');
SELECT is(hexdb.import_int('2147483648'), NULL, 'import_int: out of int range is NULL');
SELECT is(hexdb.import_int('12abc'), NULL, 'import_int: junk is NULL');
SELECT is(hexdb.import_date('2024-02-29'), '2024-02-29'::date, 'import_date reads a leap day');
SELECT is(hexdb.import_date('2023-02-29'), NULL, 'import_date: no such day is NULL');
SELECT is(hexdb.import_datetime('2024-03-10 02:30:00.25'), '2024-03-10 02:30:00.25'::timestamp, 'import_datetime keeps fractions');
SELECT is(hexdb.import_datetime('0000-00-00 00:00:00'), NULL, 'import_datetime: zero date is NULL');

-- Passwords.
SELECT ok(hexdb.is_password_hash('$2b$04$0c9BmxuBBezJxIbn.sI5NuSGFovMHoI5yaCVfNzMWnqV61w2OrdQW'), 'a bcrypt hash is a hash');
SELECT ok(NOT hexdb.is_password_hash('$2b$04$short'), 'a truncated hash is not');
SELECT ok(NOT hexdb.is_password_hash('hunter2'), 'plaintext is not');
SELECT matches(hexdb.hash_password('pw'), '^\$2b\$04\$[./A-Za-z0-9]{53}$', 'hash_password: bcrypt at hexdb.password_cost');
SELECT isnt(hexdb.hash_password('pw'), hexdb.hash_password('pw'), 'hash_password salts each hash');
SELECT throws_ok($$SELECT hexdb.hash_password('')$$, '22023', 'a password must not be empty', 'an empty password is refused');

-- A database that already has users, scores and a friendship of its own.
INSERT INTO hexdb.users (email, nickname, password_hash, birth_date)
VALUES ('native@example.com', 'Native', hexdb.hash_password('pw'), '2000-01-01'),
       ('native2@example.com', 'Native 2', hexdb.hash_password('pw'), '2000-01-01');
INSERT INTO hexdb.scores (id, user_id, score) SELECT 1, user_id, 5 FROM hexdb.users WHERE email = 'native@example.com';

INSERT INTO hexdb.staging_users VALUES
  ('1', 'legacy1@example.com', 'L1', 'pw1', '1990-01-01', 'user'),
  ('2', 'NATIVE@example.com', 'Clash', 'pw2', '1990-01-01', 'user'),
  ('3', 'legacy3@example.com', 'L3', 'pw3', '1990-01-01', 'admin'),
  ('3', 'legacy3@example.com', 'L3', 'pw3', '1990-01-01', 'admin');   -- the file loaded twice
INSERT INTO hexdb.staging_scores VALUES ('1', '1', '10', '2024-01-01 00:00:00'), ('7', '3', '20', '2024-01-01 00:00:00');
INSERT INTO hexdb.staging_friendships VALUES ('1', '1', '3', 'blocked', '2024-01-01 00:00:00');

SELECT results_eq(
  $$SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy() WHERE source_rows > 0$$,
  $$VALUES ('users', 4::bigint, 2::bigint, 2::bigint), ('scores', 2, 2, 0), ('friendships', 1, 1, 0)$$,
  'every staged row is imported or quarantined');
SELECT is((SELECT reason FROM hexdb.import_rejects WHERE table_name = 'users' AND legacy_id = 2),
          'email (case-insensitive) already belongs to a hexdb user', 'an email hexdb already has is quarantined');
SELECT is((SELECT reason FROM hexdb.import_rejects WHERE table_name = 'users' AND legacy_id = 3),
          'duplicate id', 'a row staged twice is imported once, the copy quarantined');
SELECT is((SELECT count(*) FROM hexdb.users WHERE legacy_id = 3), 1::bigint, 'one user for the twice-staged row');
SELECT is((SELECT user_id FROM hexdb.scores WHERE id = 1),
          (SELECT user_id FROM hexdb.users WHERE email = 'native@example.com'), 'hexdb''s own score 1 is untouched');
SELECT cmp_ok((SELECT id FROM hexdb.scores WHERE legacy_id = 1), '>', 7::bigint,
              'legacy score 1 gets a fresh id past every legacy id, since 1 was taken');
SELECT is((SELECT id FROM hexdb.scores WHERE legacy_id = 7), 7::bigint, 'a free legacy id stays the id');
SELECT is((SELECT status FROM hexdb.friendships WHERE legacy_id = 1), 'blocked', 'a blocked pair imports as blocked');
SELECT is((SELECT count(*) FROM hexdb.check_integrity() WHERE problems > 0), 0::bigint, 'check_integrity is clean');

-- A legacy friendship for a pair hexdb already has is quarantined, not merged.
DELETE FROM hexdb.staging_friendships;
INSERT INTO hexdb.staging_friendships VALUES ('2', '3', '1', 'accepted', '2024-02-01 00:00:00');
SELECT is((SELECT quarantined FROM hexdb.import_legacy() WHERE table_name = 'friendships'), 1::bigint,
          'a second row for an imported pair is quarantined');
SELECT is((SELECT reason FROM hexdb.import_rejects WHERE table_name = 'friendships' AND legacy_id = 2),
          'the pair already has a friendship in hexdb', 'with the reason');

SELECT is((SELECT relpersistence FROM pg_class WHERE oid = 'hexdb.staging_scores'::regclass), 'u',
          'staging tables are unlogged scratch space');
-- An ordinary table, not a member of the extension: pg_dump keeps it like any other.
SELECT ok(NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = 'hexdb.import_rejects'::regclass
                         AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'),
          'import_rejects is kept by pg_dump (an ordinary table)');

SELECT * FROM finish();
ROLLBACK;
