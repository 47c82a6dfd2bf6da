-- Scores and the monthly aggregate (SPEC.md "Scores and monthly leaderboards").
\i test/regress/sql/include/expect_error.psql
SET TimeZone = 'UTC';
BEGIN;
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date) VALUES
  ('00000000-0000-7000-8000-0000000005a1', 'scores-a@example.com', 'ann', '$2b$04$x', '2000-01-01'),
  ('00000000-0000-7000-8000-0000000005a2', 'scores-b@example.com', 'bob', '$2b$04$x', '2000-01-01'),
  ('00000000-0000-7000-8000-0000000005a3', 'scores-c@example.com', 'cid', '$2b$04$x', '2000-01-01');
CREATE TEMP VIEW month_rows AS
  SELECT year, month, right(user_id::text, 3) AS who, score, achieved_at, imported
    FROM hexdb.monthly_scores WHERE user_id::text LIKE '00000000-0000-7000-8000-0000000005%' ORDER BY 1, 2, 3;

-- 'best' (the default): the highest score, reached at the earliest time it was reached.
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a1', 100, '2026-01-10 10:00+00') > 0 AS id_returned;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a1', 300, '2026-01-12 10:00+00') > 0 AS id_returned;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a1', 300, '2026-01-11 10:00+00') > 0 AS id_returned;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a2', 300, '2026-01-11 09:00+00') > 0 AS id_returned;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a3', 50) AS now_id \gset
SELECT created_at = now() AS defaults_to_now FROM hexdb.scores WHERE id = :now_id;
DELETE FROM hexdb.scores WHERE id = :now_id;
SELECT * FROM month_rows WHERE year = 2026 AND month = 1;

-- Ties: who reached 300 first ranks first.
SELECT rank, right(user_id::text, 3) AS who, score FROM hexdb.monthly_leaderboard(2026, 1)
 WHERE user_id::text LIKE '%5a_';

-- Lowering a month's best recomputes that user's month from the scores left.
UPDATE hexdb.scores SET score = 10 WHERE user_id = '00000000-0000-7000-8000-0000000005a1' AND score = 300;
SELECT * FROM month_rows WHERE who = '5a1';
-- So does deleting it; deleting every score of the month removes the row.
DELETE FROM hexdb.scores WHERE user_id = '00000000-0000-7000-8000-0000000005a1' AND score = 100;
SELECT * FROM month_rows WHERE who = '5a1';
DELETE FROM hexdb.scores WHERE user_id = '00000000-0000-7000-8000-0000000005a1';
SELECT count(*) AS rows_left FROM month_rows WHERE who = '5a1';
-- Moving a score to another month moves it in the aggregate too.
UPDATE hexdb.scores SET created_at = '2026-02-02 00:00+00' WHERE user_id = '00000000-0000-7000-8000-0000000005a2';
SELECT * FROM month_rows WHERE who = '5a2';

-- Months begin in the configured zone: 2026-01-31 23:30 UTC is February in Asia/Seoul.
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a3', 70, '2026-01-31 23:30+00') > 0 AS id_returned;
SELECT * FROM month_rows WHERE who = '5a3' AND year = 2026;
SELECT hexdb.configure_monthly('Asia/Seoul') > 0 AS rebuilt;
SELECT timezone, aggregate FROM hexdb.monthly_settings;
SELECT * FROM month_rows WHERE who = '5a3' AND year = 2026;
SELECT hexdb.configure_monthly('Asia/Seoul') AS unchanged_settings_write_nothing;
SELECT hexdb.configure_monthly('UTC') > 0 AS rebuilt;

-- 'sum': the total, reached when the latest score came; 'latest': the last score.
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a1', 40, '2026-03-01 00:00+00') > 0,
       hexdb.submit_score('00000000-0000-7000-8000-0000000005a1', 30, '2026-03-02 00:00+00') > 0,
       hexdb.submit_score('00000000-0000-7000-8000-0000000005a1', 50, '2026-03-01 12:00+00') > 0;
