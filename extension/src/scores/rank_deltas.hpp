// Pending rank-count changes (hexdb.monthly_score_deltas) and their compaction.
//
// A writer of monthly_scores never updates a shared count row: it appends one row per leaf
// bucket it changed (+n / -n), keyed by its transaction, to monthly_score_deltas, an
// insert-only table with no unique key, so no writer ever waits for another. Every so often a
// writer that wins a non-blocking advisory lock (pg_try_advisory_xact_lock's lock space, a key
// of its own) folds every pending row into monthly_score_counts: it deletes them and adds their
// sum to the counts in its own transaction, so a reader's snapshot sees either the rows or
// their sum, never both, never neither, and it moves the mark where the pending rows begin
// (pending_mark.hpp). Only the lock holder writes monthly_score_counts, so that writer waits
// for nobody either; a writer that loses the lock just appends. Readers add the pending rows
// of their month from the mark on (leaderboards.cpp): ranks are exact for the reader's
// snapshot, on a hot standby too, where nothing compacts and the primary's compactions are
// replayed.
#pragma once

#include "scores/rank_counts.hpp"

namespace hexdb::monthly {

// Records a statement's per-leaf changes (level 0 keys of `leaves`), with SPI connected:
// folds them straight into the counts when this transaction holds or wins the compaction
// lock and compaction is due, else appends them as pending rows. May throw.
void record_leaf_changes(const Deltas& leaves);
// The same for leaves already summed and sorted (summed_rows, core/scores/count_rows.hpp).
void record_leaf_changes(const CountRows& leaves);

// Takes the compaction lock, waiting for it (rebuilds, repairs). May elog.
void lock_compaction();

// Deletes the pending rows of the months in [from, to] ((year, month) pairs inclusive) and
// adds their level-0 sums to `leaves`. The caller holds the compaction lock. May throw.
void take_pending(int32_t y_from, int32_t m_from, int32_t y_to, int32_t m_to, Deltas& leaves);

// Adds the pending rows of those months to `leaves` without deleting them, in the caller's
// snapshot (read-only). May throw.
void read_pending(int32_t y_from, int32_t m_from, int32_t y_to, int32_t m_to, Deltas& leaves);

}  // namespace hexdb::monthly
