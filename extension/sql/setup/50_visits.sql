  ----------------------------------------------------------------------------- game_visits
  CREATE TABLE IF NOT EXISTS hexdb.game_visits (
    user_id     uuid NOT NULL REFERENCES hexdb.users (user_id) ON DELETE CASCADE,
    visit_date  date NOT NULL,
    visit_count int NOT NULL DEFAULT 1 CHECK (visit_count > 0),
    PRIMARY KEY (user_id, visit_date)
  );
  CREATE INDEX IF NOT EXISTS game_visits_date_idx ON hexdb.game_visits (visit_date);

  COMMENT ON TABLE hexdb.game_visits IS 'How many times each user visited the game each day';
  COMMENT ON INDEX hexdb.game_visits_date_idx IS 'Visits of one day, for daily_active_users';

