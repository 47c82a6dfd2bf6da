-- submit_score's row written without SQL (scores/submit_direct.hpp), and the SQL INSERT it is
-- left to whenever scores is not as setup() made it. Which path ran is told by the calls of
-- scores_monthly_trigger: the SQL INSERT fires it, the direct write does not.
\i test/regress/sql/include/expect_error.psql
SET TimeZone = 'UTC';
\i test/regress/sql/include/direct_paths.psql
-- submit_score, then which path it took, and whether it returned the id the sequence gave.
CREATE FUNCTION pg_temp.submit(who text, score bigint, at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  id bigint;
  before bigint := pg_temp.calls('scores_monthly_trigger');
BEGIN
  id := hexdb.submit_score(('00000000-0000-7000-8000-0000000000' || who)::uuid, score, at);
  RETURN CASE WHEN id = currval(pg_catalog.pg_get_serial_sequence('hexdb.scores', 'id'))
              THEN CASE WHEN pg_temp.calls('scores_monthly_trigger') = before THEN 'direct' ELSE 'sql' END
              ELSE 'wrong id ' || id END;
END $$;
CREATE TEMP VIEW f_rows AS
  SELECT year, month, right(user_id::text, 2) AS who, score, achieved_at
    FROM hexdb.monthly_scores WHERE user_id::text LIKE '%0000000000f_' ORDER BY 1, 2, 3;
BEGIN;
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date) VALUES
  ('00000000-0000-7000-8000-0000000000f1', 'fast-1@example.com', 'f1', '$2b$04$x', '2000-01-01'),
  ('00000000-0000-7000-8000-0000000000f2', 'fast-2@example.com', 'f2', '$2b$04$x', '2000-01-01');

-- As setup() made it: direct, the id from the identity sequence, the month folded.
SELECT pg_temp.submit('f1', 100, '2033-05-01 10:00'), pg_temp.submit('f1', 300, '2033-05-02 10:00'),
       pg_temp.submit('f2', 200, '2033-05-03 10:00');
SELECT * FROM f_rows;
SELECT right(user_id::text, 2) AS who, score, created_at, legacy_id FROM hexdb.scores
 WHERE user_id::text LIKE '%0000000000f_' ORDER BY id;
