-- Roles. An application role gets what hexdb's API offers with one call by the tables' owner:
--   SELECT hexdb.grant_app('app');                      -- the game's backend
--   SELECT hexdb.grant_app('reader', read_only => true); -- dashboards, analytics
-- What it never gets: a write of derived data (monthly_scores, monthly_score_counts,
-- monthly_settings), the import tables, TRUNCATE, or a read of users.password_hash. Those are
-- written only by hexdb's definer-rights functions (see docs/roles.md for the argument).
CREATE OR REPLACE FUNCTION hexdb.grant_app("role" name, read_only boolean DEFAULT false) RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  grantee text;
  user_columns text;
BEGIN
  IF $1 IS NULL OR $2 IS NULL THEN
    RAISE EXCEPTION 'grant_app needs a role and read_only, not NULL' USING ERRCODE = '22004';
  END IF;
  grantee := quote_ident($1::regrole::text);  -- 42704 for a role that does not exist
  IF to_regclass('hexdb.users') IS NULL THEN
    RAISE EXCEPTION 'hexdb''s tables do not exist yet' USING ERRCODE = '55000',
      HINT = 'Run SELECT hexdb.setup() first.';
  END IF;
  -- Every column of users but password_hash, the studio's own columns included.
  SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO user_columns
    FROM pg_attribute a
   WHERE a.attrelid = 'hexdb.users'::regclass AND a.attnum > 0 AND NOT a.attisdropped
     AND a.attname <> 'password_hash';

  EXECUTE 'GRANT USAGE ON SCHEMA hexdb TO ' || grantee;
  EXECUTE format('GRANT SELECT (%s) ON hexdb.users TO %s', user_columns, grantee);
  EXECUTE 'GRANT SELECT ON hexdb.scores, hexdb.friendships, hexdb.game_visits, hexdb.monthly_scores, '
          'hexdb.monthly_score_counts, hexdb.monthly_score_deltas, hexdb.monthly_score_folded, hexdb.monthly_settings TO ' || grantee;
  EXECUTE 'GRANT EXECUTE ON FUNCTION hexdb.check_integrity() TO ' || grantee;
  IF NOT $2 THEN
    -- Users change only through the functions; the rest is plain DML, which the tables'
    -- triggers check (friendships) or follow (scores: monthly_scores, as the owner).
    EXECUTE 'GRANT INSERT, UPDATE, DELETE ON hexdb.scores, hexdb.friendships, hexdb.game_visits TO ' || grantee;
    EXECUTE 'GRANT EXECUTE ON FUNCTION hexdb.create_user(text, text, text, date, text), '
            'hexdb.check_password(text, text), hexdb.delete_user(uuid) TO ' || grantee;
  END IF;
END
$$;
COMMENT ON FUNCTION hexdb.grant_app(name, boolean) IS
  'Grants a role hexdb''s API: the functions, DML on scores, friendships and game_visits, reads of the boards and of users without password_hash; read_only: the reads alone. Never writes of derived data or the import tables';
