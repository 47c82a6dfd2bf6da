-- Daily game visits.

CREATE TABLE hexdb.game_visits (
  user_id     uuid NOT NULL REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
  visit_date  date NOT NULL,
  visit_count int NOT NULL DEFAULT 1 CHECK (visit_count > 0),
  PRIMARY KEY (user_id, visit_date)
);
SELECT pg_catalog.pg_extension_config_dump('hexdb.game_visits', '');

COMMENT ON TABLE hexdb.game_visits IS 'How many times each user visited the game each day';
