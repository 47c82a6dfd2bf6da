-- hexdb install script, assembled by the Makefile (see extension/sql/README.md):
-- install/ (run once), then functions/, setup/ and privileges.sql (re-runnable, shared with
-- every upgrade script). The extension object lives in pg_catalog (like plpgsql), so the
-- scripts run with search_path = pg_catalog, pg_temp: nothing anyone put in schema hexdb can
-- capture a name in them. Everything hexdb defines lives in schema hexdb.

\echo Use "CREATE EXTENSION hexdb" to load this file. \quit

-- The schema belongs to the extension only while it holds nothing but hexdb's own objects:
-- DROP EXTENSION then removes it. setup() detaches it before it creates the game's tables,
-- so that from then on it stays with the data. A schema that already exists (a restore, or
-- tables kept by DROP EXTENSION ... CASCADE) is never adopted.
DO $schema$
BEGIN
  IF pg_catalog.to_regnamespace('hexdb') IS NULL THEN
    CREATE SCHEMA hexdb;
    ALTER SCHEMA hexdb OWNER TO @extowner@;
    COMMENT ON SCHEMA hexdb IS 'hexdb: a game backend''s data rules (users, friendships, scores, leaderboards)';
    -- Any role may look inside the schema; what it may read, write and call is what the
    -- tables' owner grants it (hexdb.grant_app). Only on a schema made here: a GRANT on an
    -- existing one inside CREATE EXTENSION would be recorded as its initial privileges, which
    -- pg_dump then leaves out of every dump; an existing schema keeps the rights it has.
    GRANT USAGE ON SCHEMA hexdb TO PUBLIC;
  END IF;
END
$schema$;
