#include "pg/trigger.hpp"

#include "pg/args.hpp"

extern "C" {
#include "catalog/namespace.h"
#include "catalog/partition.h"
#include "lib/stringinfo.h"
#include "nodes/pg_list.h"
#include "utils/builtins.h"
#include "utils/inval.h"
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

// Whether relid is hexdb.TABLE. May elog.
bool is_hexdb_table(Oid relid, const char* table) {
  Oid hexdb = get_namespace_oid("hexdb", true);
  return OidIsValid(hexdb) && get_relname_relid(table, hexdb) == relid;
}

// Whether the trigger's table is hexdb.TABLE or one of its partitions. May elog.
bool belongs_to(Relation rel, const char* table) {
  if (is_hexdb_table(RelationGetRelid(rel), table)) return true;
  if (!rel->rd_rel->relispartition) return false;
  List* ancestors = get_partition_ancestors(RelationGetRelid(rel));
  bool found = ancestors != NIL && is_hexdb_table(llast_oid(ancestors), table);
  list_free(ancestors);
  return found;
}

// The column lists already checked, per (specs, table). Plain data: lives for the backend.
struct CachedColumns {
  const ColumnSpec* specs;  // null: a free slot
  Oid relid;
  int attnums[kMaxColumns];
};
constexpr int kCacheSize = 16;
CachedColumns cache[kCacheSize];
int cache_next = 0;
bool callback_registered = false;

// Relcache callback: forget what was checked about relid (InvalidOid: about every table).
void forget(Datum, Oid relid) {
  for (CachedColumns& c : cache)
    if (c.specs && (relid == InvalidOid || c.relid == relid)) c.specs = nullptr;
}

const CachedColumns* cached(const ColumnSpec* specs, Oid relid) {
  for (const CachedColumns& c : cache)
    if (c.specs == specs && c.relid == relid) return &c;
  return nullptr;
}

// Looks each column up by name and checks its type. May elog.
void check_columns(const TriggerData* td, const ColumnSpec* specs, int n, int* attnums) {
  TupleDesc desc = RelationGetDescr(td->tg_relation);
  for (int k = 0; k < n; ++k) {
    int found = 0;
    for (int i = 0; i < desc->natts && !found; ++i) {
      Form_pg_attribute att = TupleDescAttr(desc, i);
      if (att->attisdropped || strcmp(NameStr(att->attname), specs[k].name) != 0) continue;
      if (att->atttypid != specs[k].type)
        ereport(ERROR, (errcode(ERRCODE_DATATYPE_MISMATCH),
                        errmsg("column \"%s\" of table %s has type %s, but this trigger reads it as %s",
                               specs[k].name, table_name(td), format_type_be(att->atttypid),
                               format_type_be(specs[k].type)),
                        errtable(td->tg_relation), rule("trigger_column_type")));
      found = i + 1;
    }
    if (!found)
      ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                      errmsg("table %s has no column \"%s\", which this trigger reads", table_name(td), specs[k].name),
                      errtable(td->tg_relation), rule("trigger_column_missing")));
    attnums[k] = found;
  }
}

}  // namespace

TriggerData* trigger_data(FunctionCallInfo fcinfo, const TriggerShape& shape) {
  if (!CALLED_AS_TRIGGER(fcinfo))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("%s must be fired %s", shape.function,
                           describe(shape.before, shape.for_each_row, shape.events)),
                    errdetail("It was called as a plain function."), rule("trigger_shape")));
  auto* td = reinterpret_cast<TriggerData*>(fcinfo->context);
  TriggerEvent e = td->tg_event;
  bool before = TRIGGER_FIRED_BEFORE(e), row = TRIGGER_FIRED_FOR_ROW(e);
  if (before != shape.before || row != shape.for_each_row || !(event_of(e) & shape.events))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("%s must be fired %s", shape.function,
                           describe(shape.before, shape.for_each_row, shape.events)),
                    errdetail("It was fired %s on table %s.", describe(before, row, event_of(e)), table_name(td)),
                    errtable(td->tg_relation), rule("trigger_shape")));
  if (!belongs_to(td->tg_relation, shape.table))
    ereport(ERROR, (errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
                    errmsg("%s must be fired on table hexdb.%s, not on %s", shape.function, shape.table,
                           table_name(td)),
                    errtable(td->tg_relation), rule("trigger_table")));
  return td;
}

void columns(const TriggerData* td, const ColumnSpec* specs, int n, int* attnums) {
  Assert(n <= kMaxColumns);
  Oid relid = RelationGetRelid(td->tg_relation);
  if (const CachedColumns* c = cached(specs, relid)) {
    memcpy(attnums, c->attnums, sizeof(int) * n);
    return;
  }
  if (!callback_registered) {
    CacheRegisterRelcacheCallback(forget, 0);
    callback_registered = true;
  }
  check_columns(td, specs, n, attnums);
  CachedColumns& slot = cache[cache_next];
  cache_next = (cache_next + 1) % kCacheSize;
  slot.specs = specs;
  slot.relid = relid;
  memcpy(slot.attnums, attnums, sizeof(int) * n);
}

}  // namespace hexdb::pg
