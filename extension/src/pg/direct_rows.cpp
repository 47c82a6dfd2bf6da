#include "pg/direct_rows.hpp"

extern "C" {
#include "access/genam.h"
#include "access/heapam.h"
#include "access/relation.h"
#include "access/relscan.h"
#include "access/skey.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "catalog/pg_am.h"
#include "catalog/pg_am_d.h"
#include "commands/trigger.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "access/xact.h"
#include "executor/executor.h"
#include "optimizer/optimizer.h"
#include "storage/lmgr.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
}

#include "pg/compat.hpp"
#include "pg/index_scan.hpp"

namespace hexdb::pg {

namespace {

// In *memory, which is reset first.
ExprState** prepare_checks(Relation rel, MemoryContext* memory) {
  MemoryContextReset(*memory);
  TupleConstr* constr = RelationGetDescr(rel)->constr;
  int n = constr != nullptr ? constr->num_check : 0;
  MemoryContext old = MemoryContextSwitchTo(*memory);
  auto** prepared = static_cast<ExprState**>(palloc0(sizeof(ExprState*) * (n + 1)));
  for (int i = 0; i < n; ++i) {
    if (!compat::check_enforced(constr->check[i])) continue;
    Expr* e = expression_planner(static_cast<Expr*>(stringToNode(constr->check[i].ccbin)));
    prepared[i] = ExecInitExpr(e, nullptr);
  }
  MemoryContextSwitchTo(old);
  return prepared;
}

// Every DirectTable this backend has used. One relcache callback and one syscache callback
// serve them all: PostgreSQL allows ten relcache callbacks a backend, its own and every
// extension's included, and hexdb writes more tables directly than that.
constexpr int kMaxTables = 16;
DirectTable* known_tables[kMaxTables];
int known_count = 0;

void forget_direct_tables(Datum, Oid relid) {
  for (int i = 0; i < known_count; ++i) {
    DirectTable* t = known_tables[i];
    if (relid == InvalidOid || relid == t->relid || relid == t->with || relid == t->primary_key) t->checked = false;
  }
}

// An examination may recognise trigger functions (pg/c_function.hpp), which can be redefined
// (their owner, SECURITY DEFINER, settings) with no change to the table.
void forget_after_function_change(Datum, int, uint32) {
  for (int i = 0; i < known_count; ++i) known_tables[i]->checked = false;
}

// May elog. t among the known tables, the callbacks registered with the first.
void remember(DirectTable* t) {
  if (known_count == kMaxTables) elog(ERROR, "hexdb: more than %d tables written directly", kMaxTables);
  if (known_count == 0) {
    CacheRegisterRelcacheCallback(forget_direct_tables, 0);
    CacheRegisterSyscacheCallback(PROCOID, forget_after_function_change, 0);
  }
  known_tables[known_count++] = t;
}

// The primary key's columns and equality functions, for find_latest; false without one that a
// btree with plain columns serves.
bool key_of(DirectTable* t) {
  if (!OidIsValid(t->primary_key)) return true;  // a table only ever appended to
  Relation index = index_open(t->primary_key, AccessShareLock);
  bool ok = index->rd_rel->relam == BTREE_AM_OID;
  t->keys = IndexRelationGetNumberOfKeyAttributes(index);
  for (int i = 0; ok && i < t->keys; ++i) {
    t->key_columns[i] = index->rd_index->indkey.values[i];
    Oid type = index->rd_opcintype[i];
    Oid op = get_opfamily_member(index->rd_opfamily[i], type, type, BTEqualStrategyNumber);
    ok = t->key_columns[i] > 0 && OidIsValid(op);
    if (ok) t->key_equals[i] = get_opcode(op);
  }
  index_close(index, AccessShareLock);
  return ok;
}

// The checks open_direct makes itself. A rule would rewrite the SQL statement (rd_rules: the
// catalog's relhasrules stays set after the last rule is dropped, until a VACUUM); a partition
// has a constraint that ExecConstraints does not check.
bool plain_table(Relation rel, const DirectTable* t) {
  if (rel->rd_rel->relkind != RELKIND_RELATION || rel->rd_rel->relam != HEAP_TABLE_AM_OID ||
      rel->rd_rel->relispartition || rel->rd_rel->relrowsecurity || rel->rd_rules != nullptr)
    return false;
  TupleDesc desc = RelationGetDescr(rel);
  for (int i = 0; i < desc->natts; ++i) {
    Form_pg_attribute a = TupleDescAttr(desc, i);
    if (a->attisdropped) continue;
    bool may_be_identity = t->identity != nullptr && strcmp(NameStr(a->attname), t->identity) == 0;
    if (a->attgenerated != '\0' || (a->attidentity != '\0' && !may_be_identity)) return false;
  }
  return true;
}

// A virtual slot emptied for a new row: every column NULL, as an INSERT that names none.
void clear_row(TupleTableSlot* r) {
  ExecClearTuple(r);
  for (int i = 0; i < r->tts_tupleDescriptor->natts; ++i) r->tts_values[i] = 0, r->tts_isnull[i] = true;
}

}  // namespace

bool exact_columns(Relation rel, const char* const* names, const Oid* types, int n, AttrNumber* out) {
  TupleDesc desc = RelationGetDescr(rel);
  int live = 0;
  for (int i = 0; i < desc->natts; ++i) live += !TupleDescAttr(desc, i)->attisdropped;
  for (int c = 0; c < n; ++c) {
    out[c] = get_attnum(RelationGetRelid(rel), names[c]);
    if (out[c] == InvalidAttrNumber || TupleDescAttr(desc, out[c] - 1)->atttypid != types[c]) return false;
  }
  return live == n;
}

Relation open_direct(DirectTable* t, Examine examine, Relation with) {
  if (t->memory == nullptr) {  // first use in this backend
    remember(t);
    t->memory = AllocSetContextCreate(CacheMemoryContext, "hexdb direct writes", ALLOCSET_SMALL_SIZES);
  }
  if (XactIsoLevel != XACT_READ_COMMITTED || SessionReplicationRole != SESSION_REPLICATION_ROLE_ORIGIN ||
      XactReadOnly)
    return nullptr;
  Oid with_id = with != nullptr ? RelationGetRelid(with) : InvalidOid;
  Relation rel = t->checked ? try_relation_open(t->relid, RowExclusiveLock) : nullptr;
  if (rel != nullptr && (!t->checked || t->with != with_id)) {
    relation_close(rel, RowExclusiveLock);  // changed before the lock was ours: look again
    rel = nullptr;
  }
  if (rel == nullptr) {
    Oid ns = get_namespace_oid("hexdb", true);
    Oid oid = OidIsValid(ns) ? get_relname_relid(t->name, ns) : InvalidOid;
    rel = OidIsValid(oid) ? try_relation_open(oid, RowExclusiveLock) : nullptr;
    if (rel == nullptr) return nullptr;
    t->checked = true;
    t->relid = oid;
    t->with = with_id;
    t->primary_key = compat::primary_key_index(rel);
    t->usable = plain_table(rel, t) && key_of(t) && examine(rel, with);
    if (t->usable) t->checks = prepare_checks(rel, &t->memory);
  }
  const AclMode rights = ACL_SELECT | ACL_INSERT | (t->insert_only ? 0 : ACL_UPDATE);
  if (!t->usable || pg_class_aclmask(t->relid, GetUserId(), rights, ACLMASK_ALL) != rights) {
    relation_close(rel, RowExclusiveLock);
    return nullptr;
  }
  CheckCmdReplicaIdentity(rel, t->insert_only ? CMD_INSERT : CMD_UPDATE);
  return rel;
}

void begin_direct(DirectRows* w, Relation rel, const DirectTable* t) {
  w->rel = rel;
  w->table = t;
  w->estate = CreateExecutorState();
  w->estate->es_output_cid = GetCurrentCommandId(true);
  w->rri = makeNode(ResultRelInfo);
  InitResultRelInfo(w->rri, rel, 0, nullptr, 0);
  compat::check_expressions(w->rri) = t->checks;  // ExecConstraints then prepares nothing
  ExecOpenIndices(w->rri, true);
  bool keyed = OidIsValid(t->primary_key);
  w->key = keyed ? table_slot_create(rel, nullptr) : nullptr;
  w->found = keyed ? table_slot_create(rel, nullptr) : nullptr;
  w->row = MakeSingleTupleTableSlot(RelationGetDescr(rel), &TTSOpsVirtual);
}

void end_direct(DirectRows* w) {
  ExecDropSingleTupleTableSlot(w->row);
  if (w->found != nullptr) ExecDropSingleTupleTableSlot(w->found);
  if (w->key != nullptr) ExecDropSingleTupleTableSlot(w->key);
  ExecCloseIndices(w->rri);
  FreeExecutorState(w->estate);
  table_close(w->rel, NoLock);  // the lock stays until the transaction ends, as a statement's
}

void set_key(DirectRows* w, const AttrNumber* columns, const Datum* values, int n) {
  TupleTableSlot* s = w->key;
  ExecClearTuple(s);
  for (int i = 0; i < s->tts_tupleDescriptor->natts; ++i) s->tts_isnull[i] = true;
  for (int i = 0; i < n; ++i) s->tts_values[columns[i] - 1] = values[i], s->tts_isnull[columns[i] - 1] = false;
  ExecStoreVirtualTuple(s);
}

bool find_locked(DirectRows* w) {
  // Logical replication's lookup: a dirty snapshot, a wait for any writer of the row, then
  // the lock on its latest version (again if it moved meanwhile).
  return RelationFindReplTupleByIndex(w->rel, w->table->primary_key, LockTupleNoKeyExclusive, w->key, w->found);
}

bool find_latest(DirectRows* w) {
  const DirectTable* t = w->table;
  Relation index = nullptr;
  for (int i = 0; i < w->rri->ri_NumIndices; ++i) {
    if (RelationGetRelid(w->rri->ri_IndexRelationDescs[i]) == t->primary_key) index = w->rri->ri_IndexRelationDescs[i];
  }
  if (index == nullptr) elog(ERROR, "hexdb: the primary key of %s is not open", RelationGetRelationName(w->rel));
  ScanKeyData keys[INDEX_MAX_KEYS];
  for (int i = 0; i < t->keys; ++i) {
    ScanKeyInit(&keys[i], i + 1, BTEqualStrategyNumber, t->key_equals[i], w->key->tts_values[t->key_columns[i] - 1]);
    keys[i].sk_collation = index->rd_indcollation[i];
  }
  Snapshot snapshot = RegisterSnapshot(GetLatestSnapshot());
  bool found = first_row(w->rel, index, snapshot, keys, t->keys, w->found);
  UnregisterSnapshot(snapshot);
  return found;
}

void start_row(DirectRows* w, bool from_found) {
  TupleTableSlot* r = w->row;
  clear_row(r);
  if (from_found) {
    slot_getallattrs(w->found);
    int n = r->tts_tupleDescriptor->natts;
    memcpy(r->tts_values, w->found->tts_values, n * sizeof(Datum));
    memcpy(r->tts_isnull, w->found->tts_isnull, n * sizeof(bool));
  }
  ExecStoreVirtualTuple(r);
}

void update_found(DirectRows* w) {
  ExecConstraints(w->rri, w->row, w->estate);
  bool summarizing;
  if (compat::update_row(w->rel, &w->found->tts_tid, w->row, GetActiveSnapshot(), &summarizing))
    list_free(compat::insert_index_entries(w->rri, w->row, w->estate, true, false, nullptr, NIL, summarizing));
  ResetPerTupleExprContext(w->estate);
}

namespace {

// The index entries of a row just inserted (no unique key arbitrates), rri's indexes.
void insert_entries(ResultRelInfo* rri, TupleTableSlot* slot, EState* estate) {
  list_free(compat::insert_index_entries(rri, slot, estate, false, false, nullptr, NIL, false));
  ResetPerTupleExprContext(estate);
}

// One index alone out of rri (a shallow copy for ExecInsertIndexTuples, which reads only the
// index arrays and the relation); false when rri has no such index.
bool index_alone(const ResultRelInfo* rri, Oid index, ResultRelInfo* alone) {
  int k = 0, n = rri->ri_NumIndices;
  while (k < n && RelationGetRelid(rri->ri_IndexRelationDescs[k]) != index) ++k;
  if (k == n) return false;
  *alone = *rri;
  alone->ri_NumIndices = 1;
  alone->ri_IndexRelationDescs = &rri->ri_IndexRelationDescs[k];
  alone->ri_IndexRelationInfo = &rri->ri_IndexRelationInfo[k];
  return true;
}

// rri's indexes but those of later[0..count) (the shallow copy as above).
void indexes_but(const ResultRelInfo* rri, const LaterIndex* later, int count, ResultRelInfo* others) {
  int n = rri->ri_NumIndices;
  *others = *rri;
  others->ri_NumIndices = 0;
  others->ri_IndexRelationDescs = static_cast<RelationPtr>(palloc(Max(n, 1) * sizeof(Relation)));
  others->ri_IndexRelationInfo = static_cast<IndexInfo**>(palloc(Max(n, 1) * sizeof(IndexInfo*)));
  for (int i = 0; i < n; ++i) {
    Oid id = RelationGetRelid(rri->ri_IndexRelationDescs[i]);
    bool deferred = false;
    for (int j = 0; j < count; ++j) deferred = deferred || later[j].index == id;
    if (deferred) continue;
    others->ri_IndexRelationDescs[others->ri_NumIndices] = rri->ri_IndexRelationDescs[i];
    others->ri_IndexRelationInfo[others->ri_NumIndices++] = rri->ri_IndexRelationInfo[i];
  }
}

}  // namespace

void insert_plain(DirectRows* w) {
  ExecConstraints(w->rri, w->row, w->estate);
  simple_table_tuple_insert(w->rel, w->row);
  insert_entries(w->rri, w->row, w->estate);
}

Oid single_column_index(const DirectRows& w, AttrNumber column) {
  for (int i = 0; i < w.rri->ri_NumIndices; ++i) {
    Relation index = w.rri->ri_IndexRelationDescs[i];
    if (index->rd_index->indnkeyatts == 1 && index->rd_index->indkey.values[0] == column)
      return RelationGetRelid(index);
  }
  return InvalidOid;
}

int every_index(const DirectRows& w, LaterIndex* out, int max) {
  int n = 0;
  for (int i = 0; i < w.rri->ri_NumIndices && n < max; ++i) out[n++] = {RelationGetRelid(w.rri->ri_IndexRelationDescs[i]), nullptr};
  return n;
}

void insert_many(DirectRows* w, size_t n, void (*fill)(TupleTableSlot*, size_t, void*), void* arg,
                 const LaterIndex* later, int later_count) {
  constexpr int kBatch = 1000;  // COPY's MAX_BUFFERED_TUPLES
  TupleTableSlot* slots[kBatch];
  int made = static_cast<int>(n < kBatch ? n : kBatch);
  // The table's own slots, as COPY's: table_multi_insert forms each row's heap tuple in its
  // slot, freed when the slot is cleared for the next batch. From a virtual slot it would copy
  // each into the current context instead, kept until the caller's SPI_finish (190 MB for an
  // import's million scores).
  for (int i = 0; i < made; ++i) slots[i] = table_slot_create(w->rel, nullptr);
  if (later == nullptr || n == 0) later_count = 0;
  ResultRelInfo others;
  indexes_but(w->rri, later, later_count, &others);
  ItemPointerData* tids =
      later_count > 0 ? static_cast<ItemPointerData*>(palloc_extended(n * sizeof(ItemPointerData), MCXT_ALLOC_HUGE))
                      : nullptr;
  BulkInsertState bulk = GetBulkInsertState();
  for (size_t from = 0; from < n; from += kBatch) {
    // Nothing below checks for a cancel or statement_timeout: an import's million rows would
    // run to the end.
    CHECK_FOR_INTERRUPTS();
    int count = static_cast<int>(n - from < kBatch ? n - from : kBatch);
    for (int i = 0; i < count; ++i) {
      TupleTableSlot* s = slots[i];
      clear_row(s);
      fill(s, from + i, arg);
      ExecStoreVirtualTuple(s);
      ExecConstraints(w->rri, s, w->estate);
      ResetPerTupleExprContext(w->estate);
    }
    table_multi_insert(w->rel, slots, count, w->estate->es_output_cid, 0, bulk);
    for (int i = 0; i < count; ++i) {
      insert_entries(&others, slots[i], w->estate);
      if (tids != nullptr) tids[from + i] = slots[i]->tts_tid;
    }
  }
  table_finish_bulk_insert(w->rel, 0);
  FreeBulkInsertState(bulk);
  for (int k = 0; k < later_count; ++k) {
    ResultRelInfo alone;
    if (later[k].order == nullptr || !index_alone(w->rri, later[k].index, &alone)) continue;
    for (size_t i = 0; i < n; ++i) {
      if (i % kBatch == 0) CHECK_FOR_INTERRUPTS();
      size_t row = later[k].order[i];
      TupleTableSlot* s = slots[0];
      clear_row(s);
      fill(s, row, arg);
      ExecStoreVirtualTuple(s);
      s->tts_tid = tids[row];
      insert_entries(&alone, s, w->estate);
    }
  }
  pfree(others.ri_IndexRelationDescs);
  pfree(others.ri_IndexRelationInfo);
  if (tids != nullptr) pfree(tids);
  for (int i = 0; i < made; ++i) ExecDropSingleTupleTableSlot(slots[i]);
}

bool insert_row(DirectRows* w) {
  ExecConstraints(w->rri, w->row, w->estate);
  // ExecInsert's ON CONFLICT sequence: a conflicting index entry found after the heap tuple
  // went in makes it "super-delete" that tuple (no other writer ever waits on it).
  uint32 token = SpeculativeInsertionLockAcquire(GetCurrentTransactionId());
  table_tuple_insert_speculative(w->rel, w->row, w->estate->es_output_cid, 0, nullptr, token);
  bool conflict = false;
  List* arbiters = list_make1_oid(w->table->primary_key);
  list_free(compat::insert_index_entries(w->rri, w->row, w->estate, false, true, &conflict, arbiters, false));
  table_tuple_complete_speculative(w->rel, w->row, token, !conflict);
  SpeculativeInsertionLockRelease(GetCurrentTransactionId());
  list_free(arbiters);
  ResetPerTupleExprContext(w->estate);
  return !conflict;
}

}  // namespace hexdb::pg
