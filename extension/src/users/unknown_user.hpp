// Shared by the functions that write a user's rows (scores_submit.cpp, visits_functions.cpp).
#pragma once

#include "pg/boundary.hpp"

namespace hexdb {
// Throws SqlError 23503 "user ... does not exist" when e is the violation of that foreign key;
// returns otherwise (the caller rethrows e).
void rethrow_unknown_user(const PgError& e, const char* constraint, const char* user_text, const char* what);
}  // namespace hexdb
