-- The board functions read monthly_scores, the rank counts and users by direct index scans
-- (scores/board_reads.hpp): they check, as SQL would, that the caller may read those tables,
-- and refuse tables or indexes altered out of the shape the scans assume, naming what changed.
\i test/regress/sql/include/expect_error.psql
SET TimeZone = 'UTC';
BEGIN;
INSERT INTO hexdb.users (user_id, email, nickname, password_hash, birth_date)
SELECT ('00000000-0000-7000-8000-0000000007' || lpad(i::text, 2, '0'))::uuid, 'reads' || i || '@example.com',
       'r' || i, '$2b$04$x', '2000-01-01' FROM generate_series(1, 5) i;
SELECT count(hexdb.submit_score(('00000000-0000-7000-8000-0000000007' || lpad(i::text, 2, '0'))::uuid, 100 * i,
                                '2032-01-10 10:00+00')) AS submitted FROM generate_series(1, 5) i;
CREATE FUNCTION pg_temp.boards() RETURNS text LANGUAGE sql AS $$
  SELECT (SELECT string_agg(rank || ':' || nickname, ' ' ORDER BY rank) FROM hexdb.monthly_leaderboard(2032, 1, 3))
      || ' | ' || (SELECT rank || '/' || total FROM hexdb.monthly_rank('00000000-0000-7000-8000-000000000702', 2032, 1))
      || ' | ' || (SELECT string_agg(rank || ':' || nickname, ' ' ORDER BY rank)
                     FROM hexdb.leaderboard_around('00000000-0000-7000-8000-000000000702', 2032, 1, 1))
      || ' | ' || (SELECT string_agg(rank || ':' || nickname, ' ' ORDER BY rank) FROM hexdb.monthly_leaderboard(2032, 1, 2, 3))
$$;
SELECT pg_temp.boards();
SAVEPOINT s;

-- Without SELECT on a table a board reads: 42501, as the SQL it replaces raised.
CREATE ROLE hexdb_reads_nobody;
GRANT USAGE ON SCHEMA hexdb TO hexdb_reads_nobody;
-- users by column, as grant_app() grants it (never password_hash).
GRANT SELECT (user_id, nickname) ON hexdb.users TO hexdb_reads_nobody;
GRANT SELECT ON hexdb.monthly_score_counts, hexdb.monthly_score_deltas, hexdb.monthly_score_folded TO hexdb_reads_nobody;
SET ROLE hexdb_reads_nobody;
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2032, 1, 3)$$);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_rank('00000000-0000-7000-8000-000000000702', 2032, 1)$$);
RESET ROLE;
GRANT SELECT ON hexdb.monthly_scores TO hexdb_reads_nobody;
REVOKE SELECT ON hexdb.monthly_score_deltas FROM hexdb_reads_nobody;
SET ROLE hexdb_reads_nobody;
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.leaderboard_around('00000000-0000-7000-8000-000000000702', 2032, 1)$$);
RESET ROLE;
GRANT SELECT ON hexdb.monthly_score_deltas TO hexdb_reads_nobody;
REVOKE SELECT ON hexdb.monthly_score_folded FROM hexdb_reads_nobody;
SET ROLE hexdb_reads_nobody;
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_rank('00000000-0000-7000-8000-000000000702', 2032, 1)$$);
RESET ROLE;
GRANT SELECT ON hexdb.monthly_score_folded TO hexdb_reads_nobody;
SET ROLE hexdb_reads_nobody;
SELECT pg_temp.boards() AS with_select;
RESET ROLE;
REVOKE SELECT (nickname) ON hexdb.users FROM hexdb_reads_nobody;
SET ROLE hexdb_reads_nobody;
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2032, 1, 3)$$) AS without_nickname;
RESET ROLE;
GRANT SELECT (nickname) ON hexdb.users TO hexdb_reads_nobody;

-- Row-level security would filter the rows SQL reads; the scans do not apply policies: refused.
ALTER TABLE hexdb.monthly_scores ENABLE ROW LEVEL SECURITY;
CREATE POLICY only_r1 ON hexdb.monthly_scores USING (user_id = '00000000-0000-7000-8000-000000000701');
SET ROLE hexdb_reads_nobody;
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2032, 1, 3)$$);
RESET ROLE;
ROLLBACK TO s;

-- The rank index dropped (42704), then recreated over other columns (42P16); setup() puts the
-- right one back, and the same session sees it.
DROP INDEX hexdb.monthly_scores_rank_idx;
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2032, 1, 3)$$);
CREATE INDEX monthly_scores_rank_idx ON hexdb.monthly_scores (year, month, score, achieved_at, user_id);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2032, 1, 3)$$);
DROP INDEX hexdb.monthly_scores_rank_idx;
CREATE INDEX monthly_scores_rank_idx ON hexdb.monthly_scores (year, month, (-score), achieved_at DESC, user_id);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2032, 1, 3)$$);
DROP INDEX hexdb.monthly_scores_rank_idx;
CREATE INDEX monthly_scores_rank_idx ON hexdb.monthly_scores (year, month, (-score), achieved_at, user_id)
  WHERE score > 100;
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2032, 1, 3)$$);
DROP INDEX hexdb.monthly_scores_rank_idx;
SET client_min_messages = warning;
SELECT hexdb.setup() IS NOT NULL AS setup_again;
RESET client_min_messages;
SELECT pg_temp.boards() AS after_setup;

-- A column the scans read, of another type: 42P16 naming it.
SAVEPOINT t;
ALTER TABLE hexdb.users ALTER COLUMN nickname TYPE varchar(100);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_leaderboard(2032, 1, 3)$$);
ROLLBACK TO t;
SAVEPOINT u;
ALTER TABLE hexdb.monthly_score_counts ALTER COLUMN bucket TYPE numeric;
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_rank('00000000-0000-7000-8000-000000000702', 2032, 1)$$);
ROLLBACK TO u;
-- The primary key of monthly_scores moved to other columns.
SAVEPOINT v;
ALTER TABLE hexdb.monthly_scores DROP CONSTRAINT monthly_scores_pkey;
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_rank('00000000-0000-7000-8000-000000000702', 2032, 1)$$);
ALTER TABLE hexdb.monthly_scores ADD PRIMARY KEY (user_id, year, month);
SELECT pg_temp.expect_error($$SELECT * FROM hexdb.monthly_rank('00000000-0000-7000-8000-000000000702', 2032, 1)$$);
ROLLBACK TO v;
SELECT pg_temp.boards() AS restored;
ROLLBACK;
