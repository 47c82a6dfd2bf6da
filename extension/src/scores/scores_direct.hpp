// hexdb.scores written without an SQL statement: what an INSERT into it does, by the table AM.
//
// Through SQL, an INSERT runs the executor, the foreign key's query per row, then scores'
// statement trigger with its transition table. Here the users are locked as the foreign key's
// check locks them (pg/referenced_row.hpp), the rows written through the table AM, every index
// and CHECK kept (pg/direct_rows.hpp), then folded into monthly_scores as the trigger would,
// as the trigger's owner (scores/monthly_direct.hpp). submit_direct writes one row this way,
// insert_scores_direct an import's many.
//
// Taken only where that is the same as the SQL statement, else the caller runs the SQL:
//   - what open_direct requires (READ COMMITTED, a read-write transaction, origin mode, no
//     rules or row-level security, SELECT and INSERT on scores);
//   - scores has the columns setup() made, id an identity column by default and no other
//     default than created_at's (which every caller gives);
//   - one foreign key, user_id to the primary key of its table, NOT DEFERRABLE and enforced;
//   - the triggers that fire on INSERT are that foreign key's check and one AFTER INSERT
//     statement trigger with a transition table calling hexdb's scores_monthly_trigger, whose
//     only settings are search_path (a studio's own trigger sees its statement by SQL).
// Every function here may elog.
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/relcache.h"
}

#include "pg/direct_rows.hpp"
#include "pg/referenced_row.hpp"

namespace hexdb::scores::direct {

enum Column { kId, kUser, kScore, kAt, kLegacy, kColumnCount };

// hexdb.scores opened and locked for direct writes (closed by end_direct), or nullptr.
// CommandCounterIncrement first, as SPI does before each statement: rows an earlier call wrote
// in this same command become visible to this one, to lock and fold into.
Relation open();
const pg::DirectTable* table();
// The table's attribute number of c, valid after open() returned a relation.
AttrNumber column(Column c);
// id's identity sequence.
Oid id_sequence();

// The foreign key's check for one user; kUnsure when the key moved since the examination (it
// is done again next time: the caller then runs the SQL).
pg::Referenced lock_user(Datum user);
// user_id's foreign key, as examined; forget() makes the next open() examine again.
const pg::ForeignKey& users_key();
void forget();

// For the monthly fold: the trigger's identity, SECURITY DEFINER as fmgr would switch to it.
class AsTriggerOwner {
 public:
  AsTriggerOwner();
  ~AsTriggerOwner();
  AsTriggerOwner(const AsTriggerOwner&) = delete;
  AsTriggerOwner& operator=(const AsTriggerOwner&) = delete;

 private:
  Oid user_;
  int context_;
};

}  // namespace hexdb::scores::direct
