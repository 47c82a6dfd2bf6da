// Set-returning functions: hexdb's SRFs materialize their rows into a tuplestore.
#pragma once

extern "C" {
#include "postgres.h"
#include "access/tupdesc.h"
#include "fmgr.h"
#include "utils/tuplestore.h"
}

namespace hexdb::pg {

struct SrfOut {
  Tuplestorestate* store;
  TupleDesc desc;
};

// Sets the call up to return a materialized set of its declared row type. May elog.
SrfOut materialize(FunctionCallInfo fcinfo);

}  // namespace hexdb::pg
