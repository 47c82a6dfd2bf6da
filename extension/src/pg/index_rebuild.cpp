#include "pg/index_rebuild.hpp"

extern "C" {
#include "storage/bufmgr.h"
#include "storage/lmgr.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

#include "pg/compat.hpp"

namespace hexdb::pg {

bool never_written(Relation rel) { return RelationGetNumberOfBlocks(rel) == 0; }

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

bool claim_for_rebuild(const Oid* tables, int ntables, const Oid* indexes, int nindexes) {
  int taken = 0;
  for (; taken < ntables + nindexes; ++taken) {
    ClaimLock l = nth(tables, ntables, indexes, taken);
    if (!ConditionalLockRelationOid(l.rel, l.mode)) break;
  }
  if (taken == ntables + nindexes) return true;
  unlock_first(tables, ntables, indexes, taken);
  return false;
}

void release_claim(const Oid* tables, int ntables, const Oid* indexes, int nindexes) {
  unlock_first(tables, ntables, indexes, ntables + nindexes);
}

}  // namespace hexdb::pg
