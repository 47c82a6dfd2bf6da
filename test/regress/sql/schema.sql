-- The schema of SPEC.md: tables, keys, dump registration, comments, search_path safety.
\i test/regress/sql/include/expect_error.psql

-- The extension object lives in pg_catalog (as plpgsql does); what it defines lives in hexdb.
SELECT extname, extnamespace::regnamespace AS schema, extrelocatable, extconfig, extcondition
  FROM pg_extension WHERE extname = 'hexdb';

-- setup()'s tables are ordinary tables: the extension's members are its functions and types
-- only (the schema left it when setup() ran), so pg_dump dumps the tables whole and DROP
-- EXTENSION never takes one.
-- (Types without their array types: 17.10 and 18.4 record those as members too, 15 and 16.14 do not.)
SELECT d.classid::regclass AS kind, count(*) AS members
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb'
 WHERE d.deptype = 'e'
   AND NOT EXISTS (SELECT FROM pg_type t WHERE d.classid = 'pg_type'::regclass AND t.oid = d.objid AND t.typcategory = 'A')
 GROUP BY 1 ORDER BY d.classid::regclass::text;
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
  FROM pg_constraint WHERE contype = 'p' AND connamespace = 'hexdb'::regnamespace ORDER BY conrelid::regclass::text COLLATE "C";

-- Foreign keys all point at users and cascade on delete.
SELECT conrelid::regclass AS tbl, pg_get_constraintdef(oid) AS fk
  FROM pg_constraint WHERE contype = 'f' AND connamespace = 'hexdb'::regnamespace ORDER BY conrelid::regclass::text COLLATE "C", 2;

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

