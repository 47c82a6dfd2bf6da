#include "users/unknown_user.hpp"

#include <cstring>
#include <string>

namespace hexdb::users {

void rethrow_unknown_user(const PgError& e, const char* constraint, const char* user_text, const char* what) {
  ErrorData* d = e.data();
  if (d->sqlerrcode == ERRCODE_FOREIGN_KEY_VIOLATION && d->constraint_name &&
      std::strcmp(d->constraint_name, constraint) == 0)
    throw SqlError("23503", std::string("user ") + user_text + " does not exist",
                   std::string(what) + " needs a user that exists in hexdb.users.");
}

}  // namespace hexdb::users
