#include "scores/board_reads.hpp"

extern "C" {
#include "access/relscan.h"
#include "access/tableam.h"
#include "utils/fmgroids.h"
#include "utils/timestamp.h"
#include "utils/xid8.h"
}

#include "pg/index_scan.hpp"

namespace hexdb::monthly {

namespace {

// year = b->year AND month = b->month: the first two keys of every index read here.
void month_keys(const Board* b, ScanKey keys) {
  ScanKeyInit(&keys[0], 1, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(b->year));
  ScanKeyInit(&keys[1], 2, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(b->month));
}

// A column the ranking needs; NULL only in a table altered out of hexdb's shape.
Datum required(Relation rel, TupleTableSlot* slot, AttrNumber att) {
  bool isnull;
  Datum d = slot_getattr(slot, att, &isnull);
  if (isnull) {
    ereport(ERROR, (errcode(ERRCODE_NOT_NULL_VIOLATION),
                    errmsg("hexdb.monthly_scores has a NULL where a ranked row needs a value"),
                    errtablecol(rel, att)));
  }
  return d;
}

int64 int8_column(TupleTableSlot* slot, AttrNumber att) {
  bool isnull;
  Datum d = slot_getattr(slot, att, &isnull);
  return isnull ? 0 : DatumGetInt64(d);
}

void add(int64, int64 players, void* sum) { *static_cast<int64*>(sum) += players; }

}  // namespace

bool player_entry(Board* b, Datum user, RankKey* key) {
  ScanKeyData keys[3];
  month_keys(b, keys);
  ScanKeyInit(&keys[2], 3, BTEqualStrategyNumber, F_UUID_EQ, user);
  IndexScanDesc scan = pg::begin_index_scan(b->monthly, b->monthly_pkey, keys, 3);
  bool found = next_ranked(b, scan, ForwardScanDirection, key);
  index_endscan(scan);
  return found;
}

void each_count(Board* b, int level, int64 lo, int64 hi, void (*f)(int64 bucket, int64 players, void* arg), void* arg) {
  if (lo >= hi) return;
  ScanKeyData keys[5];
  month_keys(b, keys);
  ScanKeyInit(&keys[2], 3, BTEqualStrategyNumber, F_INT2EQ, Int16GetDatum(level));
  ScanKeyInit(&keys[3], 4, BTGreaterEqualStrategyNumber, F_INT8GE, Int64GetDatum(lo));
  ScanKeyInit(&keys[4], 4, BTLessStrategyNumber, F_INT8LT, Int64GetDatum(hi));
  IndexScanDesc scan = pg::rescan(&b->counts_scan, b->counts, b->counts_pkey, keys, 5);
  while (index_getnext_slot(scan, ForwardScanDirection, b->counts_slot)) {
    f(int8_column(b->counts_slot, b->col.bucket), int8_column(b->counts_slot, b->col.players), arg);
  }
}

void each_pending(Board* b, int64 leaf_lo, int64 leaf_hi, void (*f)(int64 leaf, int64 delta, void* arg), void* arg) {
  if (leaf_lo >= leaf_hi) return;
  // From the mark on, the month's and the leaves' keys checked on each index entry.
  ScanKeyData keys[5];
  ScanKeyInit(&keys[0], 1, BTGreaterEqualStrategyNumber, F_XID8GE, FullTransactionIdGetDatum(b->pending_from));
  ScanKeyInit(&keys[1], 2, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(b->year));
  ScanKeyInit(&keys[2], 3, BTEqualStrategyNumber, F_INT4EQ, Int32GetDatum(b->month));
  ScanKeyInit(&keys[3], 4, BTGreaterEqualStrategyNumber, F_INT8GE, Int64GetDatum(leaf_lo));
  ScanKeyInit(&keys[4], 4, BTLessStrategyNumber, F_INT8LT, Int64GetDatum(leaf_hi));
  IndexScanDesc scan = pg::rescan(&b->deltas_scan, b->deltas, b->deltas_idx, keys, 5);
  while (index_getnext_slot(scan, ForwardScanDirection, b->deltas_slot)) {
    f(int8_column(b->deltas_slot, b->col.leaf), int8_column(b->deltas_slot, b->col.delta), arg);
  }
}

int64 counted(Board* b, int level, int64 lo, int64 hi) {
  int64 sum = 0;
  each_count(b, level, lo, hi, add, &sum);
  return sum;
}

IndexScanDesc begin_ranking(Board* b, const RankKey* from, StrategyNumber strategy, const int64* min_neg_score) {
  static const RegProcedure procs[3] = {F_BTINT8CMP, F_TIMESTAMP_CMP, F_UUID_CMP};
  ScanKeyData keys[4];
  month_keys(b, keys);
  int n = 2;
  if (min_neg_score != nullptr) {
    ScanKeyInit(&keys[n++], 3, BTGreaterEqualStrategyNumber, F_INT8GE, Int64GetDatum(*min_neg_score));
  }
  if (from != nullptr) {
    // The scan copies the keys but not what a row key points to: members and the uuid live in
    // the call's memory context, as long as the scan.
    ScanKey members = static_cast<ScanKey>(palloc(3 * sizeof(ScanKeyData)));
    pg_uuid_t* user = static_cast<pg_uuid_t*>(palloc(sizeof(pg_uuid_t)));
    *user = from->user;
    Datum values[3] = {Int64GetDatum(-from->score), TimestampTzGetDatum(from->at), UUIDPGetDatum(user)};
    pg::row_key(&keys[n++], members, 3, 3, strategy, procs, values);
  }
  return pg::begin_index_scan(b->monthly, b->rank_idx, keys, n);
}

bool next_ranked(Board* b, IndexScanDesc scan, ScanDirection direction, RankKey* row) {
  if (!index_getnext_slot(scan, direction, b->monthly_slot)) return false;
  row->score = DatumGetInt64(required(b->monthly, b->monthly_slot, b->col.score));
  row->at = DatumGetTimestampTz(required(b->monthly, b->monthly_slot, b->col.achieved_at));
  row->user = *DatumGetUUIDP(required(b->monthly, b->monthly_slot, b->col.user_id));
  return true;
}

}  // namespace hexdb::monthly
