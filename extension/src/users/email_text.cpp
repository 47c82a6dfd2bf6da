#include "users/email_text.hpp"

extern "C" {
#include "postgres.h"
#include "mb/pg_wchar.h"
}

#include <cstring>

namespace hexdb::users {

std::string_view email_utf8(std::string_view s) {
  if (GetDatabaseEncoding() == PG_UTF8) return s;
  char* utf8 = pg_server_to_any(s.data(), static_cast<int>(s.size()), PG_UTF8);
  return utf8 == s.data() ? s : std::string_view(utf8, strlen(utf8));
}

}  // namespace hexdb::users
