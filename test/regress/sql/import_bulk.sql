-- import_legacy()'s users, scores, friendships, monthly history and visits written in bulk
-- (import/import_users.cpp, import_scores.cpp, import_friendships.cpp,
-- import_monthly.cpp, import_visits.cpp): the same rows, months and rank counts as
-- its INSERTs, which run
-- instead wherever the bulk path does not apply (here: a studio's own triggers); refusals as
-- those INSERTs' and the friendship trigger's.
\set fixture_db hexdb_import_bulk_regress
\i test/regress/sql/include/fixture_database.psql
SET hexdb.import_password_cost = 4;

-- More scores than the fixture's few, so that months are written as a bulk load's: 3 users,
-- 300 scores each over two months.
INSERT INTO hexdb.staging_scores (id, user_id, score, created_at)
SELECT (1000 + g)::text, (1 + g % 3)::text, ((g * 7919) % 1000)::text,
       to_char(timestamp '2024-03-01' + g * interval '3 hours', 'YYYY-MM-DD HH24:MI:SS')
  FROM generate_series(1, 900) g;
-- One row for each reason a score is quarantined, and the cells around them.
INSERT INTO hexdb.staging_scores (id, user_id, score, created_at) VALUES
  ('x12', '1', '5', '2024-01-01 00:00:00'), (NULL, '1', '5', '2024-01-01 00:00:00'),
  ('2001', '1', '7', '2024-01-02 00:00:00'), ('2001', '2', '8', '2024-01-03 00:00:00'),
  ('2002', 'abc', '5', '2024-01-01 00:00:00'), ('2003', '1', '1.5', '2024-01-01 00:00:00'),
  ('2004', '1', NULL, '2024-01-01 00:00:00'), ('2005', NULL, '5', '2024-01-01 00:00:00'),
  ('2006', '1', '5', '2024-02-30 00:00:00'), ('2007', '999', '5', '2024-01-01 00:00:00'),
  ('2008', '1', '99999999999', '2024-01-01 00:00:00'), ('2009', '2', '-0', '2024-01-04 00:00:00'),
  ('2010', '2', '+12', '2024-01-31 23:59:59.999999'), ('2011', '3', '4', '2024-01-05 00:00:00'),
  ('2012', '3', ' 4', '2024-01-05 00:00:00'), ('2013', '3', '4', ' 2024-01-05 00:00:00');
-- One row for each reason a user is quarantined; the lowest id keeps an email, in any case.
INSERT INTO hexdb.staging_users (id, email, nickname, password, birth_date, role) VALUES
  ('u1', 'a1@example.com', 'A', 'pw', '2000-01-01', 'user'),
  ('7001', 'x7001@example.com', 'n', 'pw', '2000-01-01', 'user'), ('7001', 'y7001@example.com', 'n', 'pw', '2000-01-01', 'user'),
  ('7002', 'not-an-email', 'n', 'pw', '2000-01-01', 'user'), ('7003', NULL, 'n', 'pw', '2000-01-01', 'user'),
  ('7004', 'u7004@example.com', '', 'pw', '2000-01-01', 'user'),
  ('7005', 'u7005@example.com', repeat('é', 101), 'pw', '2000-01-01', 'user'),
  ('7006', 'u7006@example.com', repeat('é', 100), 'pw', '2000-01-01', 'user'),
  ('7007', 'u7007@example.com', 'n', '', '2000-01-01', 'user'), ('7008', 'u7008@example.com', 'n', '$2b$12$short', '2000-01-01', 'user'),
  ('7009', 'u7009@example.com', 'n', repeat('p', 73), '2000-01-01', 'user'),
  ('7010', 'u7010@example.com', 'n', 'pw', '2000-02-30', 'user'), ('7011', 'u7011@example.com', 'n', 'pw', '2000-01-01', 'owner'),
  ('7013', 'u7013@example.com', 'n', 'pw', '2000-01-01', 'admin'), ('7012', 'U7013@Example.com', 'n', 'pw', '2000-01-01', NULL),
  ('7014', 'ALICE@EXAMPLE.COM', 'n', 'pw', '2000-01-01', 'user');
-- One row for each reason a visit is quarantined. A row quarantined for its count still ranks
-- first of its user's day (by id, a row without one last), so the next is a second row.
INSERT INTO hexdb.staging_game_visits (id, user_id, visit_date, visit_count) VALUES
  ('x5', '1', '2024-02-01', '1'), (NULL, '1', '2024-02-02', '1'),
  ('3001', '1', '2024-02-03', '1'), ('3001', '2', '2024-02-03', '1'),
  ('3002', 'u', '2024-02-04', '1'), ('3003', '999', '2024-02-04', '1'),
  ('3004', '1', '2024-13-01', '1'), ('3005', '1', '2024-02-05', 'many'), ('3006', '1', '2024-02-05', '-1'),
  ('3008', '2', '2024-02-06', '2'), ('3007', '2', '2024-02-06', '0'),
  ('3010', '3', '2024-02-07', '1'), ('3009', '3', '2024-02-07', '1'),
  (NULL, '3', '2024-02-08', '1'), ('3011', '3', '2024-02-08', '2'),
  ('3012', '2', '2024-02-09', ' 1'), ('3013', NULL, '2024-02-09', '1'), ('3014', '2', NULL, '1');
-- The same for monthly history; 4016 is a month the scores above back, with another score.
INSERT INTO hexdb.staging_monthly_scores (id, user_id, year, month, score, updated_at) VALUES
  ('m1', '1', '2022', '1', '5', '2022-01-01 00:00:00'), (NULL, '1', '2022', '1', '5', '2022-01-01 00:00:00'),
  ('4001', '1', '2022', '2', '5', '2022-02-01 00:00:00'), ('4001', '2', '2022', '2', '5', '2022-02-01 00:00:00'),
  ('4002', 'x', '2022', '3', '5', '2022-03-01 00:00:00'), ('4003', '999', '2022', '3', '5', '2022-03-01 00:00:00'),
  ('4004', '1', '0', '3', '5', '2022-03-01 00:00:00'), ('4005', '1', 'y', '3', '5', '2022-03-01 00:00:00'),
  ('4006', '1', '2022', '0', '5', '2022-03-01 00:00:00'), ('4007', '1', '2022', '13', '5', '2022-03-01 00:00:00'),
  ('4008', '1', '2022', '4', 'five', '2022-04-01 00:00:00'), ('4009', '1', '2022', '4', '-3', '2022-04-01 00:00:00'),
  ('4010', '1', '2022', '5', '5', '2022-02-30 00:00:00'), ('4010b', '1', '2022', '5', '5', NULL),
  ('4012', '2', '2022', '6', '8', '2022-06-01 00:00:00'), ('4011', '2', '2022', '6', '-1', '2022-06-01 00:00:00'),
  ('4014', '3', '2022', '7', '1', '2022-07-01 00:00:00'), ('4013', '3', '2022', '7', '2', '2022-07-01 00:00:00'),
  (NULL, '3', '2022', '8', '1', '2022-08-01 00:00:00'), ('4015', '3', '2022', '8', '2', '2022-08-01 00:00:00'),
  ('4016', '1', '2024', '3', '1', '2024-03-31 00:00:00'), ('4017', '3', '2022', '9', '0', '2022-09-30 23:00:00');
-- The same for friendships; of a pair's new rows the most advanced state is kept, then the
-- earliest, then the lowest id.
INSERT INTO hexdb.staging_friendships (id, requester_id, receiver_id, status, created_at) VALUES
  ('f1', '2', '4', 'pending', '2024-02-01 00:00:00'), (NULL, '2', '4', 'pending', '2024-02-01 00:00:00'),
  ('5001', '2', '12', 'pending', '2024-02-01 00:00:00'), ('5001', '3', '12', 'pending', '2024-02-01 00:00:00'),
  ('5002', 'x', '4', 'pending', '2024-02-01 00:00:00'), ('5003', '2', 'y', 'pending', '2024-02-01 00:00:00'),
  ('5004', '999', '4', 'pending', '2024-02-01 00:00:00'), ('5005', '2', '998', 'pending', '2024-02-01 00:00:00'),
  ('5006', '4', '4', 'pending', '2024-02-01 00:00:00'), ('5007', '2', '4', 'Accepted', '2024-02-01 00:00:00'),
  ('5008', '2', '4', NULL, '2024-02-01 00:00:00'), ('5009', '2', '4', 'pending', '2024-02-30 00:00:00'),
  ('5011', '4', '12', 'pending', '2024-02-01 00:00:00'), ('5010', '12', '4', 'accepted', '2024-02-03 00:00:00'),
  ('5012', '4', '12', 'accepted', '2024-02-02 00:00:00'),
  ('5014', '12', '1', 'blocked', '2024-02-05 00:00:00'), ('5013', '1', '12', 'blocked', '2024-02-05 00:00:00'),
  ('5015', '3', '1', 'blocked', '2024-02-06 00:00:00');

-- What an import leaves, keyed by legacy ids (UUIDs differ from one import to the next).
CREATE FUNCTION pg_temp.state() RETURNS TABLE (part text, digest text) LANGUAGE sql AS $$
  SELECT 'scores', md5(string_agg(format('%s %s %s %s %s', s.id, s.legacy_id, u.legacy_id, s.score, s.created_at), ',' ORDER BY s.id))
    FROM hexdb.scores s JOIN hexdb.users u USING (user_id)
  UNION ALL
  SELECT 'monthly_scores', md5(string_agg(format('%s %s %s %s %s %s', m.year, m.month, u.legacy_id, m.score, m.achieved_at, m.imported),
                                         ',' ORDER BY m.year, m.month, u.legacy_id))
    FROM hexdb.monthly_scores m JOIN hexdb.users u USING (user_id)
  UNION ALL
  -- Ids in legacy-id order (version 7, generated in that order); each password the legacy
  -- hash, or the plaintext hashed at the interim cost 4.
  SELECT 'users', md5(string_agg(format('%s %s %s %s %s %s %s %s', u.legacy_id, u.email, u.nickname, u.birth_date, u.role,
                                        u.created_at = now(), u.password_hash = s.password OR u.password_hash LIKE '$2b$04$%',
                                        u.by_id = u.by_legacy_id), ',' ORDER BY u.legacy_id))
    FROM (SELECT x.*, rank() OVER (ORDER BY x.user_id) AS by_id, rank() OVER (ORDER BY x.legacy_id) AS by_legacy_id
            FROM hexdb.users x WHERE x.legacy_id IS NOT NULL) u
    LEFT JOIN hexdb.staging_users s ON s.id = u.legacy_id::text
  UNION ALL
  SELECT 'rank counts', md5(string_agg(format('%s %s %s %s %s', c.year, c.month, c.level, c.bucket, c.players), ','
                                       ORDER BY c.year, c.month, c.level, c.bucket))
    FROM (SELECT year, month, level, bucket, sum(players) AS players FROM (
            SELECT year, month, level, bucket, players FROM hexdb.monthly_score_counts
            UNION ALL SELECT d.year, d.month, 0, d.leaf, d.delta FROM hexdb.monthly_score_deltas d) x
          GROUP BY 1, 2, 3, 4 HAVING sum(players) <> 0 AND level = 0) c
  UNION ALL
  SELECT 'friendships', md5(string_agg(format('%s %s %s %s %s %s %s', f.id, f.legacy_id, a.legacy_id, b.legacy_id, f.status,
                                              f.created_at, f.updated_at), ',' ORDER BY f.id))
    FROM hexdb.friendships f JOIN hexdb.users a ON a.user_id = f.requester_id JOIN hexdb.users b ON b.user_id = f.receiver_id
  UNION ALL
  SELECT 'game_visits', md5(string_agg(format('%s %s %s', u.legacy_id, v.visit_date, v.visit_count), ',' ORDER BY u.legacy_id, v.visit_date))
    FROM hexdb.game_visits v JOIN hexdb.users u USING (user_id)
  UNION ALL
  SELECT 'rejects', md5(string_agg(format('%s %s %s %s', r.table_name, r.legacy_id, r.reason, r."row"), ','
                                   ORDER BY r.table_name, r.legacy_id, r."row"::text))
    FROM hexdb.import_rejects r
$$;

-- A score of hexdb's own (a user who signed up after the move) holds id 2009: the legacy score
-- 2009 takes a fresh id from the sequence, moved past the legacy ids first.
CREATE FUNCTION pg_temp.own_score() RETURNS void LANGUAGE sql AS $$
  SELECT pg_catalog.setval('hexdb.scores_id_seq', 1, false);
  INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
  VALUES ('00000000-0000-7000-8000-00000000c001', 'c001@example.com', 'c001', '$2b$04$x', '2000-01-01');
  INSERT INTO hexdb.scores (id, user_id, score, created_at) VALUES (2009, '00000000-0000-7000-8000-00000000c001', 1, '2024-06-01');
$$;
SELECT pg_temp.own_score();

-- The bulk path.
SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy();
SELECT id, legacy_id FROM hexdb.scores WHERE 2009 IN (id, legacy_id) ORDER BY id;
CREATE TEMP TABLE bulk AS SELECT * FROM pg_temp.state();
SELECT check_name, problems FROM hexdb.check_integrity();
SELECT count(*) AS imported_scores, count(DISTINCT user_id) AS users FROM hexdb.scores WHERE legacy_id > 1000;
SELECT count(*) AS visits FROM hexdb.game_visits;
SELECT legacy_id, reason, "row" FROM hexdb.import_rejects WHERE table_name = 'scores' ORDER BY legacy_id, "row"::text;
SELECT legacy_id, reason, "row" FROM hexdb.import_rejects WHERE table_name = 'users' ORDER BY legacy_id, "row"::text;
SELECT legacy_id, email, char_length(nickname) AS nickname_chars, role, password_hash LIKE '$2b$04$%' AS hashed_at_cost_4
  FROM hexdb.users WHERE legacy_id > 7000 ORDER BY 1;
SELECT legacy_id, reason, "row" FROM hexdb.import_rejects WHERE table_name = 'game_visits' ORDER BY legacy_id, "row"::text;
SELECT legacy_id, reason, "row" FROM hexdb.import_rejects WHERE table_name = 'monthly_scores' ORDER BY legacy_id, "row"::text;
SELECT legacy_id, reason, "row" FROM hexdb.import_rejects WHERE table_name = 'friendships' ORDER BY legacy_id, "row"::text;
SELECT f.id, f.legacy_id, a.legacy_id AS requester, b.legacy_id AS receiver, f.status, f.created_at, f.updated_at = f.created_at AS updated_is_created
  FROM hexdb.friendships f JOIN hexdb.users a ON a.user_id = f.requester_id JOIN hexdb.users b ON b.user_id = f.receiver_id
 ORDER BY f.id;
SELECT u.legacy_id, m.year, m.month, m.score, m.achieved_at, m.imported FROM hexdb.monthly_scores m JOIN hexdb.users u USING (user_id)
 WHERE m.year = 2022 ORDER BY 1, 2, 3;
SELECT u.legacy_id, v.visit_date, v.visit_count FROM hexdb.game_visits v JOIN hexdb.users u USING (user_id)
 WHERE v.visit_date BETWEEN '2024-02-01' AND '2024-02-28' ORDER BY 1, 2;
SELECT legacy_id, score, created_at FROM hexdb.scores WHERE legacy_id BETWEEN 2001 AND 2013 ORDER BY 1;

-- A rerun: every score already there, even one whose cells no longer parse (its id decides).
UPDATE hexdb.staging_scores SET score = 'bad' WHERE id = '2011';
SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy() WHERE table_name = 'scores';
UPDATE hexdb.staging_scores SET score = '4' WHERE id = '2011';

-- A staging column the studio gave another type (ids as bigint): read as its text, as the SQL
-- steps read it (it was read as a pointer into a bigint, and crashed the server).
BEGIN;
DELETE FROM hexdb.staging_scores WHERE id !~ '^[0-9]+$';
ALTER TABLE hexdb.staging_scores ALTER COLUMN id TYPE bigint USING id::bigint;
SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy() WHERE table_name = 'scores';
ROLLBACK;
BEGIN;
DELETE FROM hexdb.staging_users WHERE id !~ '^[0-9]+$' OR id IS NULL;
ALTER TABLE hexdb.staging_users ALTER COLUMN id TYPE bigint USING id::bigint;
SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy() WHERE table_name = 'users';
ROLLBACK;
BEGIN;
DELETE FROM hexdb.staging_game_visits WHERE id !~ '^[0-9]+$' OR id IS NULL;
ALTER TABLE hexdb.staging_game_visits ALTER COLUMN id TYPE bigint USING id::bigint;
SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy() WHERE table_name = 'game_visits';
ROLLBACK;
BEGIN;
DELETE FROM hexdb.staging_monthly_scores WHERE id !~ '^[0-9]+$' OR id IS NULL;
ALTER TABLE hexdb.staging_monthly_scores ALTER COLUMN id TYPE bigint USING id::bigint;
SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy() WHERE table_name = 'monthly_scores';
ROLLBACK;
BEGIN;
DELETE FROM hexdb.staging_friendships WHERE id !~ '^[0-9]+$' OR id IS NULL;
ALTER TABLE hexdb.staging_friendships ALTER COLUMN id TYPE bigint USING id::bigint;
SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy() WHERE table_name = 'friendships';
ROLLBACK;

-- The INSERT, forced by a trigger of the studio's own on scores; the same result.
TRUNCATE hexdb.users CASCADE;
TRUNCATE hexdb.import_rejects;
CREATE FUNCTION pg_temp.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
SELECT pg_temp.own_score();
CREATE TRIGGER studio_audit AFTER INSERT ON hexdb.users FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.noop();
CREATE TRIGGER studio_audit AFTER INSERT ON hexdb.scores FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.noop();
CREATE TRIGGER studio_audit AFTER INSERT ON hexdb.game_visits FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.noop();
CREATE TRIGGER studio_audit AFTER INSERT ON hexdb.friendships FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.noop();
CREATE TRIGGER studio_audit AFTER INSERT ON hexdb.monthly_scores FOR EACH STATEMENT EXECUTE FUNCTION pg_temp.noop();
SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy();
DROP TRIGGER studio_audit ON hexdb.monthly_scores;
DROP TRIGGER studio_audit ON hexdb.users;
DROP TRIGGER studio_audit ON hexdb.scores;
DROP TRIGGER studio_audit ON hexdb.game_visits;
DROP TRIGGER studio_audit ON hexdb.friendships;
SELECT s.part, s.digest = b.digest AS same_as_bulk FROM pg_temp.state() s JOIN bulk b USING (part) ORDER BY 1;
SELECT check_name, problems FROM hexdb.check_integrity();

-- Into tables that never held a row (no page), the indexes of users, scores, monthly_scores,
-- the rank counts, friendships and game_visits are built once after the load
-- (scores/index_deferral.hpp, pg/fresh_claim.hpp) instead of kept row by row: the same state as
-- an import into tables that held a row once, every row reachable through each rebuilt index,
-- and each table's indexes locked from the claim until commit (in the first import here, those
-- of friendships, game_visits and the rank counts: the own score's rank change is still
-- pending, so that table is empty even then; isolation import_fresh_claim rebuilds its key).
-- 70 more players in May 2024: a month of new rows written in bulk (64 or more).
INSERT INTO hexdb.staging_users (id, email, nickname, password, birth_date)
SELECT (3000 + g)::text, format('may%s@example.com', g), format('may%s', g), 'pw', '2000-01-01'
  FROM generate_series(1, 70) g;
