#include "pg/srf.hpp"

extern "C" {
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
}

namespace hexdb::pg {

SrfOut materialize(FunctionCallInfo fcinfo) {
  auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
  if (rsinfo == nullptr || !IsA(rsinfo, ReturnSetInfo) || !(rsinfo->allowedModes & SFRM_Materialize))
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("set-valued function called in context that cannot accept a set")));
  MemoryContext old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
  TupleDesc desc;
  if (get_call_result_type(fcinfo, nullptr, &desc) != TYPEFUNC_COMPOSITE)
    elog(ERROR, "hexdb: return type must be a row type");
  SrfOut out{tuplestore_begin_heap(true, false, work_mem), CreateTupleDescCopy(desc)};
  rsinfo->returnMode = SFRM_Materialize;
  rsinfo->setResult = out.store;
  rsinfo->setDesc = out.desc;
  MemoryContextSwitchTo(old);
  return out;
}

}  // namespace hexdb::pg
