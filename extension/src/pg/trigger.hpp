// How hexdb's trigger functions refuse to run as anything but what they were written for.
// Any table owner may attach a trigger function to a table (when granted EXECUTE on it), and
// an owner may alter hexdb's own tables, so each trigger states its shape, its table and the
// columns it reads, and checks them: 39P01 for a wrong firing or table, 42804 for a column of
// another type, each message naming the table. Every function here may elog.
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
  const char* table;     // the table of schema hexdb it belongs to (or to a partition of it)
};

// A column a trigger reads or writes, by name, with the type it must have.
struct ColumnSpec {
  const char* name;
  Oid type;
};

// The call's TriggerData, or 39P01 "FUNCTION must be fired SHAPE" when the call is not a
// trigger of that shape, or is one on a table other than hexdb.TABLE (or its partitions).
TriggerData* trigger_data(FunctionCallInfo fcinfo, const TriggerShape& shape);

// The attribute numbers of the n columns specs names, in order, in td's table: 39P01 when
// one is missing (dropped), 42804 when one has another type. Checked once per table and
// specs, and cached until the table's relcache entry is invalidated (ALTER TABLE).
void columns(const TriggerData* td, const ColumnSpec* specs, int n, int* attnums);

// A cached column list for up to kMaxColumns columns.
constexpr int kMaxColumns = 8;

}  // namespace hexdb::pg
