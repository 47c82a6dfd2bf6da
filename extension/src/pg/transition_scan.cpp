#include "pg/transition_scan.hpp"

extern "C" {
#include "executor/executor.h"
}

namespace hexdb::spi {

void scan_open(TransitionScan* scan, Tuplestorestate* store, TupleDesc desc) {
  scan->store = store;
  scan->slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
  scan->read_pointer = tuplestore_alloc_read_pointer(store, EXEC_FLAG_REWIND);
  tuplestore_select_read_pointer(store, scan->read_pointer);
  tuplestore_rescan(store);
}

bool scan_next(TransitionScan* scan) {
  return tuplestore_gettupleslot(scan->store, true, false, scan->slot);
}

// Gives the tuplestore back to its default read pointer.
void scan_close(TransitionScan* scan) {
  tuplestore_select_read_pointer(scan->store, 0);
  ExecDropSingleTupleTableSlot(scan->slot);
}

}  // namespace hexdb::spi
