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
#include "access/tableam.h"
#include "catalog/dependency.h"
#include "catalog/index.h"
#include "executor/executor.h"
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

// The prepared CHECK expressions of a result relation (18 renamed the field when it added
// NOT ENFORCED constraints).
inline ExprState**& check_expressions(ResultRelInfo* rri) {
#if PG_VERSION_NUM >= 180000
  return rri->ri_CheckConstraintExprs;
#else
  return rri->ri_ConstraintExprs;
#endif
}

// Whether a CHECK is enforced (18: NOT ENFORCED ones are skipped; before, all are).
inline bool check_enforced(const ConstrCheck& c) {
#if PG_VERSION_NUM >= 180000
  return c.ccenforced;
#else
  (void)c;
  return true;
#endif
}

// Whether a foreign key is enforced (18 added NOT ENFORCED ones; before, all are).
inline bool foreign_key_enforced(const ForeignKeyCacheInfo* fk) {
#if PG_VERSION_NUM >= 180000
  return fk->conenforced;
#else
  (void)fk;
  return true;
#endif
}

// Updates the row at otid to slot's values (no concurrent update possible: the caller holds
// the row's lock). Returns whether the indexes need entries for the new version; 16+ may ask
// for the summarizing ones only (*summarizing). May elog.
inline bool update_row(Relation rel, ItemPointer otid, TupleTableSlot* slot, Snapshot snapshot, bool* summarizing) {
#if PG_VERSION_NUM >= 160000
  TU_UpdateIndexes which;
  simple_table_tuple_update(rel, otid, slot, snapshot, &which);
  *summarizing = which == TU_Summarizing;
  return which != TU_None;
#else
  bool indexes;
  simple_table_tuple_update(rel, otid, slot, snapshot, &indexes);
  *summarizing = false;
  return indexes;
#endif
}

// ExecInsertIndexTuples (16 added onlySummarizing). May elog.
inline List* insert_index_entries(ResultRelInfo* rri, TupleTableSlot* slot, EState* estate, bool update,
                                  bool no_dup_error, bool* conflict, List* arbiters, bool summarizing) {
#if PG_VERSION_NUM >= 160000
  return ExecInsertIndexTuples(rri, slot, estate, update, no_dup_error, conflict, arbiters, summarizing);
#else
  (void)summarizing;
  return ExecInsertIndexTuples(rri, slot, estate, update, no_dup_error, conflict, arbiters);
#endif
}

// The sequence of an identity column, InvalidOid without one (17 takes the relation, for a
// partition's column). May elog.
inline Oid identity_sequence(Relation rel, AttrNumber column) {
#if PG_VERSION_NUM >= 170000
  return getIdentitySequence(rel, column, true);
#else
  return getIdentitySequence(RelationGetRelid(rel), column, true);
#endif
}

// reindex_index: 17 added the REINDEX statement it runs for (NULL: none, no event trigger
// collects it). May elog.
inline void reindex_index(Oid index, char persistence) {
  ReindexParams params = {};
#if PG_VERSION_NUM >= 170000
  ::reindex_index(nullptr, index, false, persistence, &params);
#else
  ::reindex_index(index, false, persistence, &params);
#endif
}

}  // namespace hexdb::pg::compat
