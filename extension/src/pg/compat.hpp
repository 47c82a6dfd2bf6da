// Differences between the PostgreSQL majors hexdb builds against (15, 16, 17, 18), in one
// place: no other file tests PG_VERSION_NUM. Include it after postgres.h wherever one of these
// names is used.
#pragma once

extern "C" {
#include "postgres.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"  // VARDATA_ANY, VARSIZE_ANY_EXHDR: postgres.h no longer includes them
#endif
#include "access/genam.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapshot.h"
}

namespace hexdb::pg::compat {

// index_beginscan: 18 added an instrumentation argument (NULL: nobody counts this scan).
// May elog.
inline IndexScanDesc index_beginscan(Relation heap, Relation index, Snapshot snapshot, int nkeys,
                                     int norderbys) {
#if PG_VERSION_NUM >= 180000
  return ::index_beginscan(heap, index, snapshot, nullptr, nkeys, norderbys);
#else
  return ::index_beginscan(heap, index, snapshot, nkeys, norderbys);
#endif
}

// The primary key's index, InvalidOid when there is none or it is DEFERRABLE (what 15-17
// always answered; 18 asks whether a deferrable one will do). May elog.
inline Oid primary_key_index(Relation rel) {
#if PG_VERSION_NUM >= 180000
  return RelationGetPrimaryKeyIndex(rel, false);
#else
  return RelationGetPrimaryKeyIndex(rel);
#endif
}

}  // namespace hexdb::pg::compat
