#include "friendship_store.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/uuid.h"
}

#include <cstring>
#include <string_view>

#include "kept_plan.hpp"

namespace hexdb::friendship::store {

namespace {

SPIPlanPtr users_plan, lock_plan, insert_plan, update_plan, delete_plan;

Status status_of(Datum d) {
  text* t = DatumGetTextPP(d);
  return status_or_refuse(std::string_view(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}

Datum status_datum(Status s) { return CStringGetTextDatum(name(s)); }

}  // namespace

UserId user_id(Datum uuid) {
  UserId id;
  std::memcpy(id.data(), DatumGetUUIDP(uuid)->data, UUID_LEN);
  return id;
}

Datum user_datum(const UserId& id) {
  auto* u = static_cast<pg_uuid_t*>(palloc(sizeof(pg_uuid_t)));
  std::memcpy(u->data, id.data(), UUID_LEN);
  return UUIDPGetDatum(u);
}

UserId user_arg(FunctionCallInfo fcinfo, int argno, const char* what) {
  if (PG_ARGISNULL(argno)) refuse_null(what);
  return user_id(PG_GETARG_DATUM(argno));
}

void require_users(const UserId& a, const UserId& b) {
  Oid types[] = {UUIDOID, UUIDOID};
  SPIPlanPtr plan = spi::kept_plan(
      users_plan,
      "SELECT EXISTS (SELECT FROM hexdb.users WHERE user_id = $1),"
      "       EXISTS (SELECT FROM hexdb.users WHERE user_id = $2)",
      2, types);
  Datum args[] = {user_datum(a), user_datum(b)};
  spi::run(plan, args, nullptr, 1);
  bool isnull;
  if (!DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)))
    refuse_missing_user(a);
  if (!DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull)))
    refuse_missing_user(b);
}

std::optional<Locked> lock_pair(const UserId& a, const UserId& b) {
  Oid types[] = {UUIDOID, UUIDOID};
  SPIPlanPtr plan = spi::kept_plan(
      lock_plan,
      "SELECT id, requester_id, receiver_id, status FROM hexdb.friendships"
      " WHERE LEAST(requester_id, receiver_id) = LEAST($1, $2)"
      "   AND GREATEST(requester_id, receiver_id) = GREATEST($1, $2)"
      "   FOR UPDATE",
      2, types);
  Datum args[] = {user_datum(a), user_datum(b)};
  if (spi::run(plan, args, nullptr, 1) == 0) return std::nullopt;
  HeapTuple tuple = SPI_tuptable->vals[0];
  TupleDesc desc = SPI_tuptable->tupdesc;
  bool isnull;
  Locked locked;
  locked.id = DatumGetInt64(SPI_getbinval(tuple, desc, 1, &isnull));
  locked.row.requester = user_id(SPI_getbinval(tuple, desc, 2, &isnull));
  locked.row.receiver = user_id(SPI_getbinval(tuple, desc, 3, &isnull));
  locked.row.status = status_of(SPI_getbinval(tuple, desc, 4, &isnull));
  return locked;
}

bool insert(const Row& row) {
  Oid types[] = {UUIDOID, UUIDOID, TEXTOID};
  SPIPlanPtr plan = spi::kept_plan(
      insert_plan,
      "INSERT INTO hexdb.friendships (requester_id, receiver_id, status) VALUES ($1, $2, $3)"
      " ON CONFLICT ((LEAST(requester_id, receiver_id)), (GREATEST(requester_id, receiver_id)))"
      " DO NOTHING",
      3, types);
  Datum args[] = {user_datum(row.requester), user_datum(row.receiver), status_datum(row.status)};
  return spi::run(plan, args, nullptr, 0) == 1;
}

void update(int64 id, const Row& row) {
  Oid types[] = {INT8OID, UUIDOID, UUIDOID, TEXTOID};
  SPIPlanPtr plan = spi::kept_plan(
      update_plan,
      "UPDATE hexdb.friendships SET requester_id = $2, receiver_id = $3, status = $4 WHERE id = $1",
      4, types);
  Datum args[] = {Int64GetDatum(id), user_datum(row.requester), user_datum(row.receiver),
                  status_datum(row.status)};
  spi::run(plan, args, nullptr, 0);
}

void remove(int64 id) {
  Oid types[] = {INT8OID};
  SPIPlanPtr plan = spi::kept_plan(delete_plan, "DELETE FROM hexdb.friendships WHERE id = $1", 1, types);
  Datum args[] = {Int64GetDatum(id)};
  spi::run(plan, args, nullptr, 0);
}

}  // namespace hexdb::friendship::store
