// Argument checks shared by the scores, leaderboard and visits functions. All may elog.
#pragma once

extern "C" {
#include "postgres.h"
#include "fmgr.h"
}

namespace hexdb::args {

// Raises 22004 when argument i is NULL. May elog.
void require(FunctionCallInfo fcinfo, int i, const char* name);

// Raises 22004 for any NULL argument among the first n, naming it. May elog.
void require_all(FunctionCallInfo fcinfo, int n, const char* const* names);

// Raises 22023 when value < min. May elog.
void at_least(int64 value, int64 min, const char* name);

}  // namespace hexdb::args
