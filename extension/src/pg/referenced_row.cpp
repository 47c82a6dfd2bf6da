#include "pg/referenced_row.hpp"

extern "C" {
#include "access/genam.h"
#include "access/stratnum.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
}

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

}  // namespace

Referenced lock_referenced(Relation table, Relation index, Datum value) {
  Oid type = index->rd_opcintype[0];
  Oid op = get_opfamily_member(index->rd_opfamily[0], type, type, BTEqualStrategyNumber);
  if (!OidIsValid(op)) return Referenced::kUnsure;
  RegProcedure equals = get_opcode(op);
  ScanKeyData key;
  ScanKeyInit(&key, 1, BTEqualStrategyNumber, equals, value);
  key.sk_collation = index->rd_indcollation[0];

  Snapshot snapshot = RegisterSnapshot(GetLatestSnapshot());
  TupleTableSlot* slot = table_slot_create(table, nullptr);
  Referenced result = Referenced::kMissing;
  if (first_row(table, index, snapshot, &key, 1, slot)) {
    TM_FailureData failure;
    // FIND_LAST_VERSION: what the check's FOR KEY SHARE does at READ COMMITTED, following an
    // update committed since the snapshot to the row's latest version.
    TM_Result r = table_tuple_lock(table, &slot->tts_tid, snapshot, slot, GetCurrentCommandId(false),
                                   LockTupleKeyShare, LockWaitBlock, TUPLE_LOCK_FLAG_FIND_LAST_VERSION, &failure);
    if (r == TM_Ok)
      result = !failure.traversed || still_has_key(slot, index, equals, value) ? Referenced::kLocked
                                                                                : Referenced::kMissing;
    else if (r == TM_Deleted)
      result = Referenced::kMissing;
    else
      result = Referenced::kUnsure;
  }
  ExecDropSingleTupleTableSlot(slot);
  UnregisterSnapshot(snapshot);
  return result;
}

}  // namespace hexdb::pg
