#include "core/users/user_rules.hpp"

#include <string>

#include "core/sql_error.hpp"

namespace hexdb::users {

namespace {

// The next code point of UTF-8 text at i (advancing i); a byte that starts no valid sequence
// reads as itself (it is no space either way).
char32_t next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra <= 0 || i + extra >= s.size()) {
    ++i;
    return c;
  }
  char32_t cp = c & (0x3f >> extra);
  for (int k = 1; k <= extra; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d >> 6) != 2) {
      ++i;
      return c;
    }
    cp = (cp << 6) | (d & 0x3f);
  }
  i += extra + 1;
  return cp;
}

}  // namespace

bool is_space(char32_t c) {
  switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

bool is_email(std::string_view email) {
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size() ||
      email.find('@', at + 1) != std::string_view::npos)
    return false;
  for (size_t i = 0; i < email.size();)
    if (is_space(next_code_point(email, i))) return false;
  return true;
}

void check_email(std::string_view email) {
  if (!is_email(email))
    throw SqlError("22023", Rule{"email_format", "users"}, "\"" + std::string(email) + "\" is not an email address",
                   "An email address is local@domain, with one @ and no spaces.");
}

void check_nickname_length(long chars) {
  if (chars < 1 || chars > kMaxNicknameChars)
    throw SqlError("22023", Rule{"nickname_length", "users"},
                   "a nickname must have 1 to 100 characters, not " + std::to_string(chars));
}

void check_role(std::string_view role) {
  if (role != "user" && role != "admin")
    throw SqlError("22023", Rule{"role_value", "users"}, "role \"" + std::string(role) + "\" is not one of user, admin");
}

}  // namespace hexdb::users
