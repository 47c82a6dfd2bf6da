#include "pg/heap_text_scan.hpp"

extern "C" {
#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/tuptable.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
}

#include "pg/datum.hpp"
#include "pg/relation_shape.hpp"

namespace hexdb::pg {

namespace {

// May elog. Whether rel may be read here as the header says; its columns' numbers to s.
bool text_scan_readable(Relation rel, HeapTextScan* s, const char* const* columns, int n) {
  Oid relid = RelationGetRelid(rel);
  if (rel->rd_rel->relkind != RELKIND_RELATION || n > HeapTextScan::kMaxColumns || !may_select(rel, columns, n) ||
      row_security_in_force(rel))
    return false;
  for (int i = 0; i < n; ++i) {
    AttrNumber a = get_attnum(relid, columns[i]);
    if (a <= 0) return false;
    Oid type = getBaseType(TupleDescAttr(RelationGetDescr(rel), a - 1)->atttypid);
    if (type != TEXTOID && type != VARCHAROID) return false;
    s->columns[i] = a;
  }
  s->n = n;
  return true;
}

}  // namespace

bool begin_text_scan(HeapTextScan* s, const char* table, const char* const* columns, int n) {
  Oid relid = get_relname_relid(table, get_namespace_oid("hexdb", false));
  if (!OidIsValid(relid)) return false;
  Relation rel = table_open(relid, AccessShareLock);
  if (!text_scan_readable(rel, s, columns, n)) {
    table_close(rel, AccessShareLock);
    return false;
  }
  s->rel = rel;
  s->slot = table_slot_create(rel, nullptr);
  s->scan = table_beginscan(rel, GetActiveSnapshot(), 0, nullptr);
  s->row_memory = AllocSetContextCreate(CurrentMemoryContext, "hexdb heap text scan row", ALLOCSET_SMALL_SIZES);
  return true;
}

bool next_text_row(HeapTextScan* s, std::string_view* cells, bool* nulls, ItemPointerData* tid) {
  MemoryContextReset(s->row_memory);
  if (!table_scan_getnextslot(s->scan, ForwardScanDirection, s->slot)) return false;
  slot_getallattrs(s->slot);
  MemoryContext outer = MemoryContextSwitchTo(s->row_memory);  // a toasted value's copy
  for (int i = 0; i < s->n; ++i) {
    int at = s->columns[i] - 1;
    nulls[i] = s->slot->tts_isnull[at];
    cells[i] = nulls[i] ? std::string_view() : text_view(s->slot->tts_values[at]);
  }
  MemoryContextSwitchTo(outer);
  *tid = s->slot->tts_tid;
  return true;
}

void end_text_scan(HeapTextScan* s) {
  table_endscan(s->scan);
  ExecDropSingleTupleTableSlot(s->slot);
  MemoryContextDelete(s->row_memory);
  table_close(s->rel, NoLock);  // the lock kept until the transaction ends, as a SELECT's
}

}  // namespace hexdb::pg
