// The refusal of a call that names a user who does not exist (SPEC.md: 23503, reads
// included), constraint user_unknown, table users: the functions that insert a user's rows
// (submit_score, record_visit) turn the foreign key's violation into it; the reads ask first.
#pragma once

extern "C" {
#include "postgres.h"
#include "fmgr.h"
}

#include "pg/boundary.hpp"

namespace hexdb::users {
// Throws SqlError 23503 "user USER_TEXT does not exist" when e is the violation of constraint;
// returns otherwise (the caller rethrows e). May throw.
// Throws that SqlError. May throw.
[[noreturn]] void refuse_unknown_user(const char* user_text, const char* what);
void rethrow_unknown_user(const PgError& e, const char* constraint, const char* user_text, const char* what);

// 23503 (user_unknown) unless hexdb.users has the user, as the active snapshot sees it: a
// probe of the primary key. May elog.
void require_user(Datum user_id);
}  // namespace hexdb::users