INSERT INTO hexdb.staging_scores (id, user_id, score, created_at)
SELECT (5000 + g)::text, (3000 + g)::text, ((g * 37) % 500)::text, '2024-05-10 10:00:00'
  FROM generate_series(1, 70) g;
TRUNCATE hexdb.users CASCADE;
TRUNCATE hexdb.import_rejects;
SELECT pg_temp.own_score();
DELETE FROM hexdb.users WHERE legacy_id IS NULL;  -- the own score gone again, its pages kept
CREATE FUNCTION pg_temp.exclusive_locks() RETURNS SETOF name LANGUAGE sql AS $$
  SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
   WHERE l.pid = pg_backend_pid() AND l.mode = 'AccessExclusiveLock' AND c.relnamespace = 'hexdb'::regnamespace
   ORDER BY 1
$$;
BEGIN;
SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy();
SELECT * FROM pg_temp.exclusive_locks();
COMMIT;
CREATE TEMP TABLE kept AS SELECT * FROM pg_temp.state();
TRUNCATE hexdb.users CASCADE;
TRUNCATE hexdb.import_rejects;
BEGIN;
SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy();
SELECT * FROM pg_temp.exclusive_locks();
COMMIT;
SELECT s.part, s.digest = k.digest AS same_as_kept FROM pg_temp.state() s JOIN kept k USING (part) ORDER BY 1;
SELECT check_name, problems FROM hexdb.check_integrity();
SET enable_indexscan = off;  -- the reference count reads the heap alone
SET enable_indexonlyscan = off;
SET enable_bitmapscan = off;
SELECT count(*) AS all_scores FROM hexdb.scores \gset
SELECT count(*) AS all_friendships FROM hexdb.friendships \gset
SELECT count(*) AS all_visits FROM hexdb.game_visits \gset
RESET enable_indexscan;
RESET enable_indexonlyscan;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM hexdb.scores WHERE legacy_id IS NOT NULL;
SELECT count(*) = :all_scores AS every_score FROM hexdb.scores WHERE legacy_id IS NOT NULL;
EXPLAIN (COSTS OFF) SELECT count(*) FROM hexdb.scores WHERE id > 0;
SELECT count(*) = :all_scores AS every_score FROM hexdb.scores WHERE id > 0;
-- A range, not IS NOT NULL, which 17 drops for a NOT NULL column (any index would do).
EXPLAIN (COSTS OFF) SELECT count(*) FROM hexdb.scores WHERE user_id >= '00000000-0000-0000-0000-000000000000';
SELECT count(*) = :all_scores AS every_score FROM hexdb.scores WHERE user_id >= '00000000-0000-0000-0000-000000000000';
-- The same through each of friendships' and game_visits' indexes (pg/fresh_claim.hpp).
SELECT count(*) = :all_friendships AS by_id FROM hexdb.friendships WHERE id > 0;
SELECT count(*) = :all_friendships AS by_legacy_id FROM hexdb.friendships WHERE legacy_id > 0;
SELECT count(*) = :all_friendships AS by_requester FROM hexdb.friendships WHERE requester_id >= '00000000-0000-0000-0000-000000000000';
SELECT count(*) = :all_friendships AS by_receiver FROM hexdb.friendships WHERE receiver_id >= '00000000-0000-0000-0000-000000000000';
SELECT count(*) = :all_friendships AS by_pair FROM hexdb.friendships
 WHERE LEAST(requester_id, receiver_id) >= '00000000-0000-0000-0000-000000000000';
