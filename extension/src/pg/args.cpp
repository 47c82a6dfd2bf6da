#include "pg/args.hpp"

#include "pg/datum.hpp"

namespace hexdb::pg {

int rule(const char* constraint, const char* table) {
  err_generic_string(PG_DIAG_CONSTRAINT_NAME, constraint);
  if (table) {
    err_generic_string(PG_DIAG_SCHEMA_NAME, "hexdb");
    err_generic_string(PG_DIAG_TABLE_NAME, table);
  }
  return 0;
}

void refuse_null(const char* name) {
  ereport(ERROR, (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("%s must not be NULL", name),
                  rule("not_null"), err_generic_string(PG_DIAG_COLUMN_NAME, name)));
  pg_unreachable();
}

void require(FunctionCallInfo fcinfo, int i, const char* name) {
  if (PG_ARGISNULL(i)) refuse_null(name);
}

void require_all(FunctionCallInfo fcinfo, int n, const char* const* names) {
  for (int i = 0; i < n; ++i) require(fcinfo, i, names[i]);
}

void at_least(int64 value, int64 min, const char* name) {
  if (value < min)
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("%s must be at least " INT64_FORMAT ", not " INT64_FORMAT, name, min, value),
                    rule(psprintf("%s_at_least", name))));
}

std::string_view text_arg(FunctionCallInfo fcinfo, int i, const char* name) {
  require(fcinfo, i, name);
  return text_view(PG_GETARG_DATUM(i));
}

uuid::Bytes uuid_arg(FunctionCallInfo fcinfo, int i, const char* name) {
  require(fcinfo, i, name);
  return uuid_bytes(PG_GETARG_DATUM(i));
}

}  // namespace hexdb::pg
