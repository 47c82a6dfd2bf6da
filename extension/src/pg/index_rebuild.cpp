#include "pg/index_rebuild.hpp"

extern "C" {
#include "access/table.h"
#include "storage/bufmgr.h"
#include "storage/lmgr.h"
#include "nodes/pg_list.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

#include "pg/compat.hpp"

namespace hexdb::pg {

bool never_written(Relation rel) { return RelationGetNumberOfBlocks(rel) == 0; }

bool never_written(Oid relid) {
  Relation rel = table_open(relid, NoLock);
  bool fresh = never_written(rel);
  table_close(rel, NoLock);
  return fresh;
}

void rebuild_index(Oid index) { compat::reindex_index(index, get_rel_persistence(index)); }

namespace {

// The i-th of the claim's locks: the tables first, then the indexes.
struct ClaimLock {
  Oid rel;
  LOCKMODE mode;
};
ClaimLock nth(const Oid* tables, int ntables, const Oid* indexes, int i) {
  return i < ntables ? ClaimLock{tables[i], ShareLock} : ClaimLock{indexes[i - ntables], AccessExclusiveLock};
}

void unlock_first(const Oid* tables, int ntables, const Oid* indexes, int taken) {
  while (taken > 0) {
    ClaimLock l = nth(tables, ntables, indexes, --taken);
    UnlockRelationOid(l.rel, l.mode);
  }
}

}  // namespace

bool claim_for_rebuild(const Oid* tables, const bool* empty, int ntables, const Oid* indexes, int nindexes) {
  int taken = 0;
  for (; taken < ntables + nindexes; ++taken) {
    ClaimLock l = nth(tables, ntables, indexes, taken);
    if (!ConditionalLockRelationOid(l.rel, l.mode)) break;
  }
  bool claimed = taken == ntables + nindexes;
  for (int i = 0; claimed && i < ntables; ++i) claimed = !empty[i] || never_written(tables[i]);
  if (!claimed) unlock_first(tables, ntables, indexes, taken);
  return claimed;
}

int claim_every_index(Relation rel, Oid* indexes, int max) {
  if (!never_written(rel)) return 0;
  List* all = RelationGetIndexList(rel);
  int n = list_length(all);
  if (n > max) n = 0;
  for (int i = 0; i < n; ++i) indexes[i] = list_nth_oid(all, i);
  list_free(all);
  const Oid table = RelationGetRelid(rel);
  const bool empty = true;
  return n > 0 && claim_for_rebuild(&table, &empty, 1, indexes, n) ? n : 0;
}

}  // namespace hexdb::pg
