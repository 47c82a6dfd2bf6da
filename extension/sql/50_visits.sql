-- Daily game visits.

CREATE TABLE hexdb.game_visits (
  user_id     uuid NOT NULL REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
  visit_date  date NOT NULL,
  visit_count int NOT NULL DEFAULT 1 CHECK (visit_count > 0),
  PRIMARY KEY (user_id, visit_date)
);
CREATE INDEX game_visits_date_idx ON hexdb.game_visits (visit_date);
SELECT pg_catalog.pg_extension_config_dump('hexdb.game_visits', '');

COMMENT ON TABLE hexdb.game_visits IS 'How many times each user visited the game each day';
COMMENT ON INDEX hexdb.game_visits_date_idx IS 'Visits of one day, for daily_active_users';

CREATE FUNCTION hexdb.record_visit(user_id uuid, day date DEFAULT current_date) RETURNS int
  AS 'MODULE_PATHNAME', 'hexdb_record_visit' LANGUAGE C VOLATILE
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.record_visit(uuid, date) IS
  'Counts one visit of the user on that day (an upsert); returns the day''s count after it';

CREATE FUNCTION hexdb.daily_active_users(from_day date, to_day date)
  RETURNS TABLE (day date, users bigint, visits bigint)
  AS 'MODULE_PATHNAME', 'hexdb_daily_active_users' LANGUAGE C STABLE
  SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION hexdb.daily_active_users(date, date) IS
  'Per day from from_day to to_day (inclusive, every day listed): distinct visitors and visits; at most 3661 days (22023 beyond)';
