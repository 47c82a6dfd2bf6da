// hexdb.import_insert_users(): import_legacy()'s new users (pg_temp.import_users) written as its
// INSERT would, in COPY's batches (pg::insert_many): the INSERT's own SELECT gives each row's
// values in legacy-id order (a version 7 id each, the password kept when it is a crypt hash,
// else hashed at the interim cost), created_at gets its column default, and every NOT NULL and
// CHECK is evaluated. Into a users table that never held a row, claimed with its indexes
// (pg::claim_for_rebuild: until the import commits, sign-ups and logins wait for it, as they
// would find nobody anyway), the indexes are built once after the load instead of entry by
// entry (0.22 s for 100,000 users against 0.09 s); else each row's entries go in with it,
// unique ones checked as the INSERT checks them.
//
// Taken where that is the same as the INSERT: what open_direct requires, users with the
// columns setup() made and no trigger that fires on INSERT. False otherwise, nothing written:
// import_legacy() then runs the INSERT.
extern "C" {
#include "postgres.h"
#include "access/table.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "nodes/pg_list.h"
#include "rewrite/rewriteHandler.h"
#include "utils/rel.h"
}

#include "pg/boundary.hpp"
#include "pg/direct_rows.hpp"
#include "pg/index_rebuild.hpp"
#include "pg/referenced_row.hpp"
#include "pg/spi.hpp"
#include "pg/spi_cursor.hpp"

namespace {

namespace pg = hexdb::pg;
namespace spi = hexdb::spi;

// users' columns: those the SELECT gives, in its order, then created_at.
enum Column { kUser, kLegacy, kEmail, kNickname, kPassword, kBirth, kRole, kCreated, kColumnCount };
const char* const kNames[kColumnCount] = {"user_id",    "legacy_id", "email", "nickname",
                                          "password_hash", "birth_date", "role",  "created_at"};
const Oid kTypes[kColumnCount] = {UUIDOID, INT4OID, TEXTOID, TEXTOID, TEXTOID, DATEOID, TEXTOID, TIMESTAMPTZOID};

pg::DirectTable users{"users", nullptr, true};
AttrNumber col[kColumnCount];

// May elog. users (locked) against the list above.
bool examine(Relation rel, Relation) {
  return pg::exact_columns(rel, kNames, kTypes, kColumnCount, col) && pg::insert_triggers_are(rel, nullptr, 0);
}

// import_legacy()'s INSERT's SELECT, each value cast to its column's type.
constexpr const char* kNewUsers =
    "SELECT hexdb.uuid_generate_v7(), i.lid::pg_catalog.int4, i.email::pg_catalog.text, "
    "i.nickname::pg_catalog.text, "
    "CASE WHEN hexdb.is_password_hash(i.password::pg_catalog.text) THEN i.password::pg_catalog.text "
    "ELSE hexdb.hash_password(i.password::pg_catalog.text) END, "
    "i.birth_date::pg_catalog.date, i.role::pg_catalog.text "
    "FROM pg_temp.import_users i WHERE i.reason IS NULL AND NOT i.present ORDER BY i.lid";
SPIPlanPtr new_users_plan;

// A batch of the SELECT's rows, and created_at's default.
struct Batch {
  SPITupleTable* rows;
  ExprState* created_default;
  ExprContext* per_row;
};

// May elog: created_at's default is an expression.
void fill(TupleTableSlot* slot, size_t i, void* arg) {
  auto* b = static_cast<Batch*>(arg);
  HeapTuple t = b->rows->vals[i];
  for (int c = kUser; c < kCreated; ++c) {
    bool null;
    Datum v = SPI_getbinval(t, b->rows->tupdesc, c + 1, &null);
    if (!null) pg::put(slot, col[c], v);
  }
  if (b->created_default != nullptr) {
    bool null;
    Datum v = ExecEvalExprSwitchContext(b->created_default, b->per_row, &null);  // by value
    if (!null) pg::put(slot, col[kCreated], v);
  }
}

// The indexes of a users table that never held a row, claimed for their rebuild.
struct Claimed {
  static constexpr int kMax = 16;  // indexes past these are kept row by row
  pg::LaterIndex later[kMax];
  int count = 0;
};

// May elog. Claims rel's indexes when it never held a row (see the header); else none.
void claim(Relation rel, Claimed* out) {
  if (!pg::never_written(rel)) return;
  Oid indexes[Claimed::kMax];
  int n = 0;
  List* all = RelationGetIndexList(rel);
  ListCell* lc;
  foreach (lc, all)
    if (n < Claimed::kMax) indexes[n++] = lfirst_oid(lc);
  list_free(all);
  const Oid table = RelationGetRelid(rel);
  const bool empty = true;
  if (!pg::claim_for_rebuild(&table, &empty, 1, indexes, n)) return;
  for (int k = 0; k < n; ++k) out->later[k] = {indexes[k], nullptr};
  out->count = n;
}

// May elog. created_at's default, prepared once for the statement (nullptr: none, NULL).
ExprState* created_default(pg::DirectRows* w) {
  Node* expr = build_column_default(w->rel, col[kCreated]);
  return expr == nullptr ? nullptr : ExecPrepareExpr(reinterpret_cast<Expr*>(expr), w->estate);
}

}  // namespace

// May throw. Whether the rows were written.
HEXDB_FUNCTION(hexdb_import_insert_users) {
  Relation rel = pg::call([] { return pg::open_direct(&users, examine, nullptr); });
  if (rel == nullptr) PG_RETURN_BOOL(false);
  pg::call([] { spi::connect(); });
  pg::DirectRows w;
  Claimed claimed;
  Batch b{};
  pg::call([&] {
    claim(rel, &claimed);
    pg::begin_direct(&w, rel, &users);
    b.created_default = created_default(&w);
    b.per_row = GetPerTupleExprContext(w.estate);
  });
  spi::for_each_batch(&new_users_plan, kNewUsers, 0, nullptr, nullptr, false, 10000, [&](uint64 n) {
    pg::call([&] {
      b.rows = SPI_tuptable;
      pg::insert_many(&w, n, fill, &b, claimed.later, claimed.count);
    });
  });
  pg::call([&] {
    pg::end_direct(&w);
    for (int k = 0; k < claimed.count; ++k) pg::rebuild_index(claimed.later[k].index);
    spi::finish();
  });
  PG_RETURN_BOOL(true);
}
