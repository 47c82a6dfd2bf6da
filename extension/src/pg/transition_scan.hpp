// Reading a trigger's transition table from C++ in chunks: each chunk is read inside one
// pg::call (so PostgreSQL's errors never cross C++ frames), then handed to C++ code that may
// throw. The scan has its own read pointer, selected from open to close, so a spilled
// tuplestore is read sequentially and other triggers scanning the same rows are not disturbed.
#pragma once

extern "C" {
#include "postgres.h"
#include "access/tupdesc.h"
#include "executor/tuptable.h"
#include "utils/tuplestore.h"
}

#include <type_traits>

#include "pg/boundary.hpp"

namespace hexdb::spi {

// Plain data only: it lives across pg::call frames.
struct TransitionScan {
  Tuplestorestate* store;
  TupleTableSlot* slot;
  int read_pointer;
};
// May elog.
void scan_open(TransitionScan* scan, Tuplestorestate* store, TupleDesc desc);
bool scan_next(TransitionScan* scan);  // the next row is in scan->slot. May elog.
void scan_close(TransitionScan* scan);  // May elog.

// Reads every row of store: read(slot, item) fills one Item from a row (may elog, must not
// throw or own anything), use(items, n) takes each full or last chunk (may throw).
// May throw.
template <typename Item, int kChunk, typename Read, typename Use>
void scan_in_chunks(Tuplestorestate* store, TupleDesc desc, Read read, Use use) {
  static_assert(std::is_trivially_destructible_v<Item>, "a chunk must survive a longjmp");
  Item chunk[kChunk];
  TransitionScan scan;
  pg::call([&] { scan_open(&scan, store, desc); });
  for (;;) {
    int n = pg::call([&] {
      int k = 0;
      while (k < kChunk && scan_next(&scan)) read(scan.slot, chunk[k++]);
      return k;
    });
    use(static_cast<const Item*>(chunk), n);
    if (n < kChunk) break;
  }
  pg::call([&] { scan_close(&scan); });
}

}  // namespace hexdb::spi