SELECT count(*) = :all_visits AS by_user FROM hexdb.game_visits WHERE user_id >= '00000000-0000-0000-0000-000000000000';
SELECT count(*) = :all_visits AS by_day FROM hexdb.game_visits WHERE visit_date >= '0001-01-01';
SELECT :all_friendships > 0 AND :all_visits > 0 AS rows_to_find;
RESET enable_seqscan;
RESET enable_bitmapscan;
-- The boards read monthly_scores_rank_idx: each month's board has every player of the month.
SELECT m.year, m.month, count(*) AS players,
       (SELECT count(*) FROM hexdb.monthly_leaderboard(m.year, m.month, 1000)) AS on_board
  FROM hexdb.monthly_scores m GROUP BY 1, 2 ORDER BY 1, 2;

-- import_users(), called directly, writes staging_users' new rows as an INSERT by its caller
-- would: created_at is the column's default, a plaintext password is hashed at
-- hexdb.password_cost; an email a hexdb user has (another case) is quarantined; a legacy id
-- hexdb has is present.
BEGIN;
CREATE TEMP TABLE import_users (lid int, present boolean, reason text, raw jsonb);
TRUNCATE hexdb.staging_users;
INSERT INTO hexdb.staging_users (id, email, nickname, password, birth_date, role)
VALUES ('6001', 'u6001@example.com', 'n6001', 'pw', '2001-01-01', 'admin'),
       ('6002', upper((SELECT email FROM hexdb.users WHERE legacy_id = 1)), 'n6002', 'pw', '2001-01-01', NULL);
