// The refusal of a write that names a user who does not exist: the functions that insert a
// user's rows (submit_score, record_visit) turn the foreign key's violation into SPEC.md's
// 23503 "user ... does not exist".
#pragma once

#include "pg/boundary.hpp"

namespace hexdb::users {
// Throws SqlError 23503 "user USER_TEXT does not exist" when e is the violation of constraint;
// returns otherwise (the caller rethrows e). May throw.
void rethrow_unknown_user(const PgError& e, const char* constraint, const char* user_text, const char* what);
}  // namespace hexdb::users