SELECT hexdb.configure_monthly(aggregate => 'sum') > 0 AS rebuilt;
SELECT * FROM month_rows WHERE who = '5a1';
SELECT hexdb.configure_monthly(aggregate => 'latest') > 0 AS rebuilt;
SELECT * FROM month_rows WHERE who = '5a1';
SELECT hexdb.configure_monthly(aggregate => 'best') > 0 AS rebuilt;
SELECT * FROM month_rows WHERE who = '5a1';

-- Imported history (MySQL monthly rows no score backs) is kept, and counts as one more score.
INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at, imported)
  VALUES (2025, 12, '00000000-0000-7000-8000-0000000005a2', 900, '2025-12-05 00:00+00', true);
SELECT hexdb.rebuild_monthly_scores(2025, 12) AS rebuild_keeps_history;
SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a2', 1000, '2025-12-20 00:00+00') > 0 AS id_returned;
SELECT *, (SELECT imported_score FROM hexdb.monthly_scores WHERE user_id = '00000000-0000-7000-8000-0000000005a2' AND month = 12) AS base
  FROM month_rows WHERE who = '5a2' AND year = 2025;
DELETE FROM hexdb.scores WHERE user_id = '00000000-0000-7000-8000-0000000005a2' AND score = 1000;
SELECT * FROM month_rows WHERE who = '5a2' AND year = 2025;

-- rebuild_monthly_scores() writes only what differs; monthly_scores_drift() counts it.
UPDATE hexdb.monthly_scores SET score = 1 WHERE user_id = '00000000-0000-7000-8000-0000000005a3' AND month = 1;
SELECT hexdb.monthly_scores_drift(2026, 1) AS drift;
SELECT hexdb.rebuild_monthly_scores(2026, 1) AS written;
SELECT hexdb.monthly_scores_drift() AS drift_after, score FROM month_rows WHERE who = '5a3' AND month = 1;
SELECT hexdb.rebuild_monthly_scores(2026) AS whole_year, hexdb.rebuild_monthly_scores() AS every_month;

-- A user's look-alike in public never captures what the extension runs (its upserts call now()).
CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql AS $$SELECT timestamptz '1999-01-01 00:00+00'$$;
SET search_path = public, pg_catalog;
INSERT INTO hexdb.scores (user_id, score, created_at) VALUES ('00000000-0000-7000-8000-0000000005a3', 999, '2026-01-05 00:00+00');
RESET search_path;
SELECT score, updated_at > '2000-01-01' AS not_captured FROM hexdb.monthly_scores
 WHERE user_id = '00000000-0000-7000-8000-0000000005a3' AND (year, month) = (2026, 1);
DROP FUNCTION public.now();

-- Refusals.
SELECT pg_temp.expect_error($$SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a1', -1)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.submit_score(NULL, 1)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a1', NULL)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a1', 1, NULL)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.submit_score('00000000-0000-7000-8000-0000000005a1', 1, 'infinity')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.submit_score('00000000-0000-7000-8000-00000000ffff', 1)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.configure_monthly('Mars/Olympus_Mons')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.configure_monthly(aggregate => 'max')$$);
SELECT pg_temp.expect_error($$UPDATE hexdb.monthly_settings SET timezone = 'Nowhere/Atall'$$);
SELECT pg_temp.expect_error($$SELECT hexdb.rebuild_monthly_scores(2026, 13)$$);
SELECT pg_temp.expect_error($$SELECT hexdb.rebuild_monthly_scores(NULL, 1)$$);
SELECT pg_temp.expect_error($$INSERT INTO hexdb.scores (user_id, score, created_at) VALUES ('00000000-0000-7000-8000-0000000005a1', 1, '-infinity')$$);

-- TRUNCATE leaves only imported history.
TRUNCATE hexdb.scores;
SELECT * FROM month_rows;
ROLLBACK;
