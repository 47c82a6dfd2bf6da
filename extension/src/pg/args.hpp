// Argument checks of hexdb's SQL functions: one message shape and one SQLSTATE per refusal.
// Every function here may elog; call them before any C++ object exists in the frame, or
// inside pg::call.
#pragma once

extern "C" {
#include "postgres.h"
#include "fmgr.h"
}

#include <string_view>

#include "core/uuid/uuid_layout.hpp"

namespace hexdb::pg {

// Names the rule a refusal enforces, inside ereport(ERROR, (..., rule("month_range",
// "monthly_scores"))): the error's constraint field, and schema hexdb and the table when given.
// A driver reads them (psycopg2: e.diag.constraint_name) to tell the rules apart.
int rule(const char* constraint, const char* table = nullptr);

// 22004 "NAME must not be NULL": the one refusal of a NULL where a value is needed, for
// arguments and for columns a trigger reads.
[[noreturn]] void refuse_null(const char* name);

// Refuses a NULL argument i (22004), naming it.
void require(FunctionCallInfo fcinfo, int i, const char* name);
// Refuses a NULL among the first n arguments, naming it.
void require_all(FunctionCallInfo fcinfo, int n, const char* const* names);

// 22023 unless value >= min (constraint NAME_at_least).
void at_least(int64 value, int64 min, const char* name);

// Argument i, refused when NULL: a view of its text (valid for the call), or its UUID.
std::string_view text_arg(FunctionCallInfo fcinfo, int i, const char* name);
uuid::Bytes uuid_arg(FunctionCallInfo fcinfo, int i, const char* name);

}  // namespace hexdb::pg
