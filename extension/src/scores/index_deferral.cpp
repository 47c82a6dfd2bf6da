#include "scores/index_deferral.hpp"

extern "C" {
#include "access/table.h"
#include "storage/lmgr.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

#include "pg/compat.hpp"
#include "pg/index_rebuild.hpp"

namespace hexdb::monthly {

namespace {

// The indexes deferred now, and whether a writer left entries out of each.
constexpr int kMax = 3;  // monthly_scores' two, monthly_score_counts' one
Oid deferred_index[kMax];
bool left_out[kMax];
int deferred_count = 0;

void defer(Oid index) {
  if (OidIsValid(index) && deferred_count < kMax) left_out[deferred_count] = false, deferred_index[deferred_count++] = index;
}

// May elog. Whether the table has never held a row; InvalidOid counts as not.
bool never_written(Oid relid) {
  if (!OidIsValid(relid)) return false;
  Relation rel = table_open(relid, NoLock);  // locked by the caller
  bool fresh = pg::never_written(rel);
  table_close(rel, NoLock);
  return fresh;
}

// May elog. Claims the three tables (see the header) without waiting: false, with nothing
// claimed, when another writer has one of them open. (Waiting could deadlock with a writer that
// holds one of them and goes on to write another.)
bool claim(const Oid (&tables)[3]) {
  int taken = 0;
  while (taken < 3 && ConditionalLockRelationOid(tables[taken], ShareLock)) ++taken;
  if (taken == 3) return true;
  while (taken > 0) UnlockRelationOid(tables[--taken], ShareLock);
  return false;
}

void let_go(const Oid (&tables)[3]) {
  for (Oid t : tables) UnlockRelationOid(t, ShareLock);
}

// May elog.
Oid primary_key(Oid relid) {
  Relation rel = table_open(relid, NoLock);
  Oid key = pg::compat::primary_key_index(rel);
  table_close(rel, NoLock);
  return key;
}

}  // namespace

bool IndexDeferral::begin(Relation scores) {
  Oid ns = RelationGetNamespace(scores);
  const Oid tables[3] = {RelationGetRelid(scores), get_relname_relid("monthly_scores", ns),
                         get_relname_relid("monthly_score_counts", ns)};
  for (Oid t : tables)
    if (!OidIsValid(t)) return false;
  LockRelationOid(tables[1], RowExclusiveLock);  // the lock their writes take anyway
  LockRelationOid(tables[2], RowExclusiveLock);
  bool fresh[3];
  for (int i = 0; i < 3; ++i) fresh[i] = never_written(tables[i]);
  if (!(fresh[0] || fresh[1] || fresh[2]) || !claim(tables)) return false;
  // Claimed: no other writer is open on them, none can start. Empty then, empty still.
  for (int i = 0; i < 3; ++i) fresh[i] = never_written(tables[i]);
  if (!(fresh[0] || fresh[1] || fresh[2])) {
    let_go(tables);
    return false;
  }
  if (fresh[1]) defer(get_relname_relid("monthly_scores_rank_idx", ns)), defer(primary_key(tables[1]));
  if (fresh[2]) defer(primary_key(tables[2]));
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
