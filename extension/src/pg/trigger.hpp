// How hexdb's trigger functions refuse to run as anything but what they were written for.
// Any role may attach any trigger function to any table, so each one states its shape and
// checks it on every call: one SQLSTATE (39P01), one message shape, naming the table.
// Every function here may elog.
#pragma once

extern "C" {
#include "postgres.h"
#include "access/tupdesc.h"
#include "commands/trigger.h"
#include "fmgr.h"
}

namespace hexdb::pg {

enum TriggerEvents : int { kInsert = 1, kUpdate = 2, kDelete = 4, kTruncate = 8 };

struct TriggerShape {
  const char* function;  // e.g. "hexdb.friendship_check()"
  bool before;           // BEFORE, else AFTER
  bool for_each_row;     // FOR EACH ROW, else FOR EACH STATEMENT
  int events;            // TriggerEvents allowed
};

// The call's TriggerData, or 39P01 "FUNCTION must be fired SHAPE" when the call is not a
// trigger of that shape.
TriggerData* trigger_data(FunctionCallInfo fcinfo, const TriggerShape& shape);

// The attribute number of a column the trigger reads, or 39P01 naming the table when the
// table has no such column.
int column(TupleDesc desc, const char* name, const TriggerData* td);

}  // namespace hexdb::pg
