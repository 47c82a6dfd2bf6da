#include "pg/referenced_row.hpp"

extern "C" {
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/tableam.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/pg_am.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_trigger.h"
#include "commands/trigger.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
}

#include "pg/compat.hpp"
#include "pg/index_scan.hpp"

namespace hexdb::pg {

namespace {

// May elog. Whether the locked version still has the key (a key change moves the row away
// from it: the check's re-evaluation of its WHERE clause would then drop the row).
bool still_has_key(TupleTableSlot* slot, Relation index, RegProcedure equals, Datum value) {
  bool null;
  Datum now = slot_getattr(slot, index->rd_index->indkey.values[0], &null);
  return !null && DatumGetBool(OidFunctionCall2Coll(equals, index->rd_indcollation[0], now, value));
}

// May elog. Whether this transaction wrote the row version found: no other can see it, so
// none can delete it or change its key before this one ends, and the lock would only cost a
// WAL record (an import locks every user it has just inserted).
bool inserted_here(TupleTableSlot* slot) {
  bool free_it;
  HeapTuple tuple = ExecFetchSlotHeapTuple(slot, false, &free_it);
  bool mine = TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(tuple->t_data));
  if (free_it) heap_freetuple(tuple);
  return mine;
}

// One key's check, with what does not depend on the key prepared once.
struct KeyCheck {
  Relation table, index;
  RegProcedure equals;
  TupleTableSlot* slot;
};

// May elog. The check of lock_key (see the header) for one value.
Referenced lock_one(const KeyCheck& c, Datum value) {
  ScanKeyData key;
  ScanKeyInit(&key, 1, BTEqualStrategyNumber, c.equals, value);
  key.sk_collation = c.index->rd_indcollation[0];
  Snapshot snapshot = RegisterSnapshot(GetLatestSnapshot());
  ExecClearTuple(c.slot);
  Referenced result = Referenced::kMissing;
  if (first_row(c.table, c.index, snapshot, &key, 1, c.slot) && inserted_here(c.slot)) {
    result = Referenced::kLocked;
  } else if (!TTS_EMPTY(c.slot)) {
    TM_FailureData failure;
    // FIND_LAST_VERSION: what the check's FOR KEY SHARE does at READ COMMITTED, following an
    // update committed since the snapshot to the row's latest version.
    TM_Result r = table_tuple_lock(c.table, &c.slot->tts_tid, snapshot, c.slot, GetCurrentCommandId(false),
                                   LockTupleKeyShare, LockWaitBlock, TUPLE_LOCK_FLAG_FIND_LAST_VERSION, &failure);
    if (r == TM_Ok)
      result = !failure.traversed || still_has_key(c.slot, c.index, c.equals, value) ? Referenced::kLocked
                                                                                    : Referenced::kMissing;
    else if (r == TM_Deleted)
      result = Referenced::kMissing;
    else
      result = Referenced::kUnsure;
  }
  UnregisterSnapshot(snapshot);
  return result;
}

// May elog. fk as a ForeignKey, when it is one (see the header) on `column`.
bool key_of(const ForeignKeyCacheInfo* fk, AttrNumber column, ForeignKey* out) {
  if (fk->nkeys != 1 || fk->conkey[0] != column || !compat::foreign_key_enforced(fk)) return false;
  HeapTuple tuple = SearchSysCache1(CONSTROID, ObjectIdGetDatum(fk->conoid));
  if (!HeapTupleIsValid(tuple)) return false;
  auto* c = reinterpret_cast<Form_pg_constraint>(GETSTRUCT(tuple));
  bool immediate = !c->condeferrable;
  Oid index_id = c->conindid;
  ReleaseSysCache(tuple);
  if (!immediate) return false;
  Relation referenced = table_open(fk->confrelid, AccessShareLock);
  bool primary = compat::primary_key_index(referenced) == index_id;
  table_close(referenced, AccessShareLock);
  if (!primary) return false;
  // The check compares with the key's own equality, as the index does (the same type).
  Relation index = index_open(index_id, AccessShareLock);
  Oid type = index->rd_opcintype[0];
  bool same = index->rd_rel->relam == BTREE_AM_OID && IndexRelationGetNumberOfKeyAttributes(index) == 1 &&
              index->rd_index->indkey.values[0] == fk->confkey[0] &&
              fk->conpfeqop[0] == get_opfamily_member(index->rd_opfamily[0], type, type, BTEqualStrategyNumber);
  index_close(index, AccessShareLock);
  out->constraint = fk->conoid;
  out->table = fk->confrelid;
  out->index = index_id;
  return same;
}

}  // namespace

bool foreign_keys(Relation rel, const AttrNumber* columns, int n, ForeignKey* out) {
  List* keys = RelationGetFKeyList(rel);
  if (list_length(keys) != n) return false;
  for (int i = 0; i < n; ++i) {
    bool found = false;
    ListCell* lc;
    foreach (lc, keys) {
      auto* fk = static_cast<ForeignKeyCacheInfo*>(lfirst(lc));
      if (fk->nkeys == 1 && fk->conkey[0] == columns[i]) {
        if (found || !key_of(fk, columns[i], &out[i])) return false;
        found = true;
      }
    }
    if (!found) return false;
  }
  return true;
}

bool insert_triggers_are(Relation rel, const ForeignKey* fks, int n, bool (*ours)(const Trigger& t)) {
  TriggerDesc* td = rel->trigdesc;
  for (int i = 0; td != nullptr && i < td->numtriggers; ++i) {
    const Trigger& t = td->triggers[i];
    if (!TRIGGER_FOR_INSERT(t.tgtype) || t.tgenabled == TRIGGER_DISABLED || t.tgenabled == TRIGGER_FIRES_ON_REPLICA)
      continue;
    bool key_check = false;
    for (int k = 0; k < n; ++k) key_check = key_check || (t.tgisinternal && t.tgconstraint == fks[k].constraint);
    if (!key_check && !(ours != nullptr && ours(t))) return false;
  }
  return true;
}

Referenced lock_keys(const ForeignKey& fk, const Datum* values, size_t n, size_t* failed) {
  *failed = 0;
  Relation table = table_open(fk.table, RowShareLock);  // as the check's FOR KEY SHARE
  if (compat::primary_key_index(table) != fk.index) {
    table_close(table, NoLock);
    return Referenced::kUnsure;
  }
  Relation index = index_open(fk.index, AccessShareLock);
  Oid type = index->rd_opcintype[0];
  Oid op = get_opfamily_member(index->rd_opfamily[0], type, type, BTEqualStrategyNumber);
  Referenced r = OidIsValid(op) ? Referenced::kLocked : Referenced::kUnsure;
  if (r == Referenced::kLocked) {
    KeyCheck c{table, index, get_opcode(op), table_slot_create(table, nullptr)};
    for (size_t i = 0; i < n && r == Referenced::kLocked; ++i) {
      r = lock_one(c, values[i]);
      *failed = i;
    }
    ExecDropSingleTupleTableSlot(c.slot);
  }
  index_close(index, NoLock);
  table_close(table, NoLock);
  return r;
}

Referenced lock_key(const ForeignKey& fk, Datum value) {
  size_t failed;
  return lock_keys(fk, &value, 1, &failed);
}

}  // namespace hexdb::pg
