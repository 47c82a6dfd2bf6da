-- Who may use what PUBLIC needs not. Trigger functions: any table owner with EXECUTE on one
-- may attach it to a table (PostgreSQL checks EXECUTE at CREATE TRIGGER, not when it fires),
-- so only the role that created the extension keeps it; each trigger also refuses a table
-- other than its own (extension/src/pg/trigger.hpp). Import helpers are internal to
-- import_legacy(), which runs as its caller.
REVOKE ALL ON FUNCTION hexdb.friendship_check(), hexdb.friendship_notify(),
  hexdb.scores_monthly_trigger(), hexdb.monthly_counts_trigger(),
  hexdb.monthly_imported_base_trigger(), hexdb.monthly_restore_base_trigger(),
  hexdb.monthly_settings_trigger(),
  hexdb.import_advance_sequence(regclass, bigint), hexdb.import_orphan_reason(text, int)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hexdb.friendship_check(), hexdb.friendship_notify(),
  hexdb.scores_monthly_trigger(), hexdb.monthly_counts_trigger(),
  hexdb.monthly_imported_base_trigger(), hexdb.monthly_restore_base_trigger(),
  hexdb.monthly_settings_trigger(),
  hexdb.import_advance_sequence(regclass, bigint), hexdb.import_orphan_reason(text, int)
  TO @extowner@;
