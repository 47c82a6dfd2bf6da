// Rows written through the table AM rather than an SQL statement, for hexdb's derived tables
// on a hot path (scores/monthly_direct, scores/rank_counts): what INSERT ... ON CONFLICT DO
// UPDATE does for one row, without executor start-up, planning or the CHECK expressions parsed
// again per statement. The caller decides when that is the same as SQL (triggers, row-level
// security, privileges, isolation level): nothing here fires a trigger. Every function here
// may elog.
#pragma once

extern "C" {
#include "postgres.h"
#include "executor/tuptable.h"
#include "nodes/execnodes.h"
#include "utils/relcache.h"
}

namespace hexdb::pg {

// A hexdb table as last examined for direct writes; valid until it, `with` (the other table
// its examination looked at) or any function (a trigger's, recognised by pg/c_function.hpp)
// changes.
struct DirectTable {
  const char* name;  // in schema hexdb
  // The one column that may be an identity column (its value then comes from the column's
  // sequence, as an INSERT that leaves it out takes it), and whether rows are only inserted
  // (SELECT and INSERT suffice) rather than upserted (UPDATE too).
  const char* identity = nullptr;
  bool insert_only = false;
  bool checked = false, usable = false;
  Oid relid = InvalidOid, primary_key = InvalidOid, with = InvalidOid;
  ExprState** checks = nullptr;  // its CHECK expressions prepared once, as ExecConstraints does per statement
  MemoryContext memory = nullptr;
  // The primary key's columns (table attribute numbers) and their equality functions.
  int keys = 0;
  AttrNumber key_columns[INDEX_MAX_KEYS] = {};
  RegProcedure key_equals[INDEX_MAX_KEYS] = {};
};

// Whether the table's columns are exactly these n (in any order), each of its type; their
// numbers go to out. For the `examine` of a table whose every column is written here.
bool exact_columns(Relation rel, const char* const* names, const Oid* types, int n, AttrNumber* out);

// What a caller requires of the table beyond what open_direct checks itself. May elog.
using Examine = bool (*)(Relation rel, Relation with);

// hexdb.<t->name> opened and locked RowExclusive, when rows may be written to it directly:
// READ COMMITTED (ON CONFLICT's serialization rules at other levels stay with SQL), not a
// read-only transaction (SQL raises the error), session_replication_role origin; a plain heap
// table (not a partition) without rules, row-level security, generated columns or identity
// columns (t->identity aside), that `examine` accepts (called once after any change), on which
// the current user holds SELECT, INSERT and UPDATE (t->insert_only: SELECT and INSERT).
// nullptr otherwise, nothing held: the caller then writes by SQL, which raises whatever error
// applies.
Relation open_direct(DirectTable* t, Examine examine, Relation with);

// One statement's writes to one table.
struct DirectRows {
  Relation rel;  // as open_direct returned it
  const DirectTable* table;
  EState* estate;
  ResultRelInfo* rri;
  TupleTableSlot *key, *found;  // only for a table with a primary key
  TupleTableSlot* row;
};

// On a table open_direct returned (closed by end_direct, its lock kept).
void begin_direct(DirectRows* w, Relation rel, const DirectTable* t);
void end_direct(DirectRows* w);

// Sets w->key's primary-key columns (the rest NULL) before find_locked or find_latest.
void set_key(DirectRows* w, const AttrNumber* columns, const Datum* values, int n);

// Finds the row of w->key through the primary key, waiting for a concurrent writer of it, and
// locks its latest version into w->found. False when there is none.
bool find_locked(DirectRows* w);

// Finds the row of w->key through the primary key as the latest snapshot sees it, into
// w->found, without locking it: for a table whose writers hold a lock of their own that admits
// one at a time (the compaction lock of the rank counts). A writer that does not hold it makes
// update_found fail with "tuple concurrently updated". False when there is none.
bool find_latest(DirectRows* w);

// w->row starts as a copy of w->found (from_found) or all NULL; the caller then sets columns.
void start_row(DirectRows* w, bool from_found);
// Sets a column of a row being filled: w->row, or a slot insert_many hands to its `fill`.
inline void put(TupleTableSlot* row, AttrNumber column, Datum value) {
  row->tts_values[column - 1] = value;
  row->tts_isnull[column - 1] = false;
}
inline void put(DirectRows* w, AttrNumber column, Datum value) { put(w->row, column, value); }

// Replaces the row found (locked by find_locked, or by find_latest) by w->row: constraints
// checked, indexes kept.
void update_found(DirectRows* w);

// Inserts w->row (a table without a unique key to arbitrate).
void insert_plain(DirectRows* w);

// An index whose entries insert_many adds after all the rows, in the order of the rows that
// `order` gives (a permutation of 0..n-1): rows that arrive in one index's order go into
// another's at random places, while entries that arrive in its order each land next to the one
// before (at the right end of a new month or an empty table, without a walk down the tree).
// With no order, insert_many adds none of its entries: the caller rebuilds it after the load
// (pg/index_rebuild.hpp).
struct LaterIndex {
  Oid index;
  const size_t* order;
};

// The index of w's table on `column` alone, InvalidOid when it has none: for a LaterIndex.
Oid single_column_index(const DirectRows& w, AttrNumber column);

// Every index of w's table, as LaterIndexes without an order, into out (room for max); how many.
int every_index(const DirectRows& w, LaterIndex* out, int max);

// Inserts n rows, row i filled by fill(slot, i, arg) into an all-NULL slot of the table's shape,
// in batches through table_multi_insert (COPY's path): NOT NULLs and CHECKs evaluated, every
// index kept (those of later[0..later_count) that the table has last, one after the other); a
// conflict on a unique key raises 23505 as a plain INSERT would. May elog.
void insert_many(DirectRows* w, size_t n, void (*fill)(TupleTableSlot* slot, size_t i, void* arg), void* arg,
                 const LaterIndex* later = nullptr, int later_count = 1);

// Inserts w->row speculatively, as ON CONFLICT does; false, with nothing left behind, when a
// concurrent writer inserted the same key meanwhile (find it then).
bool insert_row(DirectRows* w);

}  // namespace hexdb::pg
