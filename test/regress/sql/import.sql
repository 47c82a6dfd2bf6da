-- Import from MySQL (SPEC "Import from MySQL and integrity") on the committed fixture that a
-- real mariadb-dump --tab wrote (test/import/make_fixture.sh). In a database of its own, so
-- that users other tests leave behind cannot collide with the fixture's emails.
\set fixture_db hexdb_import_regress
\i test/regress/sql/include/fixture_database.psql
SET hexdb.password_cost = 4;

-- The report accounts for every row.
SELECT *, source_rows = imported + quarantined AS accounted FROM hexdb.import_legacy();

-- Every rejected row is in import_rejects, with its reason and the whole row.
SELECT table_name, legacy_id, reason FROM hexdb.import_rejects ORDER BY table_name, legacy_id;
SELECT "row" FROM hexdb.import_rejects WHERE table_name = 'scores' AND legacy_id = 8;

-- Users keep their old id; v7 UUIDs; Korean, tab, quotes, backslash and newline intact; a
-- NULL role (a drifted column) took the legacy default.
SELECT legacy_id, hexdb.uuid_version(user_id) AS v, email, nickname, role FROM hexdb.users ORDER BY legacy_id;
SELECT nickname = E'Dave "The\tTab" O''Brien \\ back' AS dave_intact,
       octet_length(nickname) AS bytes FROM hexdb.users WHERE legacy_id = 4;
SELECT nickname = '김민준' AS korean_intact, char_length(nickname) FROM hexdb.users WHERE legacy_id = 3;

-- Crypt-style hashes are kept byte for byte; plaintext ones are hashed (bcrypt at the cost set).
SELECT u.legacy_id,
       CASE WHEN u.password_hash = s.password THEN 'kept'
            WHEN u.password_hash LIKE '$2b$04$%' AND hexdb.is_password_hash(u.password_hash) THEN 'hashed'
            ELSE 'WRONG' END AS password
  FROM hexdb.users u JOIN hexdb.staging_users s ON s.id::int = u.legacy_id ORDER BY 1;
SELECT count(*) AS plaintext_left FROM hexdb.users u JOIN hexdb.staging_users s ON s.id::int = u.legacy_id
 WHERE NOT hexdb.is_password_hash(s.password) AND u.password_hash = s.password;

-- References are mapped through legacy_id; score ids are the legacy ids.
SELECT s.id, s.legacy_id, u.legacy_id AS user_legacy_id, s.score, s.created_at
  FROM hexdb.scores s JOIN hexdb.users u USING (user_id) ORDER BY s.id;
-- Each friendship in its legacy state, written once: updated_at is the source's only time.
SELECT f.id, a.legacy_id AS requester, b.legacy_id AS receiver, f.status, f.created_at,
       f.updated_at = f.created_at AS updated_at_is_created_at
  FROM hexdb.friendships f JOIN hexdb.users a ON a.user_id = f.requester_id
  JOIN hexdb.users b ON b.user_id = f.receiver_id ORDER BY f.id;
SELECT u.legacy_id, v.visit_date, v.visit_count FROM hexdb.game_visits v JOIN hexdb.users u USING (user_id) ORDER BY 1, 2;

-- Monthly history no score backs is kept as imported; the months scores back are recomputed.
SELECT m.year, m.month, u.legacy_id, m.score, m.imported
  FROM hexdb.monthly_scores m JOIN hexdb.users u USING (user_id) ORDER BY 1, 2, 3;

-- Identity sequences end past every imported id.
SELECT (SELECT max(id) FROM hexdb.scores) AS max_score_id, nextval('hexdb.scores_id_seq') AS next_score_id,
       (SELECT max(id) FROM hexdb.friendships) AS max_friendship_id, nextval('hexdb.friendships_id_seq') AS next_friendship_id;
SELECT * FROM hexdb.check_integrity();

-- Running the same import twice changes nothing the second time.
CREATE TEMP TABLE before AS
SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.users t) AS users,
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.scores t) AS scores,
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.friendships t) AS friendships,
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.monthly_scores t) AS monthly,
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.game_visits t) AS visits,
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.import_rejects t) AS rejects;
SELECT * FROM hexdb.import_legacy();
SELECT b.users = (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.users t) AS users_same,
       b.scores = (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.scores t) AS scores_same,
       b.friendships = (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.friendships t) AS friendships_same,
       b.monthly = (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.monthly_scores t) AS monthly_same,
       b.visits = (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.game_visits t) AS visits_same,
       b.rejects = (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM hexdb.import_rejects t) AS rejects_same
  FROM before b;

-- An import that fails midway (here: the last table's insert) leaves hexdb as it was.
TRUNCATE hexdb.users CASCADE;
TRUNCATE hexdb.import_rejects;
CREATE FUNCTION pg_temp.fail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'disk on fire' USING ERRCODE = '58000'; END $$;
CREATE TRIGGER fail_midway BEFORE INSERT ON hexdb.game_visits FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.fail();
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.import_legacy()$$);
SELECT (SELECT count(*) FROM hexdb.users) AS users, (SELECT count(*) FROM hexdb.scores) AS scores,
       (SELECT count(*) FROM hexdb.friendships) AS friendships, (SELECT count(*) FROM hexdb.monthly_scores) AS monthly,
       (SELECT count(*) FROM hexdb.import_rejects) AS rejects;
DROP TRIGGER fail_midway ON hexdb.game_visits;

-- DATETIMEs are read in the source time zone: 2024-02-01 00:30 in Seoul is January in UTC.
SELECT table_name, imported FROM hexdb.import_legacy('Asia/Seoul') WHERE table_name = 'scores';
SELECT legacy_id, created_at FROM hexdb.scores WHERE legacy_id IN (1, 3) ORDER BY 1;
SELECT m.year, m.month, m.score, m.imported FROM hexdb.monthly_scores m JOIN hexdb.users u USING (user_id)
 WHERE u.legacy_id = 2 ORDER BY 1, 2;
SELECT legacy_id, reason FROM hexdb.import_rejects WHERE table_name = 'monthly_scores' AND legacy_id = 3;

-- Bad arguments.
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.import_legacy('Mars/Olympus')$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.import_legacy(NULL)$$);

-- check_integrity finds planted problems (foreign keys, checks and the pair index bypassed).
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE hexdb.monthly_scores SET score = score + 1 WHERE NOT imported AND year = 2024 AND month = 1;
SELECT setval('hexdb.scores_id_seq', 2);
INSERT INTO hexdb.scores (id, user_id, score, created_at) VALUES (1000, hexdb.uuid_nil(), 1, '2024-05-05');
DROP INDEX hexdb.friendships_pair_key;
ALTER TABLE hexdb.friendships DROP CONSTRAINT friendships_not_self;
INSERT INTO hexdb.friendships (id, requester_id, receiver_id) SELECT 100, receiver_id, requester_id FROM hexdb.friendships WHERE id = 1;
INSERT INTO hexdb.friendships (id, requester_id, receiver_id) SELECT 101, requester_id, requester_id FROM hexdb.friendships WHERE id = 1;
SELECT check_name, problems FROM hexdb.check_integrity();
ROLLBACK;

\c :regress_db
DROP DATABASE :fixture_db;
