// create_user, check_password, delete_user. Input rules are in core/users/user_rules.hpp,
// hashing in core/users/password.hpp (sliced, cancellable: users/password_work.hpp). The
// plaintext password is never stored, logged, or put in a message; create_user checks every
// column by the table's own rules before it writes, and an error that would still carry the
// new hash (a studio's own constraint, say) has it removed before it is raised.
// SPI statements name every function and operator with its schema: no search_path capture.
extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
}

#include <cstring>
#include <string>
#include <string_view>

#include "core/sql_error.hpp"
#include "core/users/password.hpp"
#include "core/users/user_rules.hpp"
#include "pg/args.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "pg/spi.hpp"
#include "users/email_text.hpp"
#include "users/password_work.hpp"

namespace {
SPIPlanPtr insert_plan, lookup_plan, delete_plan, rehash_plan;

constexpr const char* kHidden = "The failing row is not shown: it holds a password hash.";

// May elog. Removes hash from the parts of an error a client or the server log would show.
void hide(ErrorData* d, const char* hash) {
  auto holds = [&](const char* s) { return s && strstr(s, hash); };
  if (holds(d->detail)) d->detail = const_cast<char*>(kHidden);
  if (holds(d->detail_log)) d->detail_log = nullptr;
  if (holds(d->message)) d->message = const_cast<char*>("a row of hexdb.users was refused");
  if (holds(d->context)) d->context = nullptr;
  if (holds(d->internalquery)) d->internalquery = nullptr;
}

// May elog. Whether this call may replace a user's hash: a writable transaction and UPDATE
// on hexdb.users.password_hash for the current user. check_password is SECURITY DEFINER, so
// that is its owner: EXECUTE on it (grant_app's roles) is what lets a login upgrade a hash.
bool may_rehash() {
  if (RecoveryInProgress() || XactReadOnly) return false;
  Oid users = get_relname_relid("users", get_namespace_oid("hexdb", false));
  AttrNumber col = OidIsValid(users) ? get_attnum(users, "password_hash") : InvalidAttrNumber;
  // Column privileges alone do not count the table's (nor superuser): ask both.
  return col != InvalidAttrNumber && (pg_class_aclcheck(users, GetUserId(), ACL_UPDATE) == ACLCHECK_OK ||
                                      pg_attribute_aclcheck(users, col, GetUserId(), ACL_UPDATE) == ACLCHECK_OK);
}

}  // namespace

// May throw: the hash is a std::string, so PostgreSQL is reached through pg::call after it exists.
HEXDB_FUNCTION(hexdb_create_user) {
  static const char* const names[] = {"email", "nickname", "password", "birth_date", "role"};
  hexdb::pg::require_all(fcinfo, 5, names);
  std::string_view email = hexdb::pg::text_view(PG_GETARG_DATUM(0));
  std::string_view nickname = hexdb::pg::text_view(PG_GETARG_DATUM(1));
  std::string_view password = hexdb::pg::text_view(PG_GETARG_DATUM(2));
  std::string_view role = hexdb::pg::text_view(PG_GETARG_DATUM(4));
  int cost = hexdb::users::allowed_cost();
  hexdb::users::check_email(hexdb::users::email_utf8(email));
  hexdb::users::check_nickname_length(pg_mbstrlen_with_len(nickname.data(), static_cast<int>(nickname.size())));
  hexdb::users::check_role(role);

  std::string hash = hexdb::password::hash(password, cost, hexdb::users::interrupts());
  hexdb::uuid::Bytes id{};
  bool inserted = false;
  try {
    inserted = hexdb::pg::call([&] {
      hexdb::spi::connect();
      static const Oid types[] = {TEXTOID, TEXTOID, TEXTOID, DATEOID, TEXTOID};
      SPIPlanPtr plan = hexdb::spi::prepared(
          &insert_plan,
          "INSERT INTO hexdb.users (email, nickname, password_hash, birth_date, role)"
          " VALUES ($1, $2, $3, $4, $5)"
          " ON CONFLICT ((pg_catalog.lower(email))) DO NOTHING RETURNING user_id",
          5, types);
      Datum args[] = {PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), CStringGetTextDatum(hash.c_str()),
                      PG_GETARG_DATUM(3), PG_GETARG_DATUM(4)};
      bool ok = hexdb::spi::execute(plan, args, false) == 1;
      if (ok) hexdb::spi::get_uuid(0, 1, &id);
      hexdb::spi::finish();
      return ok;
    });
  } catch (const hexdb::PgError& e) {
    hide(e.data(), hash.c_str());  // no allocation: only pointers change
    throw;
  }
  if (!inserted)
    throw hexdb::SqlError("23505", hexdb::Rule{"email_taken", "users"},
                          "email \"" + std::string(email) + "\" is already registered",
                          "Emails are unique regardless of case.");
  return hexdb::pg::call([&] { return hexdb::pg::uuid_datum(id); });
}

