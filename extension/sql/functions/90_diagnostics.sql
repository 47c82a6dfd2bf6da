-- Diagnostics.

CREATE OR REPLACE FUNCTION hexdb.boundary_selftest(mode text) RETURNS text
  AS 'MODULE_PATHNAME', 'hexdb_boundary_selftest'
  LANGUAGE C VOLATILE STRICT;
REVOKE ALL ON FUNCTION hexdb.boundary_selftest(text) FROM PUBLIC;
COMMENT ON FUNCTION hexdb.boundary_selftest(text) IS
  'Proves the C++/PostgreSQL error boundary: modes cpp_exception, sql_error, bad_alloc, pg_error, destructors, ok';
