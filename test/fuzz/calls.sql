-- The fuzzer's SQL side (test/fuzz/fuzz.t): every hexdb function, found in the catalog, called
-- with its arguments varied one at a time over hostile values of their types, and every
-- trigger function fired every way on tables of the wrong shape. Each call runs in its own
-- subtransaction, rolled back even on success, so the database stays as populated.
-- Results go to fuzz_results(target, sqlstate, message).
SET client_min_messages = warning;
SET hexdb.password_cost = 4;
CREATE TEMP TABLE fuzz_results (target text, call text, sqlstate text, message text);

-- Hostile values per type, as SQL expressions; the first of each list is a valid base value.
CREATE TEMP TABLE fuzz_values (typ regtype, expr text, ord int);
INSERT INTO fuzz_values
SELECT t::regtype, v, o FROM (VALUES
  ('uuid', ARRAY[(SELECT quote_literal(user_id) || '::uuid' FROM hexdb.users ORDER BY user_id LIMIT 1),
                 'NULL::uuid', 'hexdb.uuid_nil()', $$'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid$$,
                 'hexdb.uuid_generate_v4()', (SELECT quote_literal(user_id) || '::uuid' FROM hexdb.users ORDER BY user_id DESC LIMIT 1)]),
  ('text', ARRAY[$$'fuzz@example.com'$$, 'NULL::text', $$''$$, $$repeat('x', 1048576)$$, $$repeat('가', 300000)$$,
                 $$E'a\u3000b@c.com'$$, $$E'\u202e\ufeff\u200b'$$, $$chr(1114111) || chr(65533)$$, $$E'@\t@'$$,
                 $$'UTC'$$, $$'Nowhere/Zone'$$, $$'+99:99'$$, $$'best'$$, $$'sum'$$, $$'pending'$$, $$'blocked'$$,
                 $$'$2b$31$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234'$$, $$'$6$rounds=999999999$x$'$$,
                 $$'0000-00-00 00:00:00'$$, $$'-2147483649'$$, $$'cpp'$$]),
  ('integer', ARRAY['2026', 'NULL::int', '0', '-1', '1', '12', '13', '294276', '2147483647', '(-2147483647 - 1)']),
  ('bigint', ARRAY['10', 'NULL::bigint', '0', '-1', '9223372036854775807', '(-9223372036854775807 - 1)']),
  ('smallint', ARRAY['1', 'NULL::smallint', '32767', '(-32768)::smallint']),
  ('boolean', ARRAY['true', 'NULL::boolean', 'false']),
  ('date', ARRAY[$$'2026-03-01'::date$$, 'NULL::date', $$'infinity'::date$$, $$'-infinity'::date$$,
                 $$'0001-01-01'::date$$, $$'294276-12-31'::date$$, $$'4713-01-01 BC'::date$$, $$'5874897-12-31'::date$$]),
  ('timestamp with time zone', ARRAY[$$'2026-03-01 12:00Z'::timestamptz$$, 'NULL::timestamptz',
                 $$'infinity'::timestamptz$$, $$'-infinity'::timestamptz$$, $$'0001-01-01 00:00Z'::timestamptz$$,
                 $$'294276-12-31 23:59:59Z'::timestamptz$$, $$'4713-01-01 00:00Z BC'::timestamptz$$]),
  ('regclass', ARRAY[$$'hexdb.scores_id_seq'::regclass$$, 'NULL::regclass', $$'pg_class'::regclass$$]),
  ('name', ARRAY[$$'fuzz_nobody'::name$$, 'NULL::name', $$'no such role'::name$$, $$current_user$$]),
  ('oid', ARRAY[$$(SELECT oid FROM pg_roles WHERE rolname = current_user)$$, 'NULL::oid', '0::oid', '4294967295::oid',
                $$'pg_class'::regclass::oid$$, $$(SELECT oid FROM pg_roles WHERE rolname = 'pg_monitor')$$])
) AS v(t, vals), unnest(v.vals) WITH ORDINALITY AS u(v, o);

-- Every call: the base values, all NULLs, then each argument varied over its type's values.
CREATE TEMP TABLE fuzz_calls AS
WITH fns AS (
  SELECT p.oid, p.proname, p.proargtypes::oid[] AS types, p.pronargs
    FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb'
   WHERE p.prorettype <> 'trigger'::regtype AND p.prokind = 'f'
     AND p.proname NOT IN ('boundary_selftest')),  -- raises XX000 on purpose (boundary.sql)
variants AS (
  SELECT f.oid, f.proname, f.types, -1 AS arg, 0 AS ord FROM fns f
  UNION ALL SELECT f.oid, f.proname, f.types, -2, 0 FROM fns f WHERE f.pronargs > 0
  UNION ALL
  SELECT f.oid, f.proname, f.types, a.i, v.ord
    FROM fns f, generate_subscripts(f.types, 1) a(i), fuzz_values v
   WHERE v.typ = f.types[a.i] AND v.ord > 1)
