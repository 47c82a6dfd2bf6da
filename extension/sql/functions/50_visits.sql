-- Daily game visits (the table: setup/50_visits.sql).

CREATE OR REPLACE FUNCTION hexdb.record_visit(user_id uuid, day date DEFAULT current_date) RETURNS int
  AS 'MODULE_PATHNAME', 'hexdb_record_visit' LANGUAGE C VOLATILE
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.record_visit(uuid, date) IS
  'Counts one visit of the user on that day (an upsert); returns the day''s count after it';

CREATE OR REPLACE FUNCTION hexdb.daily_active_users(from_day date, to_day date)
  RETURNS TABLE (day date, users bigint, visits bigint)
  AS 'MODULE_PATHNAME', 'hexdb_daily_active_users' LANGUAGE C STABLE
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.daily_active_users(date, date) IS
  'Per day from from_day to to_day (inclusive, every day listed): distinct visitors and visits; at most 3661 days (22023 beyond)';
