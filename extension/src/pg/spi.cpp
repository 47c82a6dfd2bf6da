#include "pg/spi.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "executor/executor.h"
#include "utils/array.h"
#include "utils/uuid.h"
}

namespace hexdb::spi {

// May elog.
SPIPlanPtr prepared(SPIPlanPtr* slot, const char* sql, int nargs, const Oid* types) {
  if (*slot == nullptr) {
    SPIPlanPtr plan = SPI_prepare(sql, nargs, const_cast<Oid*>(types));
    if (plan == nullptr)
      elog(ERROR, "hexdb: SPI_prepare failed (%s) for: %s", SPI_result_code_string(SPI_result), sql);
    if (SPI_keepplan(plan) != 0) elog(ERROR, "hexdb: SPI_keepplan failed");
    *slot = plan;
  }
  return *slot;
}

// May elog.
uint64 execute(SPIPlanPtr plan, const Datum* values, bool read_only, long count) {
  int rc = SPI_execute_plan(plan, const_cast<Datum*>(values), nullptr, read_only, count);
  if (rc < 0) elog(ERROR, "hexdb: SPI_execute_plan failed: %s", SPI_result_code_string(rc));
  return SPI_processed;
}

namespace {
// May elog.
Datum by_value_array(const void* v, int n, Oid type, int width) {
  Datum* elems = static_cast<Datum*>(palloc(sizeof(Datum) * (n > 0 ? n : 1)));
  for (int i = 0; i < n; ++i) {
    switch (width) {
      case 2: elems[i] = Int16GetDatum(static_cast<const int16_t*>(v)[i]); break;
      case 4: elems[i] = Int32GetDatum(static_cast<const int32_t*>(v)[i]); break;
      default: elems[i] = Int64GetDatum(static_cast<const int64_t*>(v)[i]); break;
    }
  }
  ArrayType* a = construct_array(elems, n, type, width, true, width == 2 ? TYPALIGN_SHORT : width == 4 ? TYPALIGN_INT : TYPALIGN_DOUBLE);
  pfree(elems);
  return PointerGetDatum(a);
}
}  // namespace

Datum int2_array(const int16_t* v, int n) { return by_value_array(v, n, INT2OID, 2); }
Datum int4_array(const int32_t* v, int n) { return by_value_array(v, n, INT4OID, 4); }
Datum int8_array(const int64_t* v, int n) { return by_value_array(v, n, INT8OID, 8); }
Datum timestamptz_array(const int64_t* v, int n) { return by_value_array(v, n, TIMESTAMPTZOID, 8); }

// May elog.
Datum uuid_array(const std::array<uint8_t, 16>* v, int n) {
  Datum* elems = static_cast<Datum*>(palloc(sizeof(Datum) * (n > 0 ? n : 1)));
  for (int i = 0; i < n; ++i) elems[i] = PointerGetDatum(v[i].data());
  ArrayType* a = construct_array(elems, n, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR);
  pfree(elems);
  return PointerGetDatum(a);
}

// May elog.
int64_t get_int64(uint64 i, int j, bool* isnull) {
  bool null = false;
  Datum d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, j, &null);
  if (isnull) *isnull = null;
  return null ? 0 : DatumGetInt64(d);
}

int32_t get_int32(uint64 i, int j) {
  bool null = false;
  Datum d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, j, &null);
  return null ? 0 : DatumGetInt32(d);
}

void get_uuid(uint64 i, int j, std::array<uint8_t, 16>* out) {
  bool null = false;
  Datum d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, j, &null);
  if (!null) memcpy(out->data(), DatumGetUUIDP(d)->data, UUID_LEN);
}

// May elog.
void scan_open(TransitionScan* scan, Tuplestorestate* store, TupleDesc desc) {
  scan->store = store;
  scan->slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
  scan->read_pointer = tuplestore_alloc_read_pointer(store, EXEC_FLAG_REWIND);
  tuplestore_select_read_pointer(store, scan->read_pointer);
  tuplestore_rescan(store);
}

// May elog.
bool scan_next(TransitionScan* scan) {
  return tuplestore_gettupleslot(scan->store, true, false, scan->slot);
}

// May elog. Gives the tuplestore back to its default read pointer.
void scan_close(TransitionScan* scan) {
  tuplestore_select_read_pointer(scan->store, 0);
  ExecDropSingleTupleTableSlot(scan->slot);
}

// May elog.
Out materialize(FunctionCallInfo fcinfo) {
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  if (rsinfo == nullptr || !IsA(rsinfo, ReturnSetInfo) || !(rsinfo->allowedModes & SFRM_Materialize))
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("set-valued function called in context that cannot accept a set")));
  MemoryContext old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
  TupleDesc desc;
  if (get_call_result_type(fcinfo, nullptr, &desc) != TYPEFUNC_COMPOSITE)
    elog(ERROR, "hexdb: return type must be a row type");
  Out out{tuplestore_begin_heap(true, false, work_mem), CreateTupleDescCopy(desc)};
  rsinfo->returnMode = SFRM_Materialize;
  rsinfo->setResult = out.store;
  rsinfo->setDesc = out.desc;
  MemoryContextSwitchTo(old);
  return out;
}

// May elog.
int column(TupleDesc desc, const char* name) {
  for (int i = 0; i < desc->natts; ++i) {
    Form_pg_attribute att = TupleDescAttr(desc, i);
    if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0) return i + 1;
  }
  elog(ERROR, "hexdb: column \"%s\" is missing", name);
  return 0;
}

}  // namespace hexdb::spi
