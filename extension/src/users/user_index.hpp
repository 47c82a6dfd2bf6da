// Whether hexdb.users has a user, by a probe of its primary key index: the friendship trigger
// and the reads that answer 23503 for an unknown user ask this for every call, where an SPI
// query cost more than the rest of the work. Every function may elog; none throws.
#pragma once

extern "C" {
#include "postgres.h"
#include "access/genam.h"
#include "executor/tuptable.h"
#include "utils/relcache.h"
}

namespace hexdb::users {

struct UserIndex {
  Relation users;
  Relation pkey;
  TupleTableSlot* slot;
  IndexScanDesc scan;  // begun on the first probe, rescanned by the next ones
};

// Opens hexdb.users and its primary key, which must be user_id (uuid) alone (42P16 otherwise:
// the table is the studio's, and a key moved elsewhere would be compared as uuids).
UserIndex open_user_index();
// As the active snapshot sees it.
bool user_exists(UserIndex& index, Datum user_id);
// The same probe, leaving the user's row in index.slot when there is one.
bool fetch_user(UserIndex& index, Datum user_id);
void close_user_index(UserIndex& index);

}  // namespace hexdb::users
