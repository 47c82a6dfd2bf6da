#include "scores/index_deferral.hpp"

extern "C" {
#include "access/table.h"
#include "nodes/pg_list.h"
#include "storage/lmgr.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

#include "pg/compat.hpp"
#include "pg/index_rebuild.hpp"

namespace hexdb::monthly {

namespace {

// The indexes deferred now, and whether a writer left entries out of each.
constexpr int kMax = kMaxScoresIndexes + 3;  // monthly_scores' two, monthly_score_counts' one
Oid deferred_index[kMax];
bool left_out[kMax];
int deferred_count = 0;

// May elog. The table's primary key (InvalidOid: none).
Oid primary_key(Oid relid) {
  Relation rel = table_open(relid, NoLock);
  Oid key = pg::compat::primary_key_index(rel);
  table_close(rel, NoLock);
  return key;
}

// May elog. Into deferred_index: every index of scores (up to kMaxScoresIndexes) when fresh[0],
// monthly_scores' rank index and primary key when fresh[1], the counts' primary key when fresh[2].
void list_indexes(Relation scores, const Oid (&tables)[3], const bool (&fresh)[3]) {
  deferred_count = 0;
  auto add = [](Oid index) {
    if (OidIsValid(index)) left_out[deferred_count] = false, deferred_index[deferred_count++] = index;
  };
  if (fresh[0]) {
    List* all = RelationGetIndexList(scores);
    ListCell* lc;
    foreach (lc, all)
      if (deferred_count < kMaxScoresIndexes) add(lfirst_oid(lc));
    list_free(all);
  }
  if (fresh[1]) add(get_relname_relid("monthly_scores_rank_idx", RelationGetNamespace(scores))), add(primary_key(tables[1]));
  if (fresh[2]) add(primary_key(tables[2]));
}

}  // namespace

bool IndexDeferral::begin(Relation scores) {
  Oid ns = RelationGetNamespace(scores);
  const Oid tables[3] = {RelationGetRelid(scores), get_relname_relid("monthly_scores", ns),
                         get_relname_relid("monthly_score_counts", ns)};
  if (!OidIsValid(tables[1]) || !OidIsValid(tables[2])) return false;
  LockRelationOid(tables[1], RowExclusiveLock);  // the lock their writes take anyway
  LockRelationOid(tables[2], RowExclusiveLock);
  bool fresh[3];
  for (int i = 0; i < 3; ++i) fresh[i] = pg::never_written(tables[i]);
  if (!(fresh[0] || fresh[1] || fresh[2])) return false;
  list_indexes(scores, tables, fresh);
  if (!pg::claim_for_rebuild(tables, fresh, 3, deferred_index, deferred_count)) {
    deferred_count = 0;
    return false;
  }
  return fresh[0];
}

IndexDeferral::~IndexDeferral() { deferred_count = 0; }

void IndexDeferral::rebuild() {
  Oid rebuild[kMax];
  int n = 0;
  for (int i = 0; i < deferred_count; ++i)
    if (left_out[i]) rebuild[n++] = deferred_index[i];
  deferred_count = 0;
  for (int i = 0; i < n; ++i) pg::rebuild_index(rebuild[i]);
}

bool deferred(Oid index) {
  for (int i = 0; i < deferred_count; ++i)
    if (deferred_index[i] == index) return true;
  return false;
}

void skipped(Oid index) {
  for (int i = 0; i < deferred_count; ++i)
    if (deferred_index[i] == index) left_out[i] = true;
}

}  // namespace hexdb::monthly
