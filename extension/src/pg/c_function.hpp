// Recognising hexdb's own C functions behind SQL names (a trigger's function, say), whatever
// schema or name they were given, and however they were redefined since. May elog.
#pragma once

extern "C" {
#include "postgres.h"
#include "fmgr.h"
}

namespace hexdb::pg {

// Whether SQL function fn is the C function `ours` (whatever its SET clauses or SECURITY
// DEFINER, which fmgr would wrap it in). A redefinition is a PROCOID syscache invalidation
// (pg/direct_rows.hpp's open_direct listens for it). May elog.
bool is_c_function(Oid fn, PGFunction ours);

}  // namespace hexdb::pg
