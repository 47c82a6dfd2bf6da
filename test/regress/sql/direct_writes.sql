-- A small statement's monthly rows written without SQL (scores/monthly_direct.hpp), and the SQL
-- upsert they are left to whenever monthly_scores is not as setup() made it. Which path ran is
-- told by the calls of monthly_counts_trigger: the SQL path fires it, the direct one does not.
\i test/regress/sql/include/expect_error.psql
SET TimeZone = 'UTC';
\i test/regress/sql/include/direct_paths.psql
CREATE TEMP VIEW d_rows AS
  SELECT year, month, right(user_id::text, 2) AS who, score, achieved_at, imported, imported_score
    FROM hexdb.monthly_scores WHERE user_id::text LIKE '%0000000000d_' ORDER BY 1, 2, 3;
BEGIN;
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date) VALUES
  ('00000000-0000-7000-8000-0000000000d1', 'direct-1@example.com', 'dee', '$2b$04$x', '2000-01-01'),
  ('00000000-0000-7000-8000-0000000000d2', 'direct-2@example.com', 'dot', '$2b$04$x', '2000-01-01');

-- New rows, a better score, a worse one, a tie reached later: no SQL statement on monthly_scores.
SELECT pg_temp.calls('monthly_counts_trigger') AS calls \gset
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d1', 100, '2031-05-01 10:00') > 0 AS ok;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d1', 300, '2031-05-02 10:00') > 0 AS ok;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d1', 200, '2031-05-03 10:00') > 0 AS ok;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d2', 300, '2031-05-01 10:00') > 0 AS ok;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d2', 300, '2031-05-09 10:00') > 0 AS ok;
-- A multi-row INSERT of a few groups takes the same path.
INSERT INTO hexdb.scores (user_id, score, created_at) VALUES
  ('00000000-0000-7000-8000-0000000000d1', 400, '2031-06-01'), ('00000000-0000-7000-8000-0000000000d2', 7, '2031-06-02'),
  ('00000000-0000-7000-8000-0000000000d1', 401, '2031-06-03');
SELECT pg_temp.calls('monthly_counts_trigger') - :calls AS counts_trigger_calls;
SELECT * FROM d_rows;
SELECT rank, right(user_id::text, 2) AS who, score FROM hexdb.monthly_leaderboard(2031, 5);
SELECT (hexdb.monthly_rank('00000000-0000-7000-8000-0000000000d1', 2031, 5)).rank AS d1_rank_may;
SELECT pg_temp.exact();

-- A CHECK the studio adds is enforced on the direct path, by its name; dropping it is seen too.
ALTER TABLE hexdb.monthly_scores ADD CONSTRAINT studio_score_cap CHECK (score < 1000000);
SELECT pg_temp.expect_error($$SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d1', 5000000, '2031-05-04')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d1', 5000000, '2031-07-04')$$);
ALTER TABLE hexdb.monthly_scores DROP CONSTRAINT studio_score_cap;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d1', 5000000, '2031-05-04') > 0 AS ok;
SELECT pg_temp.calls('monthly_counts_trigger') - :calls AS counts_trigger_calls;

-- A trigger of the studio's on monthly_scores: the SQL path, so that it fires.
CREATE TEMP TABLE seen (who text, score bigint);
CREATE FUNCTION pg_temp.note() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN INSERT INTO pg_temp.seen VALUES (right(NEW.user_id::text, 2), NEW.score); RETURN NULL; END$$;
CREATE TRIGGER studio_note AFTER INSERT OR UPDATE ON hexdb.monthly_scores FOR EACH ROW EXECUTE FUNCTION pg_temp.note();
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d2', 900, '2031-05-05') > 0 AS ok;
SELECT * FROM seen;
SELECT pg_temp.calls('monthly_counts_trigger') - :calls > 0 AS sql_path_taken;
DROP TRIGGER studio_note ON hexdb.monthly_scores;
SELECT pg_temp.calls('monthly_counts_trigger') AS calls \gset
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d2', 950, '2031-05-06') > 0 AS ok;
SELECT pg_temp.calls('monthly_counts_trigger') - :calls AS counts_trigger_calls, count(*) AS seen_rows FROM seen;

-- Compaction (here by a statement of 100 new players, >= 64 leaves; once per transaction) writes
-- the count rows without SQL too (the last part of this file), unless monthly_score_counts has a
-- trigger of the studio's: then by SQL, so that it fires. Either way the counts stay exact.
CREATE TEMP TABLE counted (level smallint);
CREATE FUNCTION pg_temp.note_count() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN INSERT INTO pg_temp.counted VALUES (NEW.level); RETURN NULL; END$$;
CREATE TRIGGER studio_count AFTER INSERT OR UPDATE ON hexdb.monthly_score_counts
  FOR EACH ROW EXECUTE FUNCTION pg_temp.note_count();
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
  SELECT ('00000000-0000-7000-8000-0000000d' || lpad(i::text, 4, '0'))::uuid, 'direct-b' || i || '@example.com',
         'b' || i, '$2b$04$x', '2000-01-01' FROM generate_series(1, 100) i;
INSERT INTO hexdb.scores (user_id, score, created_at)
  SELECT ('00000000-0000-7000-8000-0000000d' || lpad(i::text, 4, '0'))::uuid, i * 1000003, '2031-09-01'
    FROM generate_series(1, 100) i;
SELECT count(*) > 0 AS studio_trigger_fired, count(DISTINCT level) AS levels FROM counted;
SELECT pg_temp.exact();
DROP TRIGGER studio_count ON hexdb.monthly_score_counts;

