-- Diagnostics.

CREATE FUNCTION hexdb.boundary_selftest(mode text) RETURNS text
  AS 'MODULE_PATHNAME', 'hexdb_boundary_selftest'
  LANGUAGE C VOLATILE STRICT;
REVOKE ALL ON FUNCTION hexdb.boundary_selftest(text) FROM PUBLIC;
COMMENT ON FUNCTION hexdb.boundary_selftest(text) IS
  'Proves the C++/PostgreSQL error boundary: modes cpp_exception, sql_error, bad_alloc, pg_error, exception_in_call, error_context, rule, lost_copy, destructors, ok';

CREATE FUNCTION hexdb.password_stand_in_kind() RETURNS text
  AS 'MODULE_PATHNAME', 'hexdb_password_stand_in_kind'
  LANGUAGE C VOLATILE;
REVOKE ALL ON FUNCTION hexdb.password_stand_in_kind() FROM PUBLIC;
COMMENT ON FUNCTION hexdb.password_stand_in_kind() IS
  'The method and cost (e.g. $2b$04) of the stand-in hash check_password verifies for an unknown email: the most common among stored hashes';
