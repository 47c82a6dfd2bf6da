-- The schema of SPEC.md: tables, keys, dump registration, comments, search_path safety.
\i test/regress/sql/include/expect_error.psql

SELECT extname, extnamespace::regnamespace AS schema, extrelocatable FROM pg_extension WHERE extname = 'hexdb';

-- Every data table and identity sequence is dumped by pg_dump.
SELECT c.relname, c.relkind, c.oid = ANY (e.extconfig) AS dumped
  FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb'
 WHERE c.relkind IN ('r', 'S')
 ORDER BY c.relname;

-- Primary keys.
SELECT conrelid::regclass AS tbl, pg_get_constraintdef(oid) AS pk
  FROM pg_constraint WHERE contype = 'p' AND connamespace = 'hexdb'::regnamespace ORDER BY conrelid::regclass::text COLLATE "C";

-- Foreign keys all point at users and cascade on delete.
SELECT conrelid::regclass AS tbl, pg_get_constraintdef(oid) AS fk
  FROM pg_constraint WHERE contype = 'f' AND connamespace = 'hexdb'::regnamespace ORDER BY conrelid::regclass::text COLLATE "C", 2;

-- Every table, column-less object and function of the extension has a comment.
SELECT pg_describe_object(d.classid, d.objid, 0) AS undocumented
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb'
 WHERE d.deptype = 'e' AND d.classid IN ('pg_class'::regclass, 'pg_proc'::regclass)
   AND obj_description(d.objid, d.classid::regclass::name) IS NULL
   AND NOT (d.classid = 'pg_class'::regclass AND (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S')
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
