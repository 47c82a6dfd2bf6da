-- The end of every upgrade script (after the re-runnable parts). Every table or sequence that
-- is a member of the extension leaves it: 1.0's game tables, and any table an update creates
-- (a delta's CREATE TABLE: setup()'s IF NOT EXISTS cannot run inside an extension script on
-- tables that are not its members, which PostgreSQL refuses since CVE-2022-2625). Each ends an
-- ordinary table of the tables' owner, exactly as a fresh setup() would have made it.
DO $detach_new$
DECLARE
  data_owner pg_catalog.oid := (SELECT c.relowner FROM pg_catalog.pg_class c
                                 WHERE c.oid OPERATOR(pg_catalog.=) pg_catalog.to_regclass('hexdb.users'));
  member record;
BEGIN
  FOR member IN
    SELECT c.oid::pg_catalog.regclass AS rel, c.relkind, c.relowner
      FROM pg_catalog.pg_depend d
      JOIN pg_catalog.pg_extension e ON e.oid OPERATOR(pg_catalog.=) d.refobjid AND e.extname OPERATOR(pg_catalog.=) 'hexdb'
      JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) d.objid
     WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
       AND d.deptype OPERATOR(pg_catalog.=) 'e'
     ORDER BY c.relkind, c.relname  -- tables ('r') before their sequences ('S')
  LOOP
    EXECUTE pg_catalog.format('ALTER EXTENSION hexdb DROP %s %s',
                              CASE member.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, member.rel);
    IF member.relkind OPERATOR(pg_catalog.=) 'r' AND member.relowner OPERATOR(pg_catalog.<>) data_owner THEN
      EXECUTE pg_catalog.format('ALTER TABLE %s OWNER TO %I', member.rel, data_owner::pg_catalog.regrole);
    END IF;
  END LOOP;
END
$detach_new$;
