// What a foreign key's check does for a new row (ri_triggers.c's SELECT 1 FROM ONLY pk WHERE
// key = $1 FOR KEY SHARE), without its SQL query: for a row written through the table AM
// (pg/direct_rows.hpp) whose table's foreign key would otherwise check it. May elog.
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/relcache.h"
}

namespace hexdb::pg {

enum class Referenced {
  kLocked,   // the row exists and this transaction holds it KEY SHARE until it ends
  kMissing,  // no row has the key: the foreign key's violation
  kUnsure,   // a state the check's SQL would settle some other way: let it (nothing was written)
};

// The row of `table` whose key in `unique_index` (a one-column btree) equals `value`, as a
// fresh snapshot sees it (what the check sees at READ COMMITTED), locked KEY SHARE in its
// latest version: a concurrent update of other columns does not make this wait, a concurrent
// delete or key change does, and a committed one means kMissing, as the check's re-check
// would find. Both relations open and locked by the caller. May elog.
Referenced lock_referenced(Relation table, Relation unique_index, Datum value);

}  // namespace hexdb::pg
