// import_users()'s new users written as its INSERT would (import/users_write.hpp), in COPY's
// batches (pg::insert_many): the INSERT's own SELECT gives each row's
// values in legacy-id order (a version 7 id each, the password kept when it is a crypt hash,
// else hashed at the interim cost), created_at gets its column default, and every NOT NULL and
// CHECK is evaluated. Into a users table that never held a row, claimed with its indexes
// (pg::claim_for_rebuild: until the import commits, sign-ups and logins wait for it, as they
// would find nobody anyway), the indexes are built once after the load instead of entry by
// entry (0.22 s for 100,000 users against 0.09 s); else each row's entries go in with it,
// unique ones checked as the INSERT checks them.
//
// Taken where that is the same as the INSERT: what open_direct requires, users with the
// columns setup() made and no trigger that fires on INSERT. Otherwise import_users() runs the
// INSERT (insert_users_by_sql).
extern "C" {
#include "postgres.h"
#include "access/table.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "rewrite/rewriteHandler.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rel.h"
}

#include <string>
#include <vector>

#include "import/users_write.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "pg/direct_rows.hpp"
#include "pg/fresh_claim.hpp"
#include "pg/referenced_row.hpp"
#include "pg/spi.hpp"
#include "pg/spi_arrays.hpp"
#include "users/password_work.hpp"
#include "uuid/uuid_now.hpp"

namespace {

namespace pg = hexdb::pg;
namespace spi = hexdb::spi;

// users' columns: those the SELECT gives, in its order, then created_at.
enum Column { kUser, kLegacy, kEmail, kNickname, kPassword, kBirth, kRole, kCreated, kColumnCount };
const char* const kNames[kColumnCount] = {"user_id",    "legacy_id", "email", "nickname",
                                          "password_hash", "birth_date", "role",  "created_at"};
const Oid kTypes[kColumnCount] = {UUIDOID, INT4OID, TEXTOID, TEXTOID, TEXTOID, DATEOID, TEXTOID, TIMESTAMPTZOID};

pg::DirectTable users_table{"users", nullptr, true};
AttrNumber col[kColumnCount];

// May elog. users (locked) against the list above.
bool examine(Relation rel, Relation) {
  return pg::exact_columns(rel, kNames, kTypes, kColumnCount, col) && pg::insert_triggers_are(rel, nullptr, 0);
}

// The INSERT's SELECT of the new users' arrays, each value of its column's type, in legacy-id
// order (the version 7 ids follow it).
#define NEW_USERS                                                                                      \
  "SELECT hexdb.uuid_generate_v7(), r.lid, r.email, r.nickname, "                                      \
  "CASE WHEN hexdb.is_password_hash(r.password) THEN r.password ELSE hexdb.hash_password(r.password) END, " \
  "r.birth_date, r.role "                                                                              \
  "FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), pg_catalog.unnest($4), " \
  "pg_catalog.unnest($5), pg_catalog.unnest($6)) AS r(lid, email, nickname, password, birth_date, role) " \
  "ORDER BY r.lid"
SPIPlanPtr insert_plan;
const Oid kArrayTypes[6] = {INT4ARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, DATEARRAYOID, TEXTARRAYOID};

// May elog. The arrays of u, $1 to $6 of NEW_USERS.
void arrays(const hexdb::import::NewUsers& u, Datum* out) {
  int n = static_cast<int>(u.lid.size());
  out[0] = spi::int4_array(u.lid.data(), n);
  out[1] = spi::text_array(u.email.data(), n);
  out[2] = spi::text_array(u.nickname.data(), n);
  out[3] = spi::text_array(u.password.data(), n);
  out[4] = spi::date_array(u.birth_date.data(), n);
  out[5] = spi::text_array(u.role.data(), n);
}

// The new rows' values, and created_at's default.
struct Rows {
  const hexdb::import::NewUsers* users;
  const std::vector<hexdb::uuid::Bytes>* ids;
  const std::vector<std::string>* hashes;  // "" where the password is kept as it is
  ExprState* created_default;
  ExprContext* per_row;
};

// May elog: created_at's default is an expression.
void fill(TupleTableSlot* slot, size_t i, void* arg) {
  auto* r = static_cast<Rows*>(arg);
  const hexdb::import::NewUsers& u = *r->users;
  const std::string& hash = (*r->hashes)[i];
  pg::put(slot, col[kUser], pg::uuid_ref((*r->ids)[i]));
  pg::put(slot, col[kLegacy], Int32GetDatum(u.lid[i]));
  pg::put(slot, col[kEmail], CStringGetTextDatum(u.email[i]));
  pg::put(slot, col[kNickname], CStringGetTextDatum(u.nickname[i]));
  pg::put(slot, col[kPassword], CStringGetTextDatum(hash.empty() ? u.password[i] : hash.c_str()));
  pg::put(slot, col[kBirth], DateADTGetDatum(u.birth_date[i]));
  pg::put(slot, col[kRole], CStringGetTextDatum(u.role[i]));
  if (r->created_default != nullptr) {
    bool null;
    Datum v = ExecEvalExprSwitchContext(r->created_default, r->per_row, &null);  // by value
    if (!null) pg::put(slot, col[kCreated], v);
  }
}

// May elog. created_at's default, prepared once for the statement (nullptr: none, NULL).
ExprState* created_default(pg::DirectRows* w) {
  Node* expr = build_column_default(w->rel, col[kCreated]);
  return expr == nullptr ? nullptr : ExecPrepareExpr(reinterpret_cast<Expr*>(expr), w->estate);
}

}  // namespace

// May throw.
bool hexdb::import::insert_users_direct(const NewUsers& u) {
  Relation rel = pg::call([] { return pg::open_direct(&users_table, examine, nullptr); });
  if (rel == nullptr) return false;
  size_t n = u.lid.size();
  std::vector<hexdb::uuid::Bytes> ids(n);
  for (auto& id : ids) id = hexdb::uuid::generate_v7();  // in legacy-id order, as the rows come
  std::vector<std::string> hashes(n);
  int cost = pg::call([] { return hexdb::users::allowed_cost(); });
  for (size_t i = 0; i < n; ++i)
    if (!u.hashed[i]) hashes[i] = password::hash(u.password[i], cost, hexdb::users::interrupts());
  pg::DirectRows w;
  pg::FreshClaim claimed;
  Rows rows{&u, &ids, &hashes, nullptr, nullptr};
  pg::call([&] {
    claimed.claim(rel);
    pg::begin_direct(&w, rel, &users_table);
    rows.created_default = created_default(&w);
    rows.per_row = GetPerTupleExprContext(w.estate);
    pg::insert_many(&w, n, fill, &rows, claimed.later, claimed.count);
    pg::end_direct(&w);
    claimed.rebuild();
  });
  return true;
}

// May throw.
void hexdb::import::insert_users_by_sql(const NewUsers& u) {
  pg::call([&] {
    Datum values[6];
    arrays(u, values);
    spi::execute(spi::prepared(&insert_plan,
                               "INSERT INTO hexdb.users (user_id, legacy_id, email, nickname, password_hash, "
                               "birth_date, role) " NEW_USERS,
                               6, kArrayTypes),
                 values, false);
  });
}
