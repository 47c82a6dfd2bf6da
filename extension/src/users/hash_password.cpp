// hexdb.hash_password(text): a new hash by the rules of core/password.hpp, at cost
// hexdb.password_cost (at most hexdb.password_cost_max), cancellable. The import hashes plaintext legacy passwords with it.
extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "utils/builtins.h"
}

#include <string>
#include <string_view>

#include "core/users/password.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "users/password_work.hpp"

// May throw (owns a std::string); PostgreSQL is reached through pg::call.
HEXDB_FUNCTION(hexdb_hash_password) {
  std::string_view password = hexdb::pg::text_view(PG_GETARG_DATUM(0));
  int cost = hexdb::users::allowed_cost();
  std::string hash = hexdb::password::hash(password, cost, hexdb::users::interrupts());
  PG_RETURN_TEXT_P(hexdb::pg::call([&] { return cstring_to_text_with_len(hash.data(), hash.size()); }));
}
