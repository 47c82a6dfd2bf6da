// The row-level BEFORE trigger on hexdb.monthly_scores by which an imported history row
// remembers its own score and time (imported_score, imported_at).
extern "C" {
#include "postgres.h"
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
}

#include "pg/boundary.hpp"
#include "pg/trigger.hpp"

namespace {
constexpr hexdb::pg::TriggerShape kShape{"hexdb.monthly_imported_base_trigger()", true, true,
                                         hexdb::pg::kInsert | hexdb::pg::kUpdate, "monthly_scores"};
// score is copied into imported_score and achieved_at into imported_at: the types must agree.
constexpr hexdb::pg::ColumnSpec kColumns[] = {{"score", INT8OID}, {"achieved_at", TIMESTAMPTZOID},
                                              {"imported_score", INT8OID}, {"imported_at", TIMESTAMPTZOID}};
}  // namespace

// May elog; owns no C++ object. Fills imported_score/imported_at from score/achieved_at.
HEXDB_FUNCTION(hexdb_monthly_imported_base_trigger) {
  TriggerData* td = hexdb::pg::trigger_data(fcinfo, kShape);
  HeapTuple tuple = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
  TupleDesc desc = td->tg_relation->rd_att;
  int c[4];
  hexdb::pg::columns(td, kColumns, 4, c);
  int c_score = c[0], c_at = c[1], c_iscore = c[2], c_iat = c[3];
  bool null_score, null_at, null_iscore, null_iat;
  Datum score = heap_getattr(tuple, c_score, desc, &null_score);
  Datum at = heap_getattr(tuple, c_at, desc, &null_at);
  heap_getattr(tuple, c_iscore, desc, &null_iscore);
  heap_getattr(tuple, c_iat, desc, &null_iat);
  int cols[2];
  Datum values[2];
  bool nulls[2];
  int n = 0;
  if (null_iscore) cols[n] = c_iscore, values[n] = score, nulls[n] = null_score, ++n;
  if (null_iat) cols[n] = c_iat, values[n] = at, nulls[n] = null_at, ++n;
  if (n == 0) return PointerGetDatum(tuple);
  return PointerGetDatum(heap_modify_tuple_by_cols(tuple, desc, n, cols, values, nulls));
}
