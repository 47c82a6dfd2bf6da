// submit_score's INSERT into hexdb.scores without an SQL statement.
//
// Through SQL, one score was an INSERT (executor start-up, its transition table, the foreign
// key's query, then scores' statement trigger with its SECURITY DEFINER switch). Here the
// user's row is locked as the foreign key's check locks it (pg/referenced_row.hpp), the score
// row written through the table AM with its id from the identity sequence, every index and
// CHECK kept (pg/direct_rows.hpp), then folded into monthly_scores as the trigger would, as
// the trigger's owner (scores/monthly_direct.hpp).
//
// Taken only where that is the same as the SQL statement, else submit_score runs the SQL:
//   - what open_direct requires (READ COMMITTED, a read-write transaction, origin mode, no
//     rules or row-level security, SELECT and INSERT on scores);
//   - scores has the columns setup() made, id an identity column and no other default than
//     created_at's (which the call always gives);
//   - one foreign key, user_id to the primary key of its table, NOT DEFERRABLE and enforced;
//   - the triggers that fire on INSERT are that foreign key's check and one AFTER INSERT
//     statement trigger with a transition table calling hexdb's scores_monthly_trigger, whose
//     only settings are search_path (a studio's own trigger sees its statement by SQL).
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