-- Capture (issue #10): look-alike functions AND operators in public that record that they
-- ran; every hexdb function called from a superuser session whose search_path puts public
-- first. Nothing of public may run, and every function must have been called.
CREATE TABLE public.captured (what text, stack text);
CREATE FUNCTION public.capture_mark(what text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE stack text;
BEGIN
  GET DIAGNOSTICS stack = PG_CONTEXT;
  INSERT INTO public.captured VALUES (what, stack);
END $$;
DO $do$
DECLARE t text; op text; n int := 0; ret text;
BEGIN
  -- Functions PostgreSQL resolves by search_path, with the signatures hexdb's SQL uses.
  EXECUTE $f$CREATE FUNCTION public.lower(text) RETURNS text LANGUAGE plpgsql AS
    $b$BEGIN PERFORM public.capture_mark('lower(text)'); RETURN pg_catalog.lower($1); END$b$ $f$;
  EXECUTE $f$CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE plpgsql AS
    $b$BEGIN PERFORM public.capture_mark('now()'); RETURN pg_catalog.now(); END$b$ $f$;
  EXECUTE $f$CREATE FUNCTION public.substr(text, int, int) RETURNS text LANGUAGE plpgsql AS
    $b$BEGIN PERFORM public.capture_mark('substr'); RETURN pg_catalog.substr($1, $2, $3); END$b$ $f$;
  EXECUTE $f$CREATE FUNCTION public.char_length(text) RETURNS int LANGUAGE plpgsql AS
    $b$BEGIN PERFORM public.capture_mark('char_length'); RETURN pg_catalog.char_length($1); END$b$ $f$;
  EXECUTE $f$CREATE FUNCTION public.format(text, VARIADIC text[]) RETURNS text LANGUAGE plpgsql AS
    $b$BEGIN PERFORM public.capture_mark('format'); RETURN 'captured'; END$b$ $f$;
  EXECUTE $f$CREATE FUNCTION public.generate_series(timestamp, timestamp, interval) RETURNS SETOF timestamp
    LANGUAGE plpgsql AS $b$BEGIN PERFORM public.capture_mark('generate_series'); RETURN; END$b$ $f$;
  EXECUTE $f$CREATE FUNCTION public.to_regclass(text) RETURNS regclass LANGUAGE plpgsql AS
    $b$BEGIN PERFORM public.capture_mark('to_regclass'); RETURN pg_catalog.to_regclass($1); END$b$ $f$;
  EXECUTE $f$CREATE FUNCTION public.pg_notify(text, text) RETURNS void LANGUAGE plpgsql AS
    $b$BEGIN PERFORM public.capture_mark('pg_notify'); END$b$ $f$;
  EXECUTE $f$CREATE FUNCTION public.isfinite(timestamptz) RETURNS boolean LANGUAGE plpgsql AS
    $b$BEGIN PERFORM public.capture_mark('isfinite'); RETURN true; END$b$ $f$;
  -- Comparison and arithmetic operators on every type hexdb compares.
  FOREACH t IN ARRAY ARRAY['uuid', 'text', 'integer', 'bigint', 'smallint', 'date', 'timestamptz', 'boolean'] LOOP
    FOREACH op IN ARRAY ARRAY['=', '<>', '<', '>', '<=', '>=', '+', '-'] LOOP
      CONTINUE WHEN op IN ('+', '-') AND t NOT IN ('integer', 'bigint', 'smallint');
      n := n + 1;
      ret := CASE WHEN op IN ('+', '-') THEN t ELSE 'boolean' END;
      EXECUTE format($f$CREATE FUNCTION public.capture_op_%s(a %s, b %s) RETURNS %s LANGUAGE plpgsql AS
        $b$BEGIN PERFORM public.capture_mark(%L); RETURN a OPERATOR(pg_catalog.%s) b; END$b$ $f$,
        n, t, t, ret, op || ' ' || t, op);
      EXECUTE format('CREATE OPERATOR public.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = public.capture_op_%s)',
                     op, t, t, n);
    END LOOP;
  END LOOP;
  CREATE FUNCTION public.capture_neg(a bigint) RETURNS bigint LANGUAGE plpgsql AS
    $b$BEGIN PERFORM public.capture_mark('- bigint'); RETURN OPERATOR(pg_catalog.-) a; END$b$;
  CREATE OPERATOR public.- (RIGHTARG = bigint, FUNCTION = public.capture_neg);
END $do$;
-- The look-alikes do capture an unqualified call (the test can fail).
SET search_path = public, pg_catalog;
SELECT lower('X') AS lowered, hexdb.uuid_nil() = hexdb.uuid_nil() AS equal;
SELECT string_agg(what, ', ' ORDER BY what) AS captured_by_plain_sql FROM public.captured;
TRUNCATE public.captured;

SET hexdb.password_cost = 4;
BEGIN;
SET LOCAL track_functions = 'all';
-- setup() (and the definer-function ownership it hands on) and grant_app() under the look-alikes.
SELECT hexdb.setup() IS NOT NULL AS set_up;
CREATE ROLE hexdb_capture_app;
SELECT hexdb.grant_app('hexdb_capture_app'), hexdb.grant_app('hexdb_capture_app', read_only => true);
SELECT hexdb.create_user('Capture@Example.com', 'capture', 'pw', '2000-01-01') AS c1 \gset
SELECT hexdb.create_user('capture2@example.com', 'capture2', 'pw', '2000-01-01') AS c2 \gset
SELECT hexdb.check_password('CAPTURE@example.com', 'pw') OPERATOR(pg_catalog.=) :'c1' AS verified,
       hexdb.check_password('nobody@example.com', 'pw') IS NULL AS unknown,
       hexdb.password_stand_in_kind() IS NOT NULL AS stand_in;
SELECT hexdb.request_friendship(:'c1', :'c2'), hexdb.respond_friendship(:'c2', :'c1', true),
       (SELECT count(*) FROM hexdb.friends(:'c1')) AS friends,
       hexdb.remove_friendship(:'c1', :'c2'), hexdb.block_user(:'c1', :'c2') IS NULL AS blocked,
       hexdb.remove_friendship(:'c1', :'c2') AS unblocked;
SELECT hexdb.submit_score(:'c1', 5, '2026-02-03') > 0 AS scored, hexdb.submit_score(:'c2', 7, '2026-02-04') > 0 AS scored2;
SELECT (SELECT count(*) FROM hexdb.monthly_leaderboard(2026, 2)) AS board,
       (SELECT rank FROM hexdb.monthly_rank(:'c1', 2026, 2)) AS rank,
       (SELECT count(*) FROM hexdb.leaderboard_around(:'c1', 2026, 2)) AS around,
       (SELECT count(*) FROM hexdb.friends_leaderboard(:'c1', 2026, 2)) AS friends_board;
SELECT hexdb.configure_monthly('Asia/Seoul', 'sum') >= 0 AS configured, hexdb.configure_monthly('UTC', 'best') >= 0 AS restored,
       hexdb.rebuild_monthly_scores() >= 0 AS rebuilt, hexdb.monthly_scores_drift() AS drift;
INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at, imported)
  VALUES (2020, 1, :'c1', 3, '2020-01-05', true), (2020, 2, :'c1', 3, '2020-02-05', true);
INSERT INTO hexdb.monthly_scores (year, month, user_id, score, achieved_at, imported, imported_score, imported_at)
  VALUES (2020, 3, :'c1', 3, '2020-03-05', true, 3, '2020-03-05');
SELECT hexdb.record_visit(:'c1', '2026-02-03') AS visits,
       (SELECT users FROM hexdb.daily_active_users('2026-02-03', '2026-02-03')) AS active;
SELECT hexdb.uuid_version(hexdb.uuid_generate_v4()) AS v4, hexdb.uuid_version(hexdb.uuid_generate_v7()) AS v7,
       hexdb.uuid_timestamp(hexdb.uuid_generate_v7('2026-01-01Z')) AS ts,
       hexdb.uuid_v7_boundary('2026-01-01Z') IS NOT NULL AS boundary,
       hexdb.uuid_version(hexdb.uuid_generate_v5(hexdb.uuid_ns_dns(), 'x')) AS v5,
       hexdb.is_email('a@b') AS is_email, hexdb.import_int('12') AS i, hexdb.import_date('2026-01-02') AS d,
       hexdb.import_datetime('2026-01-02 03:04:05') AS dt, hexdb.is_password_hash('x') AS hash,
       hexdb.hash_password('x') IS NOT NULL AS hashed, hexdb.import_orphan_reason('user_id', 7) AS reason,
       hexdb.import_password_reject('$2b$12$short') IS NOT NULL AS rejected,
       hexdb.boundary_selftest('ok') AS selftest;
SELECT hexdb.import_advance_sequence('hexdb.scores_id_seq', 1) IS NULL AS advanced,
       hexdb.current_month('2026-02-03Z') AS current_month;
SELECT count(*) AS import_tables FROM hexdb.import_legacy();
SELECT count(*) AS checks FROM hexdb.check_integrity();
SELECT hexdb.delete_user(:'c1') AS deleted, hexdb.delete_user(:'c2') AS deleted2;
RESET search_path;
-- Nothing of public ran.
SELECT count(*) AS captured_calls, string_agg(DISTINCT what, ', ') AS captured FROM public.captured;
SELECT DISTINCT what, stack AS captured_from FROM public.captured;
-- Every hexdb function ran in this transaction (those with standard SQL bodies are bound
-- at creation and inlined, so PostgreSQL does not count their calls).
SELECT p.oid::regprocedure AS not_called
  FROM pg_proc p
 WHERE p.pronamespace = 'hexdb'::regnamespace AND p.prosqlbody IS NULL
   AND NOT EXISTS (SELECT FROM pg_stat_xact_user_functions s WHERE s.funcid = p.oid)
 ORDER BY 1;
ROLLBACK;
RESET hexdb.password_cost;
SET client_min_messages = warning;  -- the cascades to the operators come in no fixed order
DROP TABLE public.captured;
DROP FUNCTION public.capture_mark(text) CASCADE;
DO $$
DECLARE f regprocedure;
BEGIN
  FOR f IN SELECT p.oid FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
              AND (p.proname LIKE 'capture\_%' OR p.proname IN ('lower', 'now', 'substr', 'char_length', 'format',
                                                               'generate_series', 'to_regclass', 'pg_notify', 'isfinite'))
  LOOP
    EXECUTE format('DROP FUNCTION %s CASCADE', f);
  END LOOP;
END $$;
RESET client_min_messages;