-- An imported row without its base (monthly_scores_values forbids it; here dropped, and the
-- trigger that fills the base disabled for the INSERT): only the SQL path runs that trigger,
-- so a score into that row takes it.
ALTER TABLE hexdb.monthly_scores DROP CONSTRAINT monthly_scores_values;
ALTER TABLE hexdb.monthly_scores DISABLE TRIGGER monthly_imported_base;
INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at, imported)
  VALUES (2031, 8, '00000000-0000-7000-8000-0000000000d1', 50, '2031-08-01', true);
ALTER TABLE hexdb.monthly_scores ENABLE TRIGGER monthly_imported_base;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d1', 60, '2031-08-02') > 0 AS ok;
SELECT * FROM d_rows WHERE month = 8;
SELECT pg_temp.exact();
ROLLBACK;

-- Another isolation level than READ COMMITTED: the SQL path (ON CONFLICT's own rules).
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date) VALUES
  ('00000000-0000-7000-8000-0000000000d1', 'direct-1@example.com', 'dee', '$2b$04$x', '2000-01-01');
SELECT pg_temp.calls('monthly_counts_trigger') AS calls \gset
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000000d1', 100, '2031-05-01 10:00') > 0 AS ok;
SELECT pg_temp.calls('monthly_counts_trigger') - :calls > 0 AS sql_path_taken;
ROLLBACK;

-- A compaction without SQL, in a transaction of its own: the counts of a new month's 100
-- players, and the ranks they give, equal the rows.
BEGIN;
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
  SELECT ('00000000-0000-7000-8000-0000000d' || lpad(i::text, 4, '0'))::uuid, 'direct-b' || i || '@example.com',
         'b' || i, '$2b$04$x', '2000-01-01' FROM generate_series(1, 100) i;
INSERT INTO hexdb.scores (user_id, score, created_at)
  SELECT ('00000000-0000-7000-8000-0000000d' || lpad(i::text, 4, '0'))::uuid, (i % 80) * 1000003, '2031-10-01'
    FROM generate_series(1, 100) i;
SELECT (SELECT sum(players) FROM hexdb.monthly_score_counts WHERE year = 2031 AND month = 10 AND level = 3) AS counted,
       (SELECT count(*) FROM hexdb.monthly_score_deltas WHERE year = 2031 AND month = 10) AS pending;
SELECT count(*) AS wrong_ranks FROM (
  SELECT user_id, row_number() OVER (ORDER BY score DESC, achieved_at, user_id) AS rank
    FROM hexdb.monthly_scores WHERE year = 2031 AND month = 10) p
  CROSS JOIN LATERAL hexdb.monthly_rank(p.user_id, 2031, 10) r
 WHERE r.rank <> p.rank;
SELECT pg_temp.exact();
ROLLBACK;

-- A new month's bulk load (100 new players in one statement: a month with no row yet) writes its
-- monthly rows without SQL too, in COPY's batches (no count trigger fires); with a trigger of
-- the studio's on monthly_scores, by the plain INSERT, so that it fires. The same rows and
-- ranks either way.
BEGIN;
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
  SELECT ('00000000-0000-7000-8000-0000000d' || lpad(i::text, 4, '0'))::uuid, 'direct-b' || i || '@example.com',
         'b' || i, '$2b$04$x', '2000-01-01' FROM generate_series(1, 100) i;
SELECT pg_temp.calls('monthly_counts_trigger') AS calls \gset
INSERT INTO hexdb.scores (user_id, score, created_at)
  SELECT ('00000000-0000-7000-8000-0000000d' || lpad(i::text, 4, '0'))::uuid, (i % 70) * 1000, '2031-11-01'::timestamptz + i * interval '1 minute'
    FROM generate_series(1, 100) i;
SELECT pg_temp.calls('monthly_counts_trigger') - :calls AS counts_trigger_calls;
CREATE TEMP TABLE noted (n int);
CREATE FUNCTION pg_temp.note_bulk() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN INSERT INTO pg_temp.noted VALUES (1); RETURN NULL; END$$;
CREATE TRIGGER studio_bulk AFTER INSERT ON hexdb.monthly_scores FOR EACH ROW EXECUTE FUNCTION pg_temp.note_bulk();
INSERT INTO hexdb.scores (user_id, score, created_at)
  SELECT ('00000000-0000-7000-8000-0000000d' || lpad(i::text, 4, '0'))::uuid, (i % 70) * 1000, '2031-12-01'::timestamptz + i * interval '1 minute'
    FROM generate_series(1, 100) i;
SELECT count(*) AS studio_trigger_rows FROM noted;
DROP TRIGGER studio_bulk ON hexdb.monthly_scores;
SELECT count(*) AS differences FROM (
  (SELECT user_id, score, achieved_at + interval '1 month' FROM hexdb.monthly_scores WHERE year = 2031 AND month = 11
   EXCEPT SELECT user_id, score, achieved_at FROM hexdb.monthly_scores WHERE year = 2031 AND month = 12)
  UNION ALL
  (SELECT user_id, score, achieved_at FROM hexdb.monthly_scores WHERE year = 2031 AND month = 12
   EXCEPT SELECT user_id, score, achieved_at + interval '1 month' FROM hexdb.monthly_scores WHERE year = 2031 AND month = 11)) d;
SELECT p.month, count(*) AS players, count(*) FILTER (WHERE r.rank <> p.rank) AS wrong_ranks FROM (
  SELECT month, user_id, row_number() OVER (PARTITION BY month ORDER BY score DESC, achieved_at, user_id) AS rank
    FROM hexdb.monthly_scores WHERE year = 2031 AND month IN (11, 12)) p
  CROSS JOIN LATERAL hexdb.monthly_rank(p.user_id, 2031, p.month) r
 GROUP BY p.month ORDER BY 1;
SELECT pg_temp.exact();
ROLLBACK;
