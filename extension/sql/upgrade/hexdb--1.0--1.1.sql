-- hexdb 1.0 -> 1.1, run once by ALTER EXTENSION hexdb UPDATE; the Makefile appends the
-- re-runnable parts (functions/, setup/, privileges.sql) after it. It must leave a 1.0
-- database exactly as a fresh 1.1 install followed by setup() (test/upgrade/from_1_0.t).
-- Runs with search_path = hexdb, pg_temp (1.0's extension schema): every name is qualified.

\echo Use "ALTER EXTENSION hexdb UPDATE TO '1.1'" to load this file. \quit

-- 1.0 kept the extension object in schema hexdb. 1.1 keeps it in pg_catalog, so that the
-- scripts' search_path holds nothing a schema owner could plant, and so that a dump of this
-- database restores on 1.1 (whose control file says schema = pg_catalog). pg_catalog is pinned:
-- no dependency on it is recorded, so the one on hexdb goes.
DELETE FROM pg_catalog.pg_depend d
 USING pg_catalog.pg_extension e
 WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
   AND d.objid OPERATOR(pg_catalog.=) e.oid AND e.extname OPERATOR(pg_catalog.=) 'hexdb'
   AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
   AND d.refobjid OPERATOR(pg_catalog.=) e.extnamespace;
UPDATE pg_catalog.pg_extension SET extnamespace = 'pg_catalog'::pg_catalog.regnamespace
 WHERE extname OPERATOR(pg_catalog.=) 'hexdb';

-- The game's tables and their identity sequences leave the extension: from now on they are
-- the owner's ordinary tables, which pg_dump dumps whole (DDL, a studio's columns, data),
-- and which DROP EXTENSION never deletes. Leaving also ends their pg_extension_config_dump
-- registration.
DO $detach$
DECLARE
  member record;
BEGIN
  FOR member IN
    SELECT c.oid::pg_catalog.regclass AS rel, c.relkind
      FROM pg_catalog.pg_depend d
      JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid AND e.extname OPERATOR(pg_catalog.=) 'hexdb'
      JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) d.objid
     WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
       AND d.deptype OPERATOR(pg_catalog.=) 'e'
     ORDER BY c.relkind, c.relname  -- tables ('r') before their sequences ('S')
  LOOP
    EXECUTE pg_catalog.format('ALTER EXTENSION hexdb DROP %s %s',
                              CASE member.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, member.rel);
  END LOOP;
END
$detach$;

-- 1.0's GRANT USAGE ON SCHEMA hexdb ran inside CREATE EXTENSION, which recorded it as the
-- schema's initial privileges although the schema never was a member: pg_dump would then
-- leave the grant out of a dump. A 1.1 schema that setup() detached has no such record.
DELETE FROM pg_catalog.pg_init_privs
 WHERE classoid OPERATOR(pg_catalog.=) 'pg_catalog.pg_namespace'::pg_catalog.regclass
   AND objoid OPERATOR(pg_catalog.=) 'hexdb'::pg_catalog.regnamespace;

-- Restore-only machinery: a plain restore of ordinary tables copies monthly_scores as it is,
-- before any trigger exists, so imported history no longer needs a trigger of its own.
DROP TRIGGER monthly_restore_base ON hexdb.monthly_scores;
DROP FUNCTION hexdb.monthly_restore_base_trigger();

-- Table deltas: what setup/*.sql now says differently from 1.0's tables.
COMMENT ON TABLE hexdb.monthly_score_counts IS 'Players per score bucket and month (rank in O(buckets)); maintained by triggers on monthly_scores';