-- Refusals as through SQL: an unknown user (the SPEC's 23503 user_unknown), the table's CHECK.
SELECT pg_temp.expect_error($$SELECT pg_temp.submit('ff', 1, '2033-05-01')$$);
ALTER TABLE hexdb.scores ADD CONSTRAINT studio_score_cap CHECK (score < 1000000);
SELECT pg_temp.expect_error($$SELECT pg_temp.submit('f1', 5000000, '2033-05-04')$$);
ALTER TABLE hexdb.scores DROP CONSTRAINT studio_score_cap;
-- Several calls in one statement see each other's rows.
SELECT string_agg(DISTINCT pg_temp.submit('f2', s, '2033-06-01'::timestamptz + s * interval '1 hour'), ',') AS path
  FROM generate_series(1, 5) s;
SELECT * FROM f_rows WHERE month = 6;
SELECT pg_temp.exact();

-- A trigger of the studio's that fires on INSERT: the SQL path, so that it sees its statement.
CREATE TEMP TABLE seen (who text, score bigint);
CREATE FUNCTION pg_temp.note() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN INSERT INTO pg_temp.seen VALUES (right(NEW.user_id::text, 2), NEW.score); RETURN NULL; END$$;
CREATE TRIGGER studio_note AFTER INSERT ON hexdb.scores FOR EACH ROW EXECUTE FUNCTION pg_temp.note();
SELECT pg_temp.submit('f1', 400, '2033-05-05');
SELECT * FROM seen;
-- ... one that fires on UPDATE only changes nothing for an INSERT.
DROP TRIGGER studio_note ON hexdb.scores;
CREATE TRIGGER studio_note AFTER UPDATE ON hexdb.scores FOR EACH ROW EXECUTE FUNCTION pg_temp.note();
SELECT pg_temp.submit('f1', 410, '2033-05-06');
DROP TRIGGER studio_note ON hexdb.scores;
-- hexdb's own trigger disabled: the SQL INSERT, which then folds nothing (as the owner asked;
-- the direct write would have folded 420 into May).
ALTER TABLE hexdb.scores DISABLE TRIGGER USER;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000f1', 420, '2033-05-07') > 0 AS ok;
SELECT score AS may_best_unchanged FROM f_rows WHERE month = 5 AND who = 'f1';
DELETE FROM hexdb.scores WHERE score = 420 AND user_id = '00000000-0000-7000-8000-0000000000f1';
ALTER TABLE hexdb.scores ENABLE TRIGGER USER;
-- A column of the studio's with a default: the SQL INSERT fills it; dropped, direct again.
ALTER TABLE hexdb.scores ADD COLUMN platform text DEFAULT 'pc';
SELECT pg_temp.submit('f1', 430, '2033-05-08');
SELECT platform FROM hexdb.scores ORDER BY id DESC LIMIT 1;
ALTER TABLE hexdb.scores DROP COLUMN platform;
SELECT pg_temp.submit('f1', 440, '2033-05-09');
-- A rule on scores rewrites the INSERT: SQL.
CREATE RULE studio_rule AS ON INSERT TO hexdb.scores DO ALSO INSERT INTO pg_temp.seen VALUES ('rule', NEW.score);
SELECT pg_temp.submit('f1', 450, '2033-05-10');
SELECT * FROM seen WHERE who = 'rule';
DROP RULE studio_rule ON hexdb.scores;
-- The foreign key deferred: SQL, whose check then waits for the commit.
ALTER TABLE hexdb.scores ALTER CONSTRAINT scores_user_id_fkey DEFERRABLE INITIALLY DEFERRED;
SELECT pg_temp.submit('f1', 460, '2033-05-11');
SAVEPOINT deferred;
SELECT pg_temp.submit('fe', 1, '2033-05-11');
SELECT pg_temp.expect_error('SET CONSTRAINTS ALL IMMEDIATE');
ROLLBACK TO SAVEPOINT deferred;
SET CONSTRAINTS hexdb.scores_user_id_fkey IMMEDIATE;  -- the 460's check, so that the key can change
ALTER TABLE hexdb.scores ALTER CONSTRAINT scores_user_id_fkey NOT DEFERRABLE;
SELECT pg_temp.submit('f1', 470, '2033-05-12');
SELECT * FROM f_rows WHERE month = 5;
SELECT pg_temp.exact();
COMMIT;

-- A read-only transaction: SQL, which refuses the write.
BEGIN READ ONLY;
SELECT pg_temp.expect_error($$SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000f1', 1, '2033-05-01')$$);
ROLLBACK;
-- REPEATABLE READ: SQL.
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT pg_temp.submit('f2', 500, '2033-05-13');
ROLLBACK;

-- An application role (grant_app): direct on its INSERT privilege; the month written as the
-- trigger's owner, although the role may not write monthly_scores itself.
CREATE ROLE hexdb_direct_app;
SELECT hexdb.grant_app('hexdb_direct_app');
SELECT pg_temp.calls('scores_monthly_trigger') AS calls \gset
SET ROLE hexdb_direct_app;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000f2', 600, '2033-05-14') > 0 AS ok;
SELECT pg_temp.calls('scores_monthly_trigger') - :calls AS sql_path_calls;
SELECT pg_temp.expect_error($$INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at)
  VALUES (2033, 7, '00000000-0000-7000-8000-0000000000f2', 1, now())$$);
RESET ROLE;
SELECT * FROM f_rows WHERE month = 5 AND who = 'f2';
-- Without INSERT on scores: SQL, which refuses it.
REVOKE INSERT ON hexdb.scores FROM hexdb_direct_app;
SET ROLE hexdb_direct_app;
SELECT pg_temp.expect_error($$SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000f2', 1, '2033-05-01')$$);
RESET ROLE;
SELECT pg_temp.exact();
DROP OWNED BY hexdb_direct_app;
DROP ROLE hexdb_direct_app;
DELETE FROM hexdb.users WHERE user_id::text LIKE '%0000000000f_';
