-- Ownership and EXECUTE rights of hexdb's functions. Re-run by every upgrade script after the
-- functions are replaced.
--
-- Functions run with their caller's rights (the C ones stay owned by the superuser that ran
-- the script) except these, which act as the owner of hexdb's tables, so that an application
-- role needs no right on the data it must not write: they belong to the tables' owner (before
-- setup() has run: to the role that ran CREATE EXTENSION, which setup()'s tables will belong
-- to). Their search_path is pinned; none is STRICT, so no owner can make NULL reach C code
-- that relied on it.
DO $owners$
DECLARE
  owner_name text := coalesce(
    (SELECT c.relowner::regrole::text FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('hexdb.users')),
    (SELECT e.extowner::regrole::text FROM pg_catalog.pg_extension e WHERE e.extname = 'hexdb'));
  fn text;
BEGIN
  FOREACH fn IN ARRAY ARRAY[
      'hexdb.scores_monthly_trigger()',
      'hexdb.configure_monthly(text, text)', 'hexdb.rebuild_monthly_scores(int, int)',
      'hexdb.create_user(text, text, text, date, text)', 'hexdb.check_password(text, text)',
      'hexdb.delete_user(uuid)', 'hexdb.import_legacy(text)', 'hexdb.check_integrity()',
      -- internal to import_legacy(), which runs as the tables' owner
      'hexdb.import_advance_sequence(regclass, bigint)', 'hexdb.import_orphan_reason(text, int)']
  LOOP
    EXECUTE pg_catalog.format('ALTER FUNCTION %s OWNER TO %s', fn, owner_name);
    EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', fn);
  END LOOP;
  -- C and internal to import_legacy(): owned by the superuser that ran the script, run by the
  -- tables' owner only (each writes as an INSERT by its caller would).
  FOREACH fn IN ARRAY ARRAY['hexdb.import_scores(text)', 'hexdb.import_users()',
                            'hexdb.import_friendships(text)', 'hexdb.import_monthly(text)',
                            'hexdb.import_visits()'] LOOP
    EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', fn);
    EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO %s', fn, owner_name);
  END LOOP;
END
$owners$;

-- The role that created the extension runs setup() and grant_app(), and may grant them.
ALTER FUNCTION hexdb.setup() OWNER TO @extowner@;
ALTER FUNCTION hexdb.grant_app(name, boolean) OWNER TO @extowner@;
ALTER FUNCTION hexdb.own_definer_functions(oid) OWNER TO @extowner@;
REVOKE ALL ON FUNCTION hexdb.setup() FROM PUBLIC;
REVOKE ALL ON FUNCTION hexdb.grant_app(name, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION hexdb.own_definer_functions(oid) FROM PUBLIC;

-- The other trigger functions run with the rights of whoever writes the table, so attaching
-- one to a table of one's own gives nothing; scores_monthly_trigger() above, which writes
-- monthly_scores as the owner, is not executable by PUBLIC, so only the owner can attach it.

-- Trigger functions: any table owner with EXECUTE on one may attach it to a table (PostgreSQL
-- checks EXECUTE at CREATE TRIGGER, not when it fires), so only the role that created the
-- extension (who runs setup()) keeps it; each trigger also refuses a table other than its own
-- (extension/src/pg/trigger.hpp).
REVOKE ALL ON FUNCTION hexdb.friendship_check(), hexdb.friendship_notify(),
  hexdb.monthly_counts_trigger(), hexdb.monthly_imported_base_trigger(),
  hexdb.monthly_settings_trigger()
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hexdb.friendship_check(), hexdb.friendship_notify(),
  hexdb.monthly_counts_trigger(), hexdb.monthly_imported_base_trigger(),
  hexdb.monthly_settings_trigger()
  TO @extowner@;