SELECT v.proname AS target,
       format('SELECT * FROM hexdb.%I(%s)', v.proname,
              coalesce((SELECT string_agg(
                          CASE WHEN v.arg = -2 THEN 'NULL::' || format_type(t.typ, NULL)
                               WHEN i = v.arg THEN (SELECT x.expr FROM fuzz_values x WHERE x.typ = t.typ AND x.ord = v.ord)
                               ELSE coalesce((SELECT x.expr FROM fuzz_values x WHERE x.typ = t.typ AND x.ord = 1),
                                             'NULL::' || format_type(t.typ, NULL)) END, ', ' ORDER BY i)
                          FROM unnest(v.types) WITH ORDINALITY AS t(typ, i)), '')) AS call
  FROM variants v;

-- Types of arguments the list above does not know: a new function needs values for them.
SELECT DISTINCT 'UNKNOWN_TYPE|' || format_type(t, NULL)
  FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb', unnest(p.proargtypes::oid[]) t
 WHERE NOT EXISTS (SELECT FROM fuzz_values v WHERE v.typ = t);

-- Trigger functions, fired every way on tables with the right column names but wrong types,
-- and on a table with none of them.
CREATE TEMP TABLE wrong_text (id text, requester_id text, receiver_id text, status text, updated_at text,
  user_id text, score text, created_at text, year text, month text, achieved_at text,
  imported_score text, imported_at text, imported text, timezone text, aggregate text);
CREATE TEMP TABLE wrong_int (id int, requester_id int, receiver_id int, status int, updated_at int,
  user_id int, score int, created_at int, year bigint, month bigint, achieved_at int,
  imported_score int, imported_at int, imported int, timezone int, aggregate int);
CREATE TEMP TABLE wrong_none (x int);
INSERT INTO fuzz_calls
SELECT 'trigger ' || p.proname,
       format($f$CREATE TRIGGER fuzz %s %s ON %s %s FOR EACH %s EXECUTE FUNCTION hexdb.%I();
                 INSERT INTO %3$s DEFAULT VALUES; UPDATE %3$s SET %6$s; DELETE FROM %3$s; %7$s$f$,
              timing, ev, tbl,
              CASE WHEN lvl = 'STATEMENT' AND timing = 'AFTER' AND ev IN ('INSERT', 'UPDATE', 'DELETE')
                   THEN CASE ev WHEN 'INSERT' THEN 'REFERENCING NEW TABLE AS n'
                                WHEN 'UPDATE' THEN 'REFERENCING OLD TABLE AS o NEW TABLE AS n'
                                ELSE 'REFERENCING OLD TABLE AS o' END ELSE '' END,
              lvl, p.proname,
              CASE tbl WHEN 'wrong_none' THEN 'x = 1' ELSE 'id = id' END,
              CASE WHEN ev = 'TRUNCATE' THEN format('TRUNCATE %s;', tbl) ELSE '' END)
  FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb',
       unnest(ARRAY['BEFORE', 'AFTER']) timing, unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) ev,
       unnest(ARRAY['ROW', 'STATEMENT']) lvl, unnest(ARRAY['wrong_text', 'wrong_int', 'wrong_none']) tbl
 WHERE p.prorettype = 'trigger'::regtype AND NOT (ev = 'TRUNCATE' AND lvl = 'ROW');
-- A row in each table, so that UPDATE and DELETE fire row triggers.
INSERT INTO wrong_text DEFAULT VALUES;
INSERT INTO wrong_int DEFAULT VALUES;
INSERT INTO wrong_none DEFAULT VALUES;

-- Each call, rolled back by a marker error when it succeeds.
DO $$
DECLARE c record; state text; msg text;
BEGIN
  FOR c IN SELECT * FROM fuzz_calls LOOP
    BEGIN
      SET LOCAL statement_timeout = '20s';
      EXECUTE c.call;
      RAISE EXCEPTION 'fuzz: rolled back' USING ERRCODE = 'HX000';
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
      INSERT INTO fuzz_results VALUES (c.target, left(c.call, 200), CASE state WHEN 'HX000' THEN 'ok' ELSE state END, left(msg, 200));
    END;
  END LOOP;
END $$;

-- What fuzz.t reads: one tagged line per finding.
SELECT 'INTERNAL|' || target || ': ' || sqlstate || ' ' || message || ' <- ' || call
  FROM fuzz_results WHERE sqlstate IN ('XX000', '57014', '58000');
SELECT 'SUMMARY|' || count(*) || ' calls of ' || count(DISTINCT target) || ' targets: '
       || count(*) FILTER (WHERE sqlstate = 'ok') || ' succeeded, '
       || count(*) FILTER (WHERE sqlstate <> 'ok') || ' refused with '
       || count(DISTINCT sqlstate) FILTER (WHERE sqlstate <> 'ok') || ' SQLSTATEs'
  FROM fuzz_results;
SELECT 'UNCALLED|' || p.proname
  FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'hexdb'
 WHERE p.proname <> 'boundary_selftest'
   AND NOT EXISTS (SELECT FROM fuzz_results r WHERE r.target IN (p.proname, 'trigger ' || p.proname));
