// SPI plumbing shared by the scores, monthly and visits code: plans prepared once and kept,
// array parameters, and batched reads of a trigger's transition table. Every function here
// may elog; C++ callers reach them through pg::call.
#pragma once

extern "C" {
#include "postgres.h"
#include "access/tupdesc.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "utils/tuplestore.h"
}

#include <array>
#include <cstdint>

namespace hexdb::spi {

// The plan for sql, prepared on first use and kept for the backend's life (SPI_keepplan).
// A kept plan is re-planned by the plan cache when the tables it reads change. May elog.
SPIPlanPtr prepared(SPIPlanPtr* slot, const char* sql, int nargs, const Oid* types);

// Runs plan with values (no NULLs), erroring unless it succeeded. read_only runs it in the
// caller's snapshot: a STABLE function's queries then see one consistent state. May elog.
uint64 execute(SPIPlanPtr plan, const Datum* values, bool read_only, long count = 0);

// One-dimensional array parameters built from C++ storage (copied). May elog.
Datum int2_array(const int16_t* v, int n);
Datum int4_array(const int32_t* v, int n);
Datum int8_array(const int64_t* v, int n);
Datum timestamptz_array(const int64_t* v, int n);
Datum uuid_array(const std::array<uint8_t, 16>* v, int n);

// Column j of row i of SPI_tuptable. May elog.
int64_t get_int64(uint64 i, int j, bool* isnull = nullptr);
int32_t get_int32(uint64 i, int j);
void get_uuid(uint64 i, int j, std::array<uint8_t, 16>* out);

// Reads a transition table with its own read pointer (selected from open to close, so a
// spilled tuplestore is read sequentially), leaving the default pointer for other triggers
// that scan the same rows. All members are plain data.
struct TransitionScan {
  Tuplestorestate* store;
  TupleTableSlot* slot;
  int read_pointer;
};
void scan_open(TransitionScan* scan, Tuplestorestate* store, TupleDesc desc);
bool scan_next(TransitionScan* scan);  // the next row is in scan->slot
void scan_close(TransitionScan* scan);

// A set-returning function's materialized result (PostgreSQL 13 to 17 alike). May elog.
struct Out {
  Tuplestorestate* store;
  TupleDesc desc;
};
Out materialize(FunctionCallInfo fcinfo);

// The attribute number of a column that must exist. May elog.
int column(TupleDesc desc, const char* name);

}  // namespace hexdb::spi
