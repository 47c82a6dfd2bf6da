// create_user, check_password, delete_user. Input rules are in core/user_rules.hpp, hashing in
// core/password.hpp. The plaintext password is never stored, logged, or put in a message;
// create_user checks every column before it writes, so that no CHECK failure can print the
// row (and its hash) in an error detail.
extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "catalog/pg_type.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
}

#include <string>
#include <string_view>

#include "core/users/password.hpp"
#include "core/sql_error.hpp"
#include "core/users/user_rules.hpp"
#include "pg/args.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "pg/spi.hpp"
#include "settings.hpp"

namespace {
SPIPlanPtr insert_plan, lookup_plan, delete_plan;
}  // namespace

// May throw: the hash is a std::string, so PostgreSQL is reached through pg::call after it exists.
HEXDB_FUNCTION(hexdb_create_user) {
  static const char* const names[] = {"email", "nickname", "password", "birth_date", "role"};
  hexdb::pg::require_all(fcinfo, 5, names);
  std::string_view email = hexdb::pg::text_view(PG_GETARG_DATUM(0));
  std::string_view nickname = hexdb::pg::text_view(PG_GETARG_DATUM(1));
  std::string_view password = hexdb::pg::text_view(PG_GETARG_DATUM(2));
  std::string_view role = hexdb::pg::text_view(PG_GETARG_DATUM(4));
  hexdb::users::check_email(email);
  hexdb::users::check_nickname_length(pg_mbstrlen_with_len(nickname.data(), static_cast<int>(nickname.size())));
  hexdb::users::check_role(role);

  std::string hash = hexdb::password::hash(password, hexdb::settings::password_cost);
  hexdb::uuid::Bytes id{};
  bool inserted = hexdb::pg::call([&] {
    hexdb::spi::connect();
    static const Oid types[] = {TEXTOID, TEXTOID, TEXTOID, DATEOID, TEXTOID};
    SPIPlanPtr plan = hexdb::spi::prepared(
        &insert_plan,
        "INSERT INTO hexdb.users (email, nickname, password_hash, birth_date, role)"
        " VALUES ($1, $2, $3, $4, $5)"
        " ON CONFLICT ((lower(email))) DO NOTHING RETURNING user_id",
        5, types);
    Datum args[] = {PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), CStringGetTextDatum(hash.c_str()),
                    PG_GETARG_DATUM(3), PG_GETARG_DATUM(4)};
    bool ok = hexdb::spi::execute(plan, args, false) == 1;
    if (ok) hexdb::spi::get_uuid(0, 1, &id);
    hexdb::spi::finish();
    return ok;
  });
  if (!inserted)
    throw hexdb::SqlError("23505", "email \"" + std::string(email) + "\" is already registered",
                          "Emails are unique regardless of case.");
  return hexdb::pg::call([&] { return hexdb::pg::uuid_datum(id); });
}

// May throw. A NULL email or password matches nobody. Checked here rather than by STRICT: the
// function is SECURITY DEFINER and owned by the tables' owner, who could drop STRICT.
HEXDB_FUNCTION(hexdb_check_password) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1)) PG_RETURN_NULL();
  std::string_view password = hexdb::pg::text_view(PG_GETARG_DATUM(1));
  hexdb::uuid::Bytes id{};
  std::string_view stored_view;
  bool found = hexdb::pg::call([&] {
    hexdb::spi::connect();
    static const Oid types[] = {TEXTOID};
    SPIPlanPtr plan = hexdb::spi::prepared(
        &lookup_plan, "SELECT user_id, password_hash FROM hexdb.users WHERE lower(email) = lower($1)",
        1, types);
    Datum args[] = {PG_GETARG_DATUM(0)};
    bool ok = hexdb::spi::execute(plan, args, false, 1) == 1;
    if (ok) {
      bool isnull;
      hexdb::spi::get_uuid(0, 1, &id);
      // Copied out of SPI's memory, which SPI_finish frees, into the function's context.
      Datum h = hexdb::spi::get_datum(0, 2, &isnull);
      stored_view = hexdb::pg::text_view(SPI_datumTransfer(h, false, -1));
    }
    hexdb::spi::finish();
    return ok;
  });
  std::string stored(stored_view);
  if (!found) {
    hexdb::password::waste_one_check(password, hexdb::settings::password_cost);
    PG_RETURN_NULL();
  }
  if (!hexdb::password::matches(password, stored)) PG_RETURN_NULL();
  return hexdb::pg::call([&] { return hexdb::pg::uuid_datum(id); });
}

// May elog and throw SqlError; owns nothing with a destructor.
HEXDB_FUNCTION(hexdb_delete_user) {
  hexdb::pg::require(fcinfo, 0, "user_id");
  hexdb::spi::connect();
  static const Oid types[] = {UUIDOID};
  SPIPlanPtr plan =
      hexdb::spi::prepared(&delete_plan, "DELETE FROM hexdb.users WHERE user_id = $1", 1, types);
  Datum args[] = {PG_GETARG_DATUM(0)};
  bool deleted = hexdb::spi::execute(plan, args, false) > 0;
  hexdb::spi::finish();
  PG_RETURN_BOOL(deleted);
}
