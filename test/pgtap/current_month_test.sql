-- pgTAP: hexdb.current_month(), the default month of the boards, follows the time zone
-- configure_monthly set, not the session's.
BEGIN;
SELECT plan(7);

SELECT function_returns('hexdb', 'current_month', ARRAY['timestamp with time zone'], 'date');
SELECT is((SELECT provolatile FROM pg_proc WHERE oid = 'hexdb.current_month(timestamptz)'::regprocedure), 's',
          'current_month is STABLE');
SELECT ok((SELECT proconfig FROM pg_proc WHERE oid = 'hexdb.current_month(timestamptz)'::regprocedure)
          @> ARRAY['search_path=pg_catalog, pg_temp'], 'current_month pins search_path');

SET LOCAL TimeZone = 'America/Los_Angeles';
SELECT is(hexdb.current_month('2026-01-31 23:30:00+00'), '2026-01-01'::date, 'UTC by default: 23:30 UTC on Jan 31 is January');
SELECT hexdb.configure_monthly('Asia/Seoul');
SELECT is(hexdb.current_month('2026-01-31 23:30:00+00'), '2026-02-01'::date,
          'Asia/Seoul: 23:30 UTC on Jan 31 is already February (08:30 KST), whatever the session zone');
SELECT is(hexdb.current_month('2026-02-28 14:59:59+00'), '2026-02-01'::date, 'Asia/Seoul: 23:59:59 KST on Feb 28 is still February');
SELECT is(hexdb.current_month(), (date_trunc('month', now() AT TIME ZONE 'Asia/Seoul'))::date, 'no argument: now');

SELECT * FROM finish();
ROLLBACK;
