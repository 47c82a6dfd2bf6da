-- One COPY that mixes new players, existing players and a player's several scores gives the
-- same months and ranks as the same scores submitted one by one (scores/monthly_write.cpp:
-- a month with no row yet takes a plain INSERT, others the upsert).
\i test/regress/sql/include/expect_error.psql
SET TimeZone = 'UTC';
BEGIN;
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
  SELECT ('00000000-0000-7000-8000-' || lpad((9000 + i)::text, 12, '0'))::uuid, 'bulk' || i || '@example.com',
         'bulk' || i, '$2b$04$x', '2000-01-01' FROM generate_series(1, 200) i;
CREATE TEMP TABLE load (user_id uuid, score bigint, created_at timestamptz);
-- January 2031: 60 players already ranked before the load, 150 in it (90 new); February 2031:
-- empty before the load, 200 players, each twice (a tie on score for every 7th, and
-- every 5th has its best first).
INSERT INTO load
  SELECT ('00000000-0000-7000-8000-' || lpad((9000 + i)::text, 12, '0'))::uuid, (i * 7919) % 1000 + 1,
         timestamptz '2031-01-01 00:00+00' + i * interval '1 hour' FROM generate_series(1, 150) i
  UNION ALL
  SELECT ('00000000-0000-7000-8000-' || lpad((9000 + i)::text, 12, '0'))::uuid, (i * 104729) % 5000,
         timestamptz '2031-02-01 00:00+00' + i * interval '1 minute' FROM generate_series(1, 200) i
  UNION ALL
  SELECT ('00000000-0000-7000-8000-' || lpad((9000 + i)::text, 12, '0'))::uuid,
         CASE WHEN i % 7 = 0 THEN (i * 104729) % 5000 WHEN i % 5 = 0 THEN 1 ELSE (i * 31) % 6000 END,
         timestamptz '2031-02-10 00:00+00' + i * interval '1 minute' FROM generate_series(1, 200) i;
-- The same history a year later, 2032, submitted one score at a time.
SELECT count(hexdb.submit_score(user_id, (i * 13) % 900, timestamptz '2031-01-01 00:00+00' + i * interval '1 minute'))
  FROM (SELECT user_id, row_number() OVER (ORDER BY user_id) AS i FROM load GROUP BY user_id ORDER BY user_id LIMIT 60) e;
SELECT count(hexdb.submit_score(user_id, (i * 13) % 900, timestamptz '2032-01-01 00:00+00' + i * interval '1 minute'))
  FROM (SELECT user_id, row_number() OVER (ORDER BY user_id) AS i FROM load GROUP BY user_id ORDER BY user_id LIMIT 60) e;
SELECT count(hexdb.submit_score(user_id, score, created_at + interval '1 year'))
  FROM (SELECT * FROM load ORDER BY created_at, user_id) l;
-- Rows of 2031 (one COPY) and of 2032 (one by one) that differ a year apart.
CREATE TEMP VIEW differences AS SELECT count(*) AS n FROM (
  (SELECT month, user_id, score, achieved_at + interval '1 year' FROM hexdb.monthly_scores WHERE year = 2031
   EXCEPT SELECT month, user_id, score, achieved_at FROM hexdb.monthly_scores WHERE year = 2032)
  UNION ALL
  (SELECT month, user_id, score, achieved_at FROM hexdb.monthly_scores WHERE year = 2032
   EXCEPT SELECT month, user_id, score, achieved_at + interval '1 year' FROM hexdb.monthly_scores WHERE year = 2031)) d;
-- The load in one statement (a server-side file, as a bulk COPY would read it).
SELECT '/tmp/hexdb_bulk_months_' || pg_backend_pid() || '.tsv' AS path \gset
SELECT 'cat ' || :'path' AS read_it, 'cat ' || :'path' || ' && rm -f ' || :'path' AS read_and_remove_it \gset
COPY load TO :'path';
COPY hexdb.scores (user_id, score, created_at) FROM PROGRAM :'read_it';

-- Months of 2031 (one COPY) and 2032 (one by one) a year apart: no difference.
SELECT month, count(*) AS players FROM hexdb.monthly_scores WHERE year IN (2031, 2032) GROUP BY year, month ORDER BY year, month;
SELECT n AS differences FROM differences;
-- Every rank equal between the two years and to row_number(); the rank counts exact.
SELECT count(*) AS wrong_ranks FROM hexdb.monthly_scores m
  CROSS JOIN LATERAL hexdb.monthly_rank(m.user_id, m.year, m.month) r
  JOIN (SELECT year, month, user_id, row_number() OVER (PARTITION BY year, month ORDER BY score DESC, achieved_at, user_id) AS rank
          FROM hexdb.monthly_scores) o USING (year, month, user_id)
 WHERE m.year IN (2031, 2032) AND r.rank IS DISTINCT FROM o.rank;
SELECT hexdb.monthly_scores_drift(2031, 1) AS drift_jan, hexdb.monthly_scores_drift(2031, 2) AS drift_feb,
       hexdb.monthly_scores_drift(2032, 2) AS drift_feb_2032;

-- The same with the 'sum' aggregate (a rebuild, then a second load of the same file).
SELECT hexdb.configure_monthly('UTC', 'sum');
COPY hexdb.scores (user_id, score, created_at) FROM PROGRAM :'read_and_remove_it';
SELECT count(hexdb.submit_score(user_id, score, created_at + interval '1 year'))
  FROM (SELECT * FROM load ORDER BY created_at, user_id) l;
SELECT n AS differences FROM differences;
SELECT hexdb.monthly_scores_drift() AS drift;
ROLLBACK;