SET LOCAL hexdb.password_cost = 4;
ALTER TABLE hexdb.users ALTER COLUMN created_at SET DEFAULT '2030-01-02 03:04:05+00';
SELECT * FROM hexdb.import_users();
ALTER TABLE hexdb.users ALTER COLUMN created_at SET DEFAULT now();
SELECT legacy_id, email, role, created_at, password_hash LIKE '$2b$04$%' AS hashed_at_cost_4,
       hexdb.uuid_version(user_id) AS version
  FROM hexdb.users WHERE legacy_id = 6001;
SELECT lid, reason FROM pg_temp.import_users;
SELECT hexdb.check_password('u6001@example.com', 'pw') = user_id AS logs_in FROM hexdb.users WHERE legacy_id = 6001;
SELECT * FROM hexdb.import_users();
ROLLBACK;

-- import_visits(), called directly, writes staging_game_visits' new rows as an INSERT by its
-- caller would: each user locked KEY SHARE, as the foreign key's check locks it, but not a
-- user this transaction inserted (no other can see it: the lock would be a WAL record for
-- nothing, an import's new users); a day hexdb counts already is present, or quarantined.
BEGIN;
CREATE TEMP TABLE import_visits (lid int, present boolean, reason text, raw jsonb);
TRUNCATE hexdb.staging_game_visits;
INSERT INTO hexdb.users (user_id, legacy_id, email, nickname, password_hash, birth_date)
VALUES ('00000000-0000-7000-8000-00000000b001', 7777, 'b001@example.com', 'b001', '$2b$04$x', '2000-01-01');
INSERT INTO hexdb.staging_game_visits (id, user_id, visit_date, visit_count)
VALUES ('7001', '1', '2024-05-05', '2'), ('7002', '7777', '2024-05-05', '3');
SELECT * FROM hexdb.import_visits();
SELECT u.xmax = a.backend_xid AS user_locked_here FROM hexdb.users u, pg_stat_activity a
 WHERE u.legacy_id = 1 AND a.pid = pg_backend_pid();
SELECT xmax::text = '0' AS new_user_not_locked FROM hexdb.users WHERE legacy_id = 7777;
SELECT u.legacy_id, v.visit_date, v.visit_count FROM hexdb.game_visits v JOIN hexdb.users u USING (user_id)
 WHERE u.legacy_id IN (1, 7777) AND v.visit_date = '2024-05-05' ORDER BY 1;
UPDATE hexdb.staging_game_visits SET visit_count = '4' WHERE id = '7001';
SELECT * FROM hexdb.import_visits();
SELECT lid, present, reason, raw FROM pg_temp.import_visits;
ROLLBACK;

-- import_friendships(), called directly, the same: each new row in its legacy state through the
-- friendship trigger's rules; an id a row of hexdb's own has takes the next of the sequence;
-- a pair hexdb has is quarantined; a legacy id hexdb has is present.
BEGIN;
CREATE TEMP TABLE import_friendships (lid int, present boolean, reason text, raw jsonb);
TRUNCATE hexdb.staging_friendships;
INSERT INTO hexdb.users (user_id, legacy_id, email, nickname, password_hash, birth_date)
VALUES ('00000000-0000-7000-8000-00000000f001', 9101, 'f001@example.com', 'f001', '$2b$04$x', '2000-01-01'),
       ('00000000-0000-7000-8000-00000000f002', 9102, 'f002@example.com', 'f002', '$2b$04$x', '2000-01-01'),
       ('00000000-0000-7000-8000-00000000f003', 9103, 'f003@example.com', 'f003', '$2b$04$x', '2000-01-01');
INSERT INTO hexdb.friendships (id, requester_id, receiver_id)
VALUES (9002, '00000000-0000-7000-8000-00000000f002', '00000000-0000-7000-8000-00000000f003');
INSERT INTO hexdb.staging_friendships (id, requester_id, receiver_id, status, created_at)
VALUES ('9001', '9101', '9102', 'blocked', '2024-05-05 00:00:00'),
       ('9002', '9101', '9103', 'accepted', '2024-05-06 00:00:00'),
       ('9003', '9103', '9102', 'accepted', '2024-05-07 00:00:00');
SELECT * FROM hexdb.import_friendships('UTC');
SELECT f.id = f.legacy_id AS legacy_id_as_id, f.id > 9002 AS from_the_sequence, f.legacy_id, f.status,
       f.created_at AT TIME ZONE 'UTC' AS created_utc, f.updated_at = f.created_at AS updated_is_created
  FROM hexdb.friendships f WHERE f.legacy_id IS NOT NULL AND f.legacy_id > 9000 ORDER BY f.legacy_id;
SELECT lid, reason FROM pg_temp.import_friendships;
SELECT * FROM hexdb.import_friendships('UTC');
ROLLBACK;

-- import_monthly(), called directly, the same: new history imported, its base its own value,
-- its time read in the source's zone; the rank counts follow. The same month again is present,
-- or quarantined with both values.
BEGIN;
CREATE TEMP TABLE import_monthly (lid int, present boolean, reason text, raw jsonb);
TRUNCATE hexdb.staging_monthly_scores;
INSERT INTO hexdb.staging_monthly_scores (id, user_id, year, month, score, updated_at)
VALUES ('8001', '1', '2021', '3', '70', '2021-03-31 00:00:00');
SELECT * FROM hexdb.import_monthly('America/New_York');
SELECT m.score, m.achieved_at AT TIME ZONE 'UTC' AS achieved_utc, m.updated_at = m.achieved_at AS updated_same,
       m.imported, m.imported_score, m.imported_at = m.achieved_at AS imported_at_same
  FROM hexdb.monthly_scores m JOIN hexdb.users u USING (user_id) WHERE u.legacy_id = 1 AND (m.year, m.month) = (2021, 3);
SELECT rank, score FROM hexdb.monthly_leaderboard(2021, 3, 10);
SELECT hexdb.monthly_scores_drift(2021, 3) AS drift;
SELECT * FROM hexdb.import_monthly('America/New_York');
UPDATE hexdb.staging_monthly_scores SET score = '71';
SELECT * FROM hexdb.import_monthly('America/New_York');
SELECT lid, reason FROM pg_temp.import_monthly;
ROLLBACK;

-- Into a hexdb whose monthly_scores never held a row, import_scores() also does
-- import_monthly()'s work, inside its load (import/monthly_step.hpp): its month_ counts come
-- back. Where monthly_scores has held a row, they are NULL and import_monthly() does it. Both
-- ways end in the same months, ranks (no drift from the recomputation) and rejects: a new month of history, one that the
-- scores back with the same value (present) and with another (quarantined), one of a
-- quarantined user, a second row for a month.
CREATE TEMP TABLE window_result (way text, kind text, value text);
CREATE FUNCTION pg_temp.stage_small() RETURNS void LANGUAGE sql AS $$
  TRUNCATE hexdb.staging_users, hexdb.staging_scores, hexdb.staging_monthly_scores;
  INSERT INTO hexdb.staging_users (id, email, nickname, password, birth_date)
  VALUES ('1', 'w1@example.com', 'w1', '$2b$04$abcdefghijklmnopqrstuuAbCdEfGhIjKlMnOpQrStUvWxYz01234', '2000-01-01'),
         ('2', 'w2@example.com', 'w2', '$2b$04$abcdefghijklmnopqrstuuAbCdEfGhIjKlMnOpQrStUvWxYz01234', '2000-01-01'),
         ('3', 'not an email', 'w3', 'x', '2000-01-01');
  INSERT INTO hexdb.staging_scores (id, user_id, score, created_at)
  VALUES ('1', '1', '50', '2024-01-10 10:00:00'), ('2', '1', '70', '2024-01-11 10:00:00'),
         ('3', '2', '40', '2024-02-01 10:00:00');
  INSERT INTO hexdb.staging_monthly_scores (id, user_id, year, month, score, updated_at)
  VALUES ('1', '1', '2023', '12', '90', '2023-12-31 10:00:00'),  -- new history
         ('2', '1', '2024', '1', '70', '2024-01-31 10:00:00'),   -- the scores' best: present
         ('3', '2', '2024', '2', '45', '2024-02-28 10:00:00'),   -- another value: quarantined
         ('4', '3', '2023', '12', '10', '2023-12-31 10:00:00'),  -- a quarantined user
         ('5', '1', '2023', '12', '91', '2023-12-30 10:00:00');  -- a second row for that month
$$;
CREATE FUNCTION pg_temp.import_small(way text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE scored record; historied record;
BEGIN
  CREATE TEMP TABLE import_users (lid int, present boolean, reason text, raw jsonb);
  CREATE TEMP TABLE import_scores (lid int, present boolean, reason text, raw jsonb);
  CREATE TEMP TABLE import_monthly (lid int, present boolean, reason text, raw jsonb);
  PERFORM hexdb.import_users();
  SELECT * INTO scored FROM hexdb.import_scores('UTC');
  RETURN NEXT format('%s: month counts from import_scores: %s', way,
                     coalesce(nullif(concat_ws(' ', scored.month_source_rows, scored.month_new_rows, scored.month_present), ''), 'none'));
  IF scored.month_source_rows IS NULL THEN
    SELECT * INTO historied FROM hexdb.import_monthly('UTC');
    RETURN NEXT format('%s: from import_monthly: %s %s %s', way, historied.source_rows, historied.new_rows,
                       historied.present);
  END IF;
  INSERT INTO window_result
  SELECT way, 'month', format('%s-%s %s %s %s %s %s', m.year, m.month, u.legacy_id, m.score, m.imported,
                             m.imported_score, m.achieved_at AT TIME ZONE 'UTC')
    FROM hexdb.monthly_scores m JOIN hexdb.users u USING (user_id)
  UNION ALL
  SELECT way, 'rank', format('%s-%s %s %s', y, m, b.rank, b.score)
    FROM (VALUES (2023, 12), (2024, 1), (2024, 2)) AS v(y, m), hexdb.monthly_leaderboard(y, m, 10) b
  UNION ALL
  SELECT way, 'drift', hexdb.monthly_scores_drift(NULL, NULL)::text
  UNION ALL
  SELECT way, 'reject', format('%s %s', i.lid, i.reason) FROM pg_temp.import_monthly i WHERE i.reason IS NOT NULL;
  DROP TABLE pg_temp.import_users, pg_temp.import_scores, pg_temp.import_monthly;
END $$;
BEGIN;
TRUNCATE hexdb.users CASCADE;
SELECT pg_temp.stage_small();
SELECT pg_temp.import_small('fresh');
COMMIT;  -- window_result's rows stay: the fixture database is dropped at the end
BEGIN;
TRUNCATE hexdb.users CASCADE;
-- monthly_scores has held a row: not fresh any more
SELECT hexdb.create_user('gone@example.com', 'gone', 'password one', '2000-01-01') IS NOT NULL AS created;
INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at) SELECT 2020, 1, user_id, 1, now() FROM hexdb.users;
DELETE FROM hexdb.users;
SELECT pg_temp.stage_small();
SELECT pg_temp.import_small('used');
COMMIT;
SELECT count(*) AS rows_each FROM window_result WHERE way = 'fresh';
SELECT kind, value FROM window_result WHERE way = 'fresh'
EXCEPT SELECT kind, value FROM window_result WHERE way = 'used';
SELECT kind, value FROM window_result WHERE way = 'used'
EXCEPT SELECT kind, value FROM window_result WHERE way = 'fresh';
SELECT kind, value FROM window_result WHERE way = 'fresh' ORDER BY kind, value;

-- Only the tables' owner (import_legacy's definer) may call them.
CREATE ROLE hexdb_bulk_stranger;
SET ROLE hexdb_bulk_stranger;
SELECT pg_temp.expect_error($$SELECT hexdb.import_scores('UTC')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.import_users()$$);
SELECT pg_temp.expect_error($$SELECT hexdb.import_friendships('UTC')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.import_monthly('UTC')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.import_visits()$$);
RESET ROLE;
DROP ROLE hexdb_bulk_stranger;

\c :regress_db
DROP DATABASE :fixture_db;
