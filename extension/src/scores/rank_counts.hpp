// Rank counts (hexdb.monthly_score_counts): players per (year, month, level, bucket), and the
// one statement that adds deltas to them (rank_counts.cpp).
#pragma once

#include "core/scores/count_rows.hpp"

namespace hexdb::monthly {

// Adds the non-zero deltas to the table in key order, with SPI connected; returns the rows
// touched. Only a holder of the compaction lock (rank_deltas.hpp) writes the counts, so this
// never waits for another writer. May throw.
int64_t add_counts(const Deltas& all);
int64_t add_counts(const CountRows& sorted);

}  // namespace hexdb::monthly
