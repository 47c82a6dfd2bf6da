-- Scores and their monthly aggregate (the tables and triggers: setup/40_scores.sql). The rules
-- live in C++ (extension/src/scores/; the pure ones in core/scores/monthly_aggregate.hpp).
--
-- Who writes derived data: only the scores trigger, configure_monthly() and
-- rebuild_monthly_scores(), with definer's rights (SECURITY DEFINER, owned by the tables'
-- owner). Applications write scores; the trigger they fire writes monthly_scores as the owner,
-- and the statement-level triggers on monthly_scores and monthly_settings run inside that
-- write, so they need no rights of their own.

-- Trigger functions. One C++ function per table handles every event. The SQL a C function
-- runs through SPI names builtins and operators (unnest, now(), -, >) that a user's objects in
-- public must never capture: the functions on the path of submit_score and of the board reads
-- qualify every one (OPERATOR(pg_catalog.=)) and skip the per-call search_path switch; the
-- others, and every SECURITY DEFINER function, pin search_path.
CREATE OR REPLACE FUNCTION hexdb.scores_monthly_trigger() RETURNS trigger
  AS 'MODULE_PATHNAME', 'hexdb_scores_monthly_trigger' LANGUAGE C SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.scores_monthly_trigger() IS
  'Keeps monthly_scores exact after each statement on scores: folds a statement''s rows in one pass, recomputes a month only when a removal needs it';

CREATE OR REPLACE FUNCTION hexdb.monthly_counts_trigger() RETURNS trigger
  AS 'MODULE_PATHNAME', 'hexdb_monthly_counts_trigger' LANGUAGE C;
COMMENT ON FUNCTION hexdb.monthly_counts_trigger() IS
  'Keeps monthly_score_counts equal to the players per bucket in monthly_scores, whoever writes it';

CREATE OR REPLACE FUNCTION hexdb.monthly_imported_base_trigger() RETURNS trigger
  AS 'MODULE_PATHNAME', 'hexdb_monthly_imported_base_trigger' LANGUAGE C
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.monthly_imported_base_trigger() IS
  'Remembers an imported history row''s own score and time, so that later scores combine with it';
CREATE OR REPLACE FUNCTION hexdb.monthly_settings_trigger() RETURNS trigger
  AS 'MODULE_PATHNAME', 'hexdb_monthly_settings_trigger' LANGUAGE C
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.monthly_settings_trigger() IS
  'Validates the monthly settings, tells every session, and rebuilds monthly_scores';

-- Functions.
CREATE OR REPLACE FUNCTION hexdb.submit_score(user_id uuid, score bigint, "at" timestamptz DEFAULT now()) RETURNS bigint
  AS 'MODULE_PATHNAME', 'hexdb_submit_score' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION hexdb.submit_score(uuid, bigint, timestamptz) IS
  'Records a score reached at "at" and returns its id; the monthly aggregate follows in the same statement';

CREATE OR REPLACE FUNCTION hexdb.configure_monthly(timezone text DEFAULT NULL, aggregate text DEFAULT NULL) RETURNS bigint
  AS 'MODULE_PATHNAME', 'hexdb_configure_monthly' LANGUAGE C VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.configure_monthly(text, text) IS
  'Sets the time zone in which months begin and the aggregate (best, sum, latest); NULL keeps a setting. Rebuilds and returns the rows written';

CREATE OR REPLACE FUNCTION hexdb.rebuild_monthly_scores(year int DEFAULT NULL, month int DEFAULT NULL) RETURNS bigint
  AS 'MODULE_PATHNAME', 'hexdb_rebuild_monthly_scores' LANGUAGE C VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.rebuild_monthly_scores(int, int) IS
  'Recomputes monthly_scores (one month, one year, or all) from scores and imported history; returns the rows inserted, updated or deleted';

CREATE OR REPLACE FUNCTION hexdb.monthly_scores_drift(year int DEFAULT NULL, month int DEFAULT NULL) RETURNS bigint
  AS 'MODULE_PATHNAME', 'hexdb_monthly_scores_drift' LANGUAGE C STABLE
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.monthly_scores_drift(int, int) IS
  'How many monthly_scores rows (and rank counts) rebuild_monthly_scores() would write: 0 when the aggregate is exact';

CREATE OR REPLACE FUNCTION hexdb.monthly_leaderboard(year int, month int, lim int DEFAULT 10, after_rank bigint DEFAULT 0)
  RETURNS SETOF hexdb.leaderboard_entry
  AS 'MODULE_PATHNAME', 'hexdb_monthly_leaderboard' LANGUAGE C STABLE ROWS 10;
COMMENT ON FUNCTION hexdb.monthly_leaderboard(int, int, int, bigint) IS
  'A month''s board from rank after_rank + 1, lim rows; pages by rank without reading the rows before it';

CREATE OR REPLACE FUNCTION hexdb.monthly_rank(user_id uuid, year int, month int)
  RETURNS TABLE (rank bigint, score bigint, total bigint)
  AS 'MODULE_PATHNAME', 'hexdb_monthly_rank' LANGUAGE C STABLE ROWS 1;
COMMENT ON FUNCTION hexdb.monthly_rank(uuid, int, int) IS
  'A player''s rank, score and the number of ranked players that month; no row without a score';

CREATE OR REPLACE FUNCTION hexdb.leaderboard_around(user_id uuid, year int, month int, radius int DEFAULT 5)
  RETURNS SETOF hexdb.leaderboard_entry
  AS 'MODULE_PATHNAME', 'hexdb_leaderboard_around' LANGUAGE C STABLE ROWS 11;
COMMENT ON FUNCTION hexdb.leaderboard_around(uuid, int, int, int) IS
  'The player and up to radius players on each side of them, with their ranks';

CREATE OR REPLACE FUNCTION hexdb.friends_leaderboard(user_id uuid, year int, month int, lim int DEFAULT 10)
  RETURNS SETOF hexdb.leaderboard_entry
  AS 'MODULE_PATHNAME', 'hexdb_friends_leaderboard' LANGUAGE C STABLE ROWS 10;
COMMENT ON FUNCTION hexdb.friends_leaderboard(uuid, int, int, int) IS
  'The player and their accepted friends, ranked among themselves';

-- The month a score made at `at` belongs to, in the zone configure_monthly set: what a
-- client shows when no month is named (hexctl leaderboard, hexctl rank).
CREATE OR REPLACE FUNCTION hexdb.current_month("at" timestamptz DEFAULT now()) RETURNS date
  LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS $$ SELECT date_trunc('month', "at" AT TIME ZONE coalesce(
           (SELECT s.timezone FROM hexdb.monthly_settings s), 'UTC'))::date $$;
COMMENT ON FUNCTION hexdb.current_month(timestamptz) IS
  'First day of the month that holds "at" (default now()) in the time zone of configure_monthly: the default month of the boards';
