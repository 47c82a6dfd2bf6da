// What a foreign key's check does for a new row (ri_triggers.c's SELECT 1 FROM ONLY pk WHERE
// key = $1 FOR KEY SHARE), without its SQL query: for a row written through the table AM
// (pg/direct_rows.hpp) whose table's foreign key would otherwise check it. May elog.
#pragma once

extern "C" {
#include "postgres.h"
#include "commands/trigger.h"
#include "utils/relcache.h"
}

namespace hexdb::pg {

enum class Referenced {
  kLocked,   // the row exists and this transaction holds it KEY SHARE until it ends
  kMissing,  // no row has the key: the foreign key's violation
  kUnsure,   // a state the check's SQL would settle some other way: let it (nothing was written)
};

// A foreign key whose check lock_key can stand in for: on one column alone, NOT DEFERRABLE,
// enforced, to the primary key of its table, compared with that key's own equality (the same
// type), btree.
struct ForeignKey {
  Oid constraint = InvalidOid;
  Oid table = InvalidOid;  // the referenced table
  Oid index = InvalidOid;  // its primary key
};

// rel's foreign keys, when they are exactly one such key on each of columns[0..n) (out[i] for
// columns[i]) and no other; false otherwise. May elog.
bool foreign_keys(Relation rel, const AttrNumber* columns, int n, ForeignKey* out);
inline bool single_foreign_key(Relation rel, AttrNumber column, ForeignKey* out) {
  return foreign_keys(rel, &column, 1, out);
}

// Whether every trigger that fires on INSERT in origin mode is one of fks[0..n)'s checks or
// one that `ours` accepts (nullptr: none). May elog.
bool insert_triggers_are(Relation rel, const ForeignKey* fks, int n, bool (*ours)(const Trigger& t) = nullptr);

// The check for one new row's key: the row of fk.table whose primary key equals `value`, as a
// fresh snapshot sees it (what the check sees at READ COMMITTED), locked KEY SHARE in its
// latest version: a concurrent update of other columns does not make this wait, a concurrent
// delete or key change does, and a committed one means kMissing, as the check's re-check
// would find. A row this transaction inserted is not locked (no other can see it). kUnsure
// when the referenced table's primary key is no longer fk.index (the caller examines again).
// May elog.
Referenced lock_key(const ForeignKey& fk, Datum value);

// lock_key for each of n keys (a bulk insert's distinct ones, sorted in the key's order so that
// two such inserts lock in the same order), the relations opened and the equality looked up
// once; stops at the first that is not kLocked, its position in *failed. Many keys beside the
// table's pages are found by one scan of it in one fresh snapshot (a join, not a probe each),
// then locked in key order. May elog.
Referenced lock_keys(const ForeignKey& fk, const Datum* values, size_t n, size_t* failed);

}  // namespace hexdb::pg
