#include "friendships/friendship_store.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/uuid.h"
}

#include <cstring>
#include <string_view>

#include "pg/datum.hpp"
#include "pg/spi.hpp"
#include "users/user_index.hpp"

namespace hexdb::friendship::store {

namespace {

SPIPlanPtr lock_plan, insert_plan, update_plan, delete_plan;

Datum status_datum(Status s) { return CStringGetTextDatum(name(s)); }

}  // namespace

void require_users(const UserId& a, const UserId& b) {
  users::UserIndex index = users::open_user_index();
  bool a_exists = users::user_exists(index, pg::uuid_datum(a));
  bool b_exists = users::user_exists(index, pg::uuid_datum(b));
  users::close_user_index(index);
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
  Locked locked;
  locked.id = spi::get_int64(0, 1);
  spi::get_uuid(0, 2, &locked.row.requester);
  spi::get_uuid(0, 3, &locked.row.receiver);
  locked.row.status = status_or_refuse(spi::get_text(0, 4).value_or(std::string_view()));
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
