#include "pg/index_scan.hpp"

extern "C" {
#include "utils/snapmgr.h"
}

#include "pg/compat.hpp"

namespace hexdb::pg {

IndexScanDesc rescan(IndexScanDesc* scan, Relation heap, Relation index, ScanKey keys, int nkeys) {
  if (*scan == nullptr) *scan = compat::index_beginscan(heap, index, GetActiveSnapshot(), nkeys, 0);
  index_rescan(*scan, keys, nkeys, nullptr, 0);
  return *scan;
}

IndexScanDesc begin_index_scan(Relation heap, Relation index, ScanKey keys, int nkeys) {
  IndexScanDesc scan = nullptr;
  return rescan(&scan, heap, index, keys, nkeys);
}

bool first_row(Relation heap, Relation index, Snapshot snapshot, ScanKey keys, int nkeys, TupleTableSlot* out) {
  IndexScanDesc scan = compat::index_beginscan(heap, index, snapshot, nkeys, 0);
  index_rescan(scan, keys, nkeys, nullptr, 0);
  bool found = index_getnext_slot(scan, ForwardScanDirection, out);
  index_endscan(scan);
  return found;
}

void row_key(ScanKey header, ScanKey members, AttrNumber first, int n, StrategyNumber strategy,
             const RegProcedure* procs, const Datum* values) {
  for (int i = 0; i < n; ++i) {
    int flags = SK_ROW_MEMBER | (i == n - 1 ? SK_ROW_END : 0);
    ScanKeyEntryInitialize(&members[i], flags, AttrNumber(first + i), strategy, InvalidOid, InvalidOid, procs[i],
                           values[i]);
  }
  // Not ScanKeyEntryInitialize: a header has no comparison function, which it asserts
  // (cassert builds) only a NULL test may lack. Built as the executor builds one
  // (ExecIndexBuildScanKeys): zeroed, then flags, first column, strategy and the members.
  MemSet(header, 0, sizeof(ScanKeyData));
  header->sk_flags = SK_ROW_HEADER;
  header->sk_attno = first;
  header->sk_strategy = strategy;
  header->sk_argument = PointerGetDatum(members);
}

}  // namespace hexdb::pg
