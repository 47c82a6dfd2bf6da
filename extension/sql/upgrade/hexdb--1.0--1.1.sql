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

-- The game's tables and their identity sequences leave the extension at the end of this
-- script (upgrade/detach_new_tables.sql, which every upgrade ends with): from then on they are
-- the owner's ordinary tables, which pg_dump dumps whole (DDL, a studio's columns, data), and
-- which DROP EXTENSION never deletes. Leaving also ends their pg_extension_config_dump
-- registration.

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


-- 1.1's new tables, as setup/40_scores.sql makes them (which says why they exist). An update
-- never runs setup() (inside an extension script PostgreSQL refuses its IF NOT EXISTS on
-- tables that are not members, as the game's tables are once they leave), so every version's
-- delta creates what it adds; detach_new_tables.sql, at the end of this script, makes them
-- ordinary tables of the tables' owner. 1.0's counts are all folded, so they start empty.
CREATE TABLE hexdb.monthly_score_deltas (
  written_in xid8 NOT NULL, year int NOT NULL, month int NOT NULL, leaf bigint NOT NULL, delta bigint NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
        autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000);
CREATE INDEX monthly_score_deltas_written_idx ON hexdb.monthly_score_deltas (written_in, year, month, leaf) INCLUDE (delta);
COMMENT ON TABLE hexdb.monthly_score_deltas IS 'Rank-count changes (players per leaf bucket) not yet folded into monthly_score_counts; readers add them, writers append them, a compaction moves them';
COMMENT ON COLUMN hexdb.monthly_score_deltas.written_in IS 'The top-level transaction that wrote the change (pg_current_xact_id())';
COMMENT ON INDEX hexdb.monthly_score_deltas_written_idx IS 'Pending changes in the order they were written: a walk from monthly_score_folded''s mark';
CREATE TABLE hexdb.monthly_score_folded (folded_before xid8 NOT NULL);
COMMENT ON TABLE hexdb.monthly_score_folded IS 'Where the pending rank-count changes start: every change of monthly_score_deltas written before this transaction has been folded into monthly_score_counts';
