// submit_score's INSERT into hexdb.scores without an SQL statement: one row, its id from the
// identity sequence, written where scores/scores_direct.hpp says that is the same as the SQL.
#pragma once

extern "C" {
#include "postgres.h"
#include "datatype/timestamp.h"
}

namespace hexdb::scores {

// Records (user, score, at) as submit_score's INSERT would and puts the new id in *id; false,
// with nothing written, where the SQL statement must run instead. Throws SqlError 23503
// (user_unknown, naming user_text) when the user does not exist. May throw.
bool submit_direct(Datum user, int64 score, TimestampTz at, const char* user_text, int64* id);

}  // namespace hexdb::scores
