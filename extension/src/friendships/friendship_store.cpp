#include "friendships/friendship_store.hpp"

extern "C" {
#include "access/genam.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapmgr.h"
#include "utils/uuid.h"
}

#include <cstring>
#include <string_view>

#include "pg/compat.hpp"
#include "pg/datum.hpp"
#include "pg/spi.hpp"

namespace hexdb::friendship::store {

namespace {

SPIPlanPtr lock_plan, insert_plan, update_plan, delete_plan;

Status status_of(Datum d) { return status_or_refuse(pg::text_view(d)); }

Datum status_datum(Status s) { return CStringGetTextDatum(name(s)); }

}  // namespace

namespace {

// Whether hexdb.users has the row, as the running statement's snapshot sees it. A probe of the
// primary key index, not an SPI query: this runs for every inserted friendship, and an SPI
// query here cost more than the rest of the trigger and the pg_notify together. May elog.
bool user_exists(Relation users, Relation pkey, TupleTableSlot* slot, const UserId& id) {
  ScanKeyData key;
  ScanKeyInit(&key, 1, BTEqualStrategyNumber, F_UUID_EQ, pg::uuid_datum(id));
  IndexScanDesc scan = pg::compat::index_beginscan(users, pkey, GetActiveSnapshot(), 1, 0);
  index_rescan(scan, &key, 1, nullptr, 0);
  bool found = index_getnext_slot(scan, ForwardScanDirection, slot);
  index_endscan(scan);
  return found;
}

// users' primary key index, which the probe above reads as one uuid key: hexdb.users is the
// studio's table, and a primary key moved to another column would make the probe compare
// other data as uuids. May elog.
Relation open_user_id_index(Relation users) {
  Oid pkey_oid = pg::compat::primary_key_index(users);
  Relation pkey = OidIsValid(pkey_oid) ? index_open(pkey_oid, AccessShareLock) : nullptr;
  AttrNumber user_id = get_attnum(RelationGetRelid(users), "user_id");
  if (pkey == nullptr || IndexRelationGetNumberOfKeyAttributes(pkey) != 1 ||
      pkey->rd_index->indkey.values[0] != user_id || user_id == InvalidAttrNumber ||
      get_atttype(RelationGetRelid(users), user_id) != UUIDOID) {
    if (pkey != nullptr) index_close(pkey, AccessShareLock);
    ereport(ERROR, (errcode(ERRCODE_INVALID_TABLE_DEFINITION),
                    errmsg("hexdb.users must have its primary key on user_id (uuid) alone"),
                    errtable(users)));
  }
  return pkey;
}

}  // namespace

void require_users(const UserId& a, const UserId& b) {
  Oid users_oid = get_relname_relid("users", get_namespace_oid("hexdb", false));
  if (!OidIsValid(users_oid)) elog(ERROR, "hexdb: table hexdb.users is missing");
  Relation users = table_open(users_oid, AccessShareLock);
  Relation pkey = open_user_id_index(users);
  TupleTableSlot* slot = table_slot_create(users, nullptr);
  bool a_exists = user_exists(users, pkey, slot, a);
  bool b_exists = user_exists(users, pkey, slot, b);
  ExecDropSingleTupleTableSlot(slot);
  index_close(pkey, AccessShareLock);
  table_close(users, AccessShareLock);
  if (!a_exists) refuse_missing_user(a);
  if (!b_exists) refuse_missing_user(b);
}

std::optional<Locked> lock_pair(const UserId& a, const UserId& b) {
  static const Oid types[] = {UUIDOID, UUIDOID};
  SPIPlanPtr plan = spi::prepared(
      &lock_plan,
      "SELECT id, requester_id, receiver_id, status FROM hexdb.friendships"
      " WHERE LEAST(requester_id, receiver_id) OPERATOR(pg_catalog.=) LEAST($1, $2)"
      "   AND GREATEST(requester_id, receiver_id) OPERATOR(pg_catalog.=) GREATEST($1, $2)"
      "   FOR UPDATE",
      2, types);
  Datum args[] = {pg::uuid_datum(a), pg::uuid_datum(b)};
  if (spi::execute(plan, args, false, 1) == 0) return std::nullopt;
  bool isnull;
  Locked locked;
  locked.id = spi::get_int64(0, 1);
  spi::get_uuid(0, 2, &locked.row.requester);
  spi::get_uuid(0, 3, &locked.row.receiver);
  locked.row.status = status_of(spi::get_datum(0, 4, &isnull));
  return locked;
}

bool insert(const Row& row) {
  static const Oid types[] = {UUIDOID, UUIDOID, TEXTOID};
  SPIPlanPtr plan = spi::prepared(
      &insert_plan,
      "INSERT INTO hexdb.friendships (requester_id, receiver_id, status) VALUES ($1, $2, $3)"
      " ON CONFLICT ((LEAST(requester_id, receiver_id)), (GREATEST(requester_id, receiver_id)))"
      " DO NOTHING",
      3, types);
  Datum args[] = {pg::uuid_datum(row.requester), pg::uuid_datum(row.receiver), status_datum(row.status)};
  return spi::execute(plan, args, false) == 1;
}

void update(int64 id, const Row& row) {
  static const Oid types[] = {INT8OID, UUIDOID, UUIDOID, TEXTOID};
  SPIPlanPtr plan = spi::prepared(
      &update_plan,
      "UPDATE hexdb.friendships SET requester_id = $2, receiver_id = $3, status = $4 WHERE id OPERATOR(pg_catalog.=) $1",
      4, types);
  Datum args[] = {Int64GetDatum(id), pg::uuid_datum(row.requester), pg::uuid_datum(row.receiver),
                  status_datum(row.status)};
  spi::execute(plan, args, false);
}

void remove(int64 id) {
  static const Oid types[] = {INT8OID};
  SPIPlanPtr plan = spi::prepared(&delete_plan, "DELETE FROM hexdb.friendships WHERE id OPERATOR(pg_catalog.=) $1", 1, types);
  Datum args[] = {Int64GetDatum(id)};
  spi::execute(plan, args, false);
}

}  // namespace hexdb::friendship::store
