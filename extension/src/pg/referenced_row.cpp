#include "pg/referenced_row.hpp"

extern "C" {
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/nbtree.h"
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

// May elog. The row version at *tid (found in snapshot, for `value`) locked KEY SHARE into
// c.slot.
Referenced lock_found(const KeyCheck& c, Snapshot snapshot, ItemPointer tid, Datum value) {
  TM_FailureData failure;
  // FIND_LAST_VERSION: what the check's FOR KEY SHARE does at READ COMMITTED, following an
  // update committed since the snapshot to the row's latest version.
  TM_Result r = table_tuple_lock(c.table, tid, snapshot, c.slot, GetCurrentCommandId(false), LockTupleKeyShare,
                                 LockWaitBlock, TUPLE_LOCK_FLAG_FIND_LAST_VERSION, &failure);
  if (r == TM_Ok)
    return !failure.traversed || still_has_key(c.slot, c.index, c.equals, value) ? Referenced::kLocked
                                                                                : Referenced::kMissing;
  return r == TM_Deleted ? Referenced::kMissing : Referenced::kUnsure;
}

// May elog. The check of lock_key (see the header) for one value, found through the index.
Referenced lock_one(const KeyCheck& c, Datum value) {
  ScanKeyData key;
  ScanKeyInit(&key, 1, BTEqualStrategyNumber, c.equals, value);
  key.sk_collation = c.index->rd_indcollation[0];
  Snapshot snapshot = RegisterSnapshot(GetLatestSnapshot());
  ExecClearTuple(c.slot);
  Referenced result = Referenced::kMissing;
  if (first_row(c.table, c.index, snapshot, &key, 1, c.slot)) {
    ItemPointerData tid = c.slot->tts_tid;
    result = inserted_here(c.slot) ? Referenced::kLocked : lock_found(c, snapshot, &tid, value);
  }
  UnregisterSnapshot(snapshot);
  return result;
}

// What one scan of the table found for each key: its row version, or none; or that this
// transaction inserted it (nothing to lock).
struct Found {
  ItemPointerData tid;
  bool found, mine;
};

// May elog. One sequential scan of c.table in snapshot, each row's key looked up by binary
// search in values (sorted by the index's order, distinct): a join of the keys with the table
// instead of a probe of the index for each, cheaper once the keys are many beside its pages.
void scan_for_keys(const KeyCheck& c, Snapshot snapshot, const Datum* values, size_t n, Found* out) {
  FmgrInfo* order = index_getprocinfo(c.index, 1, BTORDER_PROC);
  Oid collation = c.index->rd_indcollation[0];
  AttrNumber column = c.index->rd_index->indkey.values[0];
  TableScanDesc scan = table_beginscan(c.table, snapshot, 0, nullptr);
  while (table_scan_getnextslot(scan, ForwardScanDirection, c.slot)) {
    bool null;
    Datum key = slot_getattr(c.slot, column, &null);
    if (null) continue;
    size_t lo = 0, hi = n;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      int32 cmp = DatumGetInt32(FunctionCall2Coll(order, collation, values[mid], key));
      if (cmp == 0) {
        out[mid] = {c.slot->tts_tid, true, inserted_here(c.slot)};
        break;
      }
      if (cmp < 0) lo = mid + 1;
      else hi = mid;
    }
  }
  table_endscan(scan);
}

// May elog. lock_keys by one scan: the keys found, then locked in key order.
Referenced lock_scanned(const KeyCheck& c, const Datum* values, size_t n, size_t* failed) {
  Snapshot snapshot = RegisterSnapshot(GetLatestSnapshot());
  auto* found = static_cast<Found*>(palloc_extended(n * sizeof(Found), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO));
  scan_for_keys(c, snapshot, values, n, found);
  Referenced r = Referenced::kLocked;
  for (size_t i = 0; i < n && r == Referenced::kLocked; ++i) {
    *failed = i;
    if (!found[i].found) r = Referenced::kMissing;
    else if (!found[i].mine) r = lock_found(c, snapshot, &found[i].tid, values[i]);
  }
  pfree(found);
  UnregisterSnapshot(snapshot);
  return r;
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
    // A probe is a walk down the index and a heap fetch; a page of a scan holds some 80 rows.
    if (n >= 1024 && n >= 8 * static_cast<size_t>(RelationGetNumberOfBlocks(table))) {
      r = lock_scanned(c, values, n, failed);
    } else {
      for (size_t i = 0; i < n && r == Referenced::kLocked; ++i) {
        r = lock_one(c, values[i]);
        *failed = i;
      }
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
