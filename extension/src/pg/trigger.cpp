#include "pg/trigger.hpp"

extern "C" {
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
}

#include <cstring>

namespace hexdb::pg {

namespace {

int event_of(TriggerEvent e) {
  if (TRIGGER_FIRED_BY_INSERT(e)) return kInsert;
  if (TRIGGER_FIRED_BY_UPDATE(e)) return kUpdate;
  if (TRIGGER_FIRED_BY_DELETE(e)) return kDelete;
  return kTruncate;
}

// "BEFORE INSERT OR UPDATE FOR EACH ROW". May elog (palloc).
const char* describe(bool before, bool row, int events) {
  StringInfoData s;
  initStringInfo(&s);
  appendStringInfoString(&s, before ? "BEFORE" : "AFTER");
  static const struct { int bit; const char* word; } kWords[] = {
      {kInsert, "INSERT"}, {kUpdate, "UPDATE"}, {kDelete, "DELETE"}, {kTruncate, "TRUNCATE"}};
  const char* sep = " ";
  for (const auto& w : kWords) {
    if (events & w.bit) appendStringInfo(&s, "%s%s", sep, w.word), sep = " OR ";
  }
  appendStringInfoString(&s, row ? " FOR EACH ROW" : " FOR EACH STATEMENT");
  return s.data;
}

const char* table_name(const TriggerData* td) {
  Relation rel = td->tg_relation;
  return quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)), RelationGetRelationName(rel));
}

}  // namespace

TriggerData* trigger_data(FunctionCallInfo fcinfo, const TriggerShape& shape) {
  const char* wanted = describe(shape.before, shape.for_each_row, shape.events);
  if (!CALLED_AS_TRIGGER(fcinfo))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("%s must be fired %s", shape.function, wanted),
                    errdetail("It was called as a plain function.")));
  auto* td = reinterpret_cast<TriggerData*>(fcinfo->context);
  TriggerEvent e = td->tg_event;
  bool before = TRIGGER_FIRED_BEFORE(e), row = TRIGGER_FIRED_FOR_ROW(e);
  if (before != shape.before || row != shape.for_each_row || !(event_of(e) & shape.events))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("%s must be fired %s", shape.function, wanted),
                    errdetail("It was fired %s on table %s.",
                              describe(before, row, event_of(e)), table_name(td))));
  return td;
}

int column(TupleDesc desc, const char* name, const TriggerData* td) {
  for (int i = 0; i < desc->natts; ++i) {
    Form_pg_attribute att = TupleDescAttr(desc, i);
    if (!att->attisdropped && strcmp(NameStr(att->attname), name) == 0) return i + 1;
  }
  ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                  errmsg("table %s has no column \"%s\", which this trigger reads", table_name(td), name)));
  return 0;
}

}  // namespace hexdb::pg
