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
-- A C++ exception thrown inside pg::call's lambda is caught inside the PG_TRY block and
-- re-thrown after it: PostgreSQL's error stack is intact, so a later ERROR arrives as itself
-- (22012), not as a crash.
SELECT pg_temp.expect_error($$SELECT hexdb.boundary_selftest('exception_in_call')$$);
-- The ErrorData of an ERROR caught under SPI lives in the boundary's context, not SPI's,
-- which SPI_finish frees before the error is looked at.
SELECT hexdb.boundary_selftest('error_context');
-- The copies made inside a catch block never raise: when memory is short the error keeps its
-- SQLSTATE and says that its words were lost (the copy is made as on out-of-memory).
SELECT pg_temp.expect_error($$SELECT hexdb.boundary_selftest('lost_copy')$$);
-- A refusal names its rule and table in the error's fields.
\i test/regress/sql/include/expect_rule.psql
SELECT pg_temp.expect_rule($$SELECT hexdb.boundary_selftest('rule')$$);
-- Nine failures, nine destructors: nothing was skipped by a longjmp.
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
