#include "users/unknown_user.hpp"

#include <cstring>
#include <string>

#include "pg/args.hpp"
#include "pg/datum.hpp"
#include "users/user_index.hpp"

namespace hexdb::users {

void refuse_unknown_user(const char* user_text, const char* what) {
  throw SqlError("23503", Rule{"user_unknown", "users"}, std::string("user ") + user_text + " does not exist",
                 std::string(what) + " needs a user that exists in hexdb.users.");
}

void rethrow_unknown_user(const PgError& e, const char* constraint, const char* user_text, const char* what) {
  ErrorData* d = e.data();
  if (d->sqlerrcode == ERRCODE_FOREIGN_KEY_VIOLATION && d->constraint_name &&
      std::strcmp(d->constraint_name, constraint) == 0)
    refuse_unknown_user(user_text, what);
}

void require_user(Datum user_id) {
  UserIndex index = open_user_index();
  bool found = user_exists(index, user_id);
  close_user_index(index);
  if (!found)
    ereport(ERROR, (errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
                    errmsg("user %s does not exist", pg::uuid_cstring(user_id)), pg::rule("user_unknown", "users")));
}

}  // namespace hexdb::users
