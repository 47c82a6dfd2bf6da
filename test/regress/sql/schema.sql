-- The schema of SPEC.md: tables, keys, dump registration, comments, search_path safety.
\i test/regress/sql/include/expect_error.psql

-- The extension object lives in pg_catalog (as plpgsql does); what it defines lives in hexdb.
SELECT extname, extnamespace::regnamespace AS schema, extrelocatable, extconfig, extcondition
  FROM pg_extension WHERE extname = 'hexdb';

-- setup()'s tables are ordinary tables: the extension's members are its functions and types
-- only (the schema left it when setup() ran), so pg_dump dumps the tables whole and DROP
-- EXTENSION never takes one.
SELECT d.classid::regclass AS kind, count(*) AS members
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb'
 WHERE d.deptype = 'e' GROUP BY 1 ORDER BY d.classid::regclass::text;
-- ... owned by setup()'s caller.
SELECT c.relkind, count(*) AS relations, bool_and(c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)) AS callers
  FROM pg_class c WHERE c.relnamespace = 'hexdb'::regnamespace GROUP BY 1 ORDER BY 1;
-- setup() again changes nothing.
CREATE TEMP TABLE before_setup AS
  SELECT c.oid, c.relname, c.relnatts, (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = c.oid) AS triggers
    FROM pg_class c WHERE c.relnamespace = 'hexdb'::regnamespace;
SELECT hexdb.setup();
SELECT count(*) AS changed_by_rerun
  FROM (SELECT c.oid, c.relname, c.relnatts, (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = c.oid)
          FROM pg_class c WHERE c.relnamespace = 'hexdb'::regnamespace
        EXCEPT SELECT * FROM before_setup) x;

-- Primary keys.
SELECT conrelid::regclass AS tbl, pg_get_constraintdef(oid) AS pk
  FROM pg_constraint WHERE contype = 'p' AND connamespace = 'hexdb'::regnamespace ORDER BY conrelid::regclass::text;

-- Foreign keys all point at users and cascade on delete.
SELECT conrelid::regclass AS tbl, pg_get_constraintdef(oid) AS fk
  FROM pg_constraint WHERE contype = 'f' AND connamespace = 'hexdb'::regnamespace ORDER BY conrelid::regclass::text, 2;

-- Every table and index of schema hexdb and every function of the extension has a comment.
SELECT c.oid::regclass::text AS undocumented
  FROM pg_class c
 WHERE c.relnamespace = 'hexdb'::regnamespace AND c.relkind IN ('r', 'i')
   AND obj_description(c.oid, 'pg_class') IS NULL
   AND c.relname !~ '_(pkey|key)$'  -- constraints' indexes: the constraint says it
UNION ALL
SELECT pg_describe_object(d.classid, d.objid, 0)
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb'
 WHERE d.deptype = 'e' AND d.classid = 'pg_proc'::regclass
   AND obj_description(d.objid, 'pg_proc') IS NULL
 ORDER BY 1;

-- No function trusts search_path: PL/pgSQL and string-bodied SQL functions pin it; SQL
-- functions with standard bodies (RETURN / BEGIN ATOMIC) are bound when created.
SELECT p.oid::regprocedure AS trusts_search_path
  FROM pg_proc p
 WHERE p.pronamespace = 'hexdb'::regnamespace
   AND p.prolang IN (SELECT oid FROM pg_language WHERE lanname IN ('plpgsql', 'sql'))
   AND p.prosqlbody IS NULL
   AND NOT EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c LIKE 'search\_path=%')
 ORDER BY 1;

-- A user's look-alike function in public is never called by the extension.
CREATE FUNCTION public.uuid_generate_v7() RETURNS uuid LANGUAGE sql AS $$SELECT '00000000-0000-0000-0000-000000000000'::uuid$$;
SET search_path = public, hexdb;
INSERT INTO hexdb.users (email, nickname, password_hash, birth_date)
  VALUES ('capture@example.com', 'capture', '$2b$04$abcdefghijklmnopqrstuv', '2000-01-01')
  RETURNING hexdb.uuid_version(user_id) AS default_id_version;
RESET search_path;
DROP FUNCTION public.uuid_generate_v7();
DELETE FROM hexdb.users WHERE email = 'capture@example.com';

-- Declarative checks refuse what SPEC.md forbids.
SELECT pg_temp.expect_error($$INSERT INTO hexdb.monthly_scores VALUES (2026, 13, hexdb.uuid_generate_v7(), 1, now())$$);
SELECT pg_temp.expect_error($$INSERT INTO hexdb.game_visits VALUES (hexdb.uuid_generate_v7(), current_date, 0)$$);
