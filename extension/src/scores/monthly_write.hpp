// Statements that write hexdb.monthly_scores, each for a whole batch of (year, month, user)
// rows passed as arrays, in primary-key order (so that two writers lock rows in the same
// order). Called with SPI connected. May throw (PgError, SqlError).
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/relcache.h"
}

#include <vector>

#include "core/scores/monthly_aggregate.hpp"

namespace hexdb::monthly {

using Group = std::pair<Key, Value>;

// INSERT ... ON CONFLICT DO UPDATE that folds each value into the row as combine() would,
// atomically against concurrent writers of the same row. `groups` sorted by key. A month's
// run of new rows into a month that had none is one plain INSERT instead, written without SQL
// where monthly_direct.hpp allows it for a statement on `scores` (nullptr: never).
void combine_rows(Relation scores, Aggregate a, const std::vector<Group>& groups);

// Sets rows to exactly these values (insert or update; unchanged rows are not written).
// Returns the rows written.
int64_t set_rows(const std::vector<Group>& groups);

// Deletes these rows unless they carry imported history. Returns the rows deleted.
int64_t delete_rows(const std::vector<Key>& keys);

// A row as it is, locked FOR UPDATE.
struct Current {
  Key key;
  Value value;
  bool imported;
  Value base;  // the imported history's own score and time, when imported
};
// Locks the existing rows among `keys` (sorted) and returns them in key order.
std::vector<Current> lock_rows(const std::vector<Key>& keys);

// Folds, for each key, the scores of that user in that month (in the configured zone) as
// they are now, on top of start[i] when it has a value. Returns one optional per key.
std::vector<std::optional<Value>> recompute(Aggregate a, const std::vector<Key>& keys,
                                            std::vector<std::optional<Value>> start);

}  // namespace hexdb::monthly
