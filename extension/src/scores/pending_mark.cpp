#include "scores/pending_mark.hpp"

extern "C" {
#include "access/relation.h"
#include "access/tableam.h"
#include "access/sysattr.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/xid8.h"
}

#include "pg/relation_shape.hpp"
#include "pg/spi.hpp"

namespace hexdb::monthly {

namespace {

// A 32-bit transaction id of this cluster's recent past or present as a 64-bit one: its epoch
// is that of the next id to be assigned, or the one before when it has wrapped since.
// Anything but a normal id (a frozen row) is zero.
FullTransactionId widen(TransactionId xid) {
  if (!TransactionIdIsNormal(xid)) return FullTransactionIdFromU64(0);
  FullTransactionId next = ReadNextFullTransactionId();
  uint64 epoch = EpochFromFullTransactionId(next);
  if (xid > XidFromFullTransactionId(next) && epoch > 0) --epoch;
  return FullTransactionIdFromEpochAndXid(static_cast<uint32>(epoch), xid);
}

SPIPlanPtr update_plan, insert_plan;

}  // namespace

FullTransactionId pending_from(Relation folded, AttrNumber column, Snapshot snapshot) {
  TableScanDesc scan = table_beginscan(folded, snapshot, 0, nullptr);
  TupleTableSlot* slot = table_slot_create(folded, nullptr);
  bool any = false;
  uint64 from = 0;
  while (table_scan_getnextslot(scan, ForwardScanDirection, slot)) {
    bool isnull, xmin_null;
    Datum mark = slot_getattr(slot, column, &isnull);
    Datum xmin = slot_getsysattr(slot, MinTransactionIdAttributeNumber, &xmin_null);
    uint64 m = isnull ? 0 : U64FromFullTransactionId(DatumGetFullTransactionId(mark));
    uint64 writer = xmin_null ? 0 : U64FromFullTransactionId(widen(DatumGetTransactionId(xmin)));
    if (m > writer) m = 0;
    from = any ? Min(from, m) : m;
    any = true;
  }
  ExecDropSingleTupleTableSlot(slot);
  table_endscan(scan);
  return FullTransactionIdFromU64(from);
}

FullTransactionId latest_pending_from() {
  Relation folded = pg::open_hexdb_relation("monthly_score_folded", false);
  AttrNumber column = pg::column_of(folded, "folded_before", XID8OID);
  Snapshot snapshot = RegisterSnapshot(GetLatestSnapshot());
  FullTransactionId from = pending_from(folded, column, snapshot);
  UnregisterSnapshot(snapshot);
  relation_close(folded, AccessShareLock);
  return from;
}

FullTransactionId foldable_before() { return widen(GetLatestSnapshot()->xmin); }

void set_pending_from(FullTransactionId mark) {
  static const Oid types[1] = {XID8OID};
  Datum v[1] = {FullTransactionIdGetDatum(mark)};
  spi::prepared(&update_plan, "UPDATE hexdb.monthly_score_folded SET folded_before = $1", 1, types);
  if (spi::execute(update_plan, v, false) > 0) return;
  spi::prepared(&insert_plan, "INSERT INTO hexdb.monthly_score_folded (folded_before) VALUES ($1)", 1, types);
  spi::execute(insert_plan, v, false);
}

}  // namespace hexdb::monthly
