#include "core/users/user_rules.hpp"

#include <string>

#include "core/sql_error.hpp"

namespace hexdb::users {

namespace {
// The ASCII spaces of the table's [:space:] class.
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
}  // namespace

void check_email(std::string_view email) {
  size_t at = email.find('@');
  bool ok = at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
            email.find('@', at + 1) == std::string_view::npos;
  for (char c : email) ok = ok && !is_space(c);
  if (!ok)
    throw SqlError("22023", "\"" + std::string(email) + "\" is not an email address",
                   "An email address is local@domain, with one @ and no spaces.");
}

void check_nickname_length(long chars) {
  if (chars < 1 || chars > kMaxNicknameChars)
    throw SqlError("22023",
                   "a nickname must have 1 to 100 characters, not " + std::to_string(chars));
}

void check_role(std::string_view role) {
  if (role != "user" && role != "admin")
    throw SqlError("22023", "role \"" + std::string(role) + "\" is not one of user, admin");
}

}  // namespace hexdb::users
