// Index scans without the executor, for the reads that run on every call of a board function,
// where planning and executor start-up cost more than the scan itself. Every function here may
// elog and owns no C++ object.
#pragma once

extern "C" {
#include "postgres.h"
#include "access/genam.h"
#include "access/skey.h"
#include "access/stratnum.h"
#include "executor/tuptable.h"
#include "utils/snapshot.h"
}

namespace hexdb::pg {

// A scan of `index` over `heap` in the active snapshot (the calling statement's, as SPI's
// read-only statements see it), positioned by `keys`. End it with index_endscan.
IndexScanDesc begin_index_scan(Relation heap, Relation index, ScanKey keys, int nkeys);

// The same for a scan reused with new keys (always nkeys of them): begins *scan the first time,
// rescans it after. The caller ends it.
IndexScanDesc rescan(IndexScanDesc* scan, Relation heap, Relation index, ScanKey keys, int nkeys);

// The first row of `index` at `keys` as `snapshot` sees it (a registered one), into `out`;
// false when there is none. One probe, the scan ended.
bool first_row(Relation heap, Relation index, Snapshot snapshot, ScanKey keys, int nkeys, TupleTableSlot* out);

// Makes `header` a row comparison over index columns first..first+n-1,
// (col1, ..., coln) <strategy> (values[0], ..., values[n-1]), as the executor builds one for a
// RowCompareExpr: `members` (n of them, owned by the caller) hold each column's comparison
// support function (procs, BTORDER_PROC of the column's default operator class).
void row_key(ScanKey header, ScanKey members, AttrNumber first, int n, StrategyNumber strategy,
             const RegProcedure* procs, const Datum* values);

}  // namespace hexdb::pg
