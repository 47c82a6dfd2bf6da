-- The C++/PostgreSQL boundary (extension/src/pg/boundary.hpp): a C++ exception becomes an
-- ERROR and the session goes on; a PostgreSQL ERROR raised under live C++ objects keeps its
-- SQLSTATE and still runs their destructors.
\i test/regress/sql/include/expect_error.psql

SELECT hexdb.boundary_selftest('destructors')::int AS destructors_before \gset
SELECT pg_temp.expect_error($$SELECT hexdb.boundary_selftest('cpp_exception')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.boundary_selftest('sql_error')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.boundary_selftest('bad_alloc')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.boundary_selftest('pg_error')$$);
SELECT pg_temp.expect_error($$SELECT hexdb.boundary_selftest('no such mode')$$);
-- Five failures, five destructors: nothing was skipped by a longjmp.
SELECT hexdb.boundary_selftest('destructors')::int - :destructors_before AS destructors_run;

-- The error reaches the client directly too, with detail and hint, and the session goes on.
\set VERBOSITY default
SELECT hexdb.boundary_selftest('sql_error');
SELECT hexdb.boundary_selftest('pg_error');
SELECT hexdb.boundary_selftest('ok');

-- A failure inside a transaction aborts only that transaction.
BEGIN;
SELECT hexdb.boundary_selftest('cpp_exception');
SELECT 1;
ROLLBACK;
SELECT hexdb.boundary_selftest('ok') AS after_rollback;

-- Ordinary users may not run the diagnostics.
CREATE ROLE hexdb_boundary_nobody;
SET ROLE hexdb_boundary_nobody;
SELECT pg_temp.expect_error($$SELECT hexdb.boundary_selftest('ok')$$);
RESET ROLE;
DROP ROLE hexdb_boundary_nobody;
