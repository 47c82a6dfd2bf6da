// Where a walk of the pending rank-count changes starts (hexdb.monthly_score_folded).
//
// Pending rows are keyed by the top-level transaction that wrote them, so the rows each
// compaction deletes are the old end of their index: dead entries that a walk from the start
// would step over until a VACUUM, which runs at most once a minute. A compaction records the
// oldest transaction still running in a snapshot taken before it reads the pending rows
// (rank_deltas.cpp): every transaction before that one had ended, so each of its rows was
// either visible to the compaction, and folded, or rolled back. Its readers, and the next
// compaction, start there. The mark is a row, read in the reader's snapshot like the counts:
// a snapshot that does not see a compaction does not see its mark either.
#pragma once

extern "C" {
#include "postgres.h"
#include "access/transam.h"
#include "utils/relcache.h"
#include "utils/snapshot.h"
}

namespace hexdb::monthly {

// The mark as `snapshot` sees it in `folded` (hexdb.monthly_score_folded, whose folded_before
// is column `column`): the least of its rows' folded_before, each counted only if its writer could have set it (it is no later than
// the transaction that wrote the row: a row a restore copied from another cluster, whose
// transaction ids mean nothing here, counts for nothing). Zero, walk everything, when no row
// counts. May elog.
FullTransactionId pending_from(Relation folded, AttrNumber column, Snapshot snapshot);

// The mark as the latest snapshot sees it, for a compaction (the lock held). May elog.
FullTransactionId latest_pending_from();

// The mark a compaction that reads the pending rows from now on may set: the oldest
// transaction running in a fresh snapshot. May elog.
FullTransactionId foldable_before();

// Records `mark`, with SPI connected and the compaction lock held. May elog.
void set_pending_from(FullTransactionId mark);

}  // namespace hexdb::monthly
