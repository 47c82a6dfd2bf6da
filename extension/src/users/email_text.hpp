// An email argument in UTF-8, as core/users/user_rules.hpp reads it, whatever the database
// encoding.
#pragma once

#include <string_view>

namespace hexdb::users {
// s (in the server encoding) as UTF-8: s itself in a UTF-8 database, else a palloc'd copy.
// May elog.
std::string_view email_utf8(std::string_view s);
}  // namespace hexdb::users