// May throw. A NULL email or password matches nobody (checked here rather than by STRICT: the
// function is SECURITY DEFINER and owned by the tables' owner, who could drop STRICT). An
// unknown email verifies the password against a stand-in hash of the most common stored method
// and cost, so it costs what a wrong password costs; a verified hash of another method or cost
// is replaced by one at hexdb.password_cost (when the session may write it), so old cheap
// hashes do not stay.
HEXDB_FUNCTION(hexdb_check_password) {
  if (PG_ARGISNULL(0) || PG_ARGISNULL(1)) PG_RETURN_NULL();
  std::string_view password = hexdb::pg::text_view(PG_GETARG_DATUM(1));
  hexdb::uuid::Bytes id{};
  std::string_view stored_view;
  bool found = hexdb::pg::call([&] {
    hexdb::spi::connect();
    static const Oid types[] = {TEXTOID};
    SPIPlanPtr plan = hexdb::spi::prepared(
        &lookup_plan,
        "SELECT user_id, password_hash FROM hexdb.users"
        " WHERE pg_catalog.lower(email) OPERATOR(pg_catalog.=) pg_catalog.lower($1)",
        1, types);
    Datum args[] = {PG_GETARG_DATUM(0)};
    bool ok = hexdb::spi::execute(plan, args, false, 1) == 1;
    if (ok) {
      bool isnull;
      hexdb::spi::get_uuid(0, 1, &id);
      // Copied out of SPI's memory, which SPI_finish frees, into the function's context.
      Datum h = hexdb::spi::get_text_datum(0, 2, &isnull);
      stored_view = hexdb::pg::text_view(SPI_datumTransfer(h, false, -1));
    }
    return ok;
  });
  std::string stored(stored_view);
  if (!found) {
    hexdb::password::matches(password, hexdb::users::stand_in_hash(), hexdb::users::interrupts());
    hexdb::pg::call([] { hexdb::spi::finish(); });
    PG_RETURN_NULL();
  }
  if (!hexdb::password::matches(password, stored, hexdb::users::interrupts())) {
    hexdb::pg::call([] { hexdb::spi::finish(); });
    PG_RETURN_NULL();
  }
  int cost = hexdb::pg::call([] { return hexdb::users::allowed_cost(); });
  if (hexdb::password::needs_rehash(stored, cost) && hexdb::pg::call(may_rehash)) {
    std::string fresh = hexdb::password::hash(password, cost, hexdb::users::interrupts());
    hexdb::pg::call([&] {
      static const Oid types[] = {UUIDOID, TEXTOID, TEXTOID};
      SPIPlanPtr plan = hexdb::spi::prepared(
          &rehash_plan,
          "UPDATE hexdb.users SET password_hash = $2"
          " WHERE user_id OPERATOR(pg_catalog.=) $1 AND password_hash OPERATOR(pg_catalog.=) $3",
          3, types);
      Datum args[] = {hexdb::pg::uuid_datum(id), CStringGetTextDatum(fresh.c_str()),
                      CStringGetTextDatum(stored.c_str())};
      hexdb::spi::execute(plan, args, false);
    });
  }
  hexdb::pg::call([] { hexdb::spi::finish(); });
  return hexdb::pg::call([&] { return hexdb::pg::uuid_datum(id); });
}

// May elog and throw SqlError; owns nothing with a destructor.
HEXDB_FUNCTION(hexdb_delete_user) {
  hexdb::pg::require(fcinfo, 0, "user_id");
  hexdb::spi::connect();
  static const Oid types[] = {UUIDOID};
  SPIPlanPtr plan = hexdb::spi::prepared(
      &delete_plan, "DELETE FROM hexdb.users WHERE user_id OPERATOR(pg_catalog.=) $1", 1, types);
  Datum args[] = {PG_GETARG_DATUM(0)};
  bool deleted = hexdb::spi::execute(plan, args, false) > 0;
  hexdb::spi::finish();
  PG_RETURN_BOOL(deleted);
}

// May elog. True when email is an address by the rules of hexdb.users' CHECK, which calls it:
// one definition of an address (and of a space, Unicode's White_Space) for the table, the
// functions and the import.
HEXDB_FUNCTION(hexdb_is_email) {
  return BoolGetDatum(hexdb::users::is_email(hexdb::users::email_utf8(hexdb::pg::text_view(PG_GETARG_DATUM(0)))));
}
