// Which indexes of scores, monthly_scores and monthly_score_counts a bulk load of scores
// (insert_scores_direct) leaves to one rebuild after the load (pg/index_rebuild.hpp) instead of
// adding its entries one at a time: those of each table that has never held a row (a fresh
// setup(), an import's common case): every index of scores, monthly_scores' rank index and
// primary key, the rank counts' primary key.
//
// Nothing reads through such an index before its rebuild but the load itself, and the load
// reads a key only before writing it. A unique index must also stop another session's
// duplicate, though, which cannot see entries that are not there. So the load first claims
// the three tables and those indexes (pg::claim_for_rebuild), without waiting: new writers
// then wait until this transaction ends, and so do readers of those indexes (they would find
// the tables empty). Where another session holds a conflicting lock, nothing is claimed and
// nothing deferred. The rebuild checks uniqueness as CREATE UNIQUE INDEX does.
#pragma once

extern "C" {
#include "postgres.h"
#include "utils/relcache.h"
}

namespace hexdb::monthly {

// Indexes of scores past these are kept row by row.
constexpr int kMaxScoresIndexes = 16;

// Begun for a load into `scores` before it writes a row; destroyed without rebuild() (an
// error, which rolls the transaction back) it only stops deferring.
class IndexDeferral {
 public:
  IndexDeferral() = default;
  ~IndexDeferral();
  IndexDeferral(const IndexDeferral&) = delete;
  IndexDeferral& operator=(const IndexDeferral&) = delete;
  // Whether scores has never held a row (and its indexes are deferred). May elog.
  bool begin(Relation scores);
  void rebuild();  // May elog.
};

// Whether a bulk writer leaves out the entries of `index` now. Never elogs.
bool deferred(Oid index);

// A bulk writer left out entries of `index`, which deferred() allowed: rebuild() builds it.
void skipped(Oid index);

}  // namespace hexdb::monthly
