  ---------------------------------------------------------------------------------- import
  -- Staging: one table per legacy table, the legacy column names, every cell as text (so COPY
  -- never fails on a value). Written by the owner's `hexctl import`, read by import_legacy().
  CREATE UNLOGGED TABLE IF NOT EXISTS hexdb.staging_users (
    id text, email text, nickname text, password text, birth_date text, role text);
  CREATE UNLOGGED TABLE IF NOT EXISTS hexdb.staging_scores (
    id text, user_id text, score text, created_at text);
  CREATE UNLOGGED TABLE IF NOT EXISTS hexdb.staging_friendships (
    id text, requester_id text, receiver_id text, status text, created_at text);
  CREATE UNLOGGED TABLE IF NOT EXISTS hexdb.staging_monthly_scores (
    id text, user_id text, year text, month text, score text, updated_at text);
  CREATE UNLOGGED TABLE IF NOT EXISTS hexdb.staging_game_visits (
    id text, user_id text, visit_date text, visit_count text);
  COMMENT ON TABLE hexdb.staging_users IS 'Raw rows of the MySQL users table (COPY target of hexctl import); read by import_legacy()';
  COMMENT ON TABLE hexdb.staging_scores IS 'Raw rows of the MySQL scores table (COPY target of hexctl import); read by import_legacy()';
  COMMENT ON TABLE hexdb.staging_friendships IS 'Raw rows of the MySQL friendships table (COPY target of hexctl import); read by import_legacy()';
  COMMENT ON TABLE hexdb.staging_monthly_scores IS 'Raw rows of the MySQL monthly_scores table (COPY target of hexctl import); read by import_legacy()';
  COMMENT ON TABLE hexdb.staging_game_visits IS 'Raw rows of the MySQL game_visits table (COPY target of hexctl import); read by import_legacy()';

  CREATE TABLE IF NOT EXISTS hexdb.import_rejects (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name  text NOT NULL,
    legacy_id   int,
    reason      text NOT NULL,
    "row"       jsonb NOT NULL,
    rejected_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS import_rejects_table_legacy_idx ON hexdb.import_rejects (table_name, legacy_id);
  COMMENT ON TABLE hexdb.import_rejects IS 'Legacy rows import_legacy() did not import, each with the rule it breaks and the whole row';
  COMMENT ON COLUMN hexdb.import_rejects.table_name IS 'The legacy table: users, scores, friendships, monthly_scores or game_visits';
  COMMENT ON COLUMN hexdb.import_rejects.legacy_id IS 'The row''s MySQL id, NULL when that cell is no integer';
  COMMENT ON COLUMN hexdb.import_rejects.reason IS 'The first rule the row breaks';
  COMMENT ON COLUMN hexdb.import_rejects."row" IS 'The row as exported: column name to raw text (null for \N)';
  COMMENT ON INDEX hexdb.import_rejects_table_legacy_idx IS 'Finds a table''s rejects by legacy id (reruns add no duplicate)';

