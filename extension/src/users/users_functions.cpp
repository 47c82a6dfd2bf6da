// create_user, check_password, delete_user. Input rules are in core/user_rules.hpp, hashing in
// core/password.hpp. The plaintext password is never stored, logged, or put in a message;
// create_user checks every column before it writes, so that no CHECK failure can print the
// row (and its hash) in an error detail.
extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/uuid.h"
}

#include <array>
#include <cstring>
#include <string>
#include <string_view>

#include "core/users/password.hpp"
#include "core/sql_error.hpp"
#include "core/users/user_rules.hpp"
#include "kept_plan.hpp"
#include "pg/boundary.hpp"
#include "settings.hpp"

namespace {

using Uuid = std::array<uint8_t, UUID_LEN>;

SPIPlanPtr insert_plan, lookup_plan, delete_plan;

std::string_view view(text* t) { return std::string_view(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)); }

// May elog (detoasting). Refuses NULL with 22004, naming the argument.
text* text_arg(FunctionCallInfo fcinfo, int argno, const char* function, const char* what) {
  if (PG_ARGISNULL(argno))
    throw hexdb::SqlError("22004", std::string(function) + " needs " + what + ", not NULL");
  return PG_GETARG_TEXT_PP(argno);
}

Datum uuid_datum(const Uuid& u) {
  auto* p = static_cast<pg_uuid_t*>(palloc(sizeof(pg_uuid_t)));
  std::memcpy(p->data, u.data(), UUID_LEN);
  return UUIDPGetDatum(p);
}

}  // namespace

// May throw: the hash is a std::string, so PostgreSQL is reached through pg::call after it exists.
HEXDB_FUNCTION(hexdb_create_user) {
  text* email = text_arg(fcinfo, 0, "create_user", "an email");
  text* nickname = text_arg(fcinfo, 1, "create_user", "a nickname");
  text* password = text_arg(fcinfo, 2, "create_user", "a password");
  if (PG_ARGISNULL(3)) throw hexdb::SqlError("22004", "create_user needs a birth date, not NULL");
  text* role = text_arg(fcinfo, 4, "create_user", "a role");
  hexdb::users::check_email(view(email));
  hexdb::users::check_nickname_length(
      pg_mbstrlen_with_len(VARDATA_ANY(nickname), static_cast<int>(VARSIZE_ANY_EXHDR(nickname))));
  hexdb::users::check_role(view(role));

  std::string hash = hexdb::password::hash(view(password), hexdb::settings::password_cost);
  Uuid id{};
  bool inserted = hexdb::pg::call([&] {
    if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "hexdb: SPI_connect failed");
    Oid types[] = {TEXTOID, TEXTOID, TEXTOID, DATEOID, TEXTOID};
    SPIPlanPtr plan = hexdb::spi::kept_plan(
        insert_plan,
        "INSERT INTO hexdb.users (email, nickname, password_hash, birth_date, role)"
        " VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT ((lower(email))) DO NOTHING RETURNING user_id",
        5, types);
    Datum args[] = {PointerGetDatum(email), PointerGetDatum(nickname),
                    CStringGetTextDatum(hash.c_str()), PG_GETARG_DATUM(3), PointerGetDatum(role)};
    bool ok = hexdb::spi::run(plan, args, nullptr, 0) == 1;
    if (ok) {
      bool isnull;
      Datum d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
      std::memcpy(id.data(), DatumGetUUIDP(d)->data, UUID_LEN);
    }
    SPI_finish();
    return ok;
  });
  if (!inserted)
    throw hexdb::SqlError("23505", "email \"" + std::string(view(email)) + "\" is already registered",
                          "Emails are unique regardless of case.");
  return hexdb::pg::call([&] { return uuid_datum(id); });
}

// May throw. STRICT: a NULL email or password matches nobody.
HEXDB_FUNCTION(hexdb_check_password) {
  text* email = PG_GETARG_TEXT_PP(0);
  text* password = PG_GETARG_TEXT_PP(1);
  Uuid id{};
  std::string stored;
  bool found = hexdb::pg::call([&] {
    if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "hexdb: SPI_connect failed");
    Oid types[] = {TEXTOID};
    SPIPlanPtr plan = hexdb::spi::kept_plan(
        lookup_plan, "SELECT user_id, password_hash FROM hexdb.users WHERE lower(email) = lower($1)",
        1, types);
    Datum args[] = {PointerGetDatum(email)};
    bool ok = hexdb::spi::run(plan, args, nullptr, 1) == 1;
    if (ok) {
      bool isnull;
      HeapTuple tuple = SPI_tuptable->vals[0];
      Datum d = SPI_getbinval(tuple, SPI_tuptable->tupdesc, 1, &isnull);
      std::memcpy(id.data(), DatumGetUUIDP(d)->data, UUID_LEN);
      text* h = DatumGetTextPP(SPI_getbinval(tuple, SPI_tuptable->tupdesc, 2, &isnull));
      stored.assign(VARDATA_ANY(h), VARSIZE_ANY_EXHDR(h));
    }
    SPI_finish();
    return ok;
  });
  if (!found) {
    hexdb::password::waste_one_check(view(password), hexdb::settings::password_cost);
    PG_RETURN_NULL();
  }
  if (!hexdb::password::matches(view(password), stored)) PG_RETURN_NULL();
  return hexdb::pg::call([&] { return uuid_datum(id); });
}

// May elog and throw SqlError; owns nothing with a destructor.
HEXDB_FUNCTION(hexdb_delete_user) {
  if (PG_ARGISNULL(0)) throw hexdb::SqlError("22004", "delete_user needs a user id, not NULL");
  if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "hexdb: SPI_connect failed");
  Oid types[] = {UUIDOID};
  SPIPlanPtr plan =
      hexdb::spi::kept_plan(delete_plan, "DELETE FROM hexdb.users WHERE user_id = $1", 1, types);
  Datum args[] = {PG_GETARG_DATUM(0)};
  bool deleted = hexdb::spi::run(plan, args, nullptr, 0) > 0;
  SPI_finish();
  PG_RETURN_BOOL(deleted);
}
