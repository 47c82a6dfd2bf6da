// What create_user accepts, checked before anything is written so that a refusal never
// carries the row (and its password hash) in an error detail. No PostgreSQL header.
// Every refusal is SQLSTATE 22023 (invalid_parameter_value); the table's CHECKs stay as the
// backstop for writers that bypass create_user.
#pragma once

#include <string_view>

namespace hexdb::users {

constexpr long kMaxNicknameChars = 100;

// Unicode's White_Space: the one definition of a space in an email, for create_user, the
// import and the CHECK on hexdb.users (which calls hexdb.is_email, that is is_email below).
bool is_space(char32_t c);
// Whether email (UTF-8) is local@domain: one '@', neither side empty, no space.
bool is_email(std::string_view email);
// Throws SqlError 22023 (email_format) unless is_email(email).
void check_email(std::string_view email);
// Throws SqlError 22023 unless 1 <= chars <= 100 (characters, not bytes).
void check_nickname_length(long chars);
// Throws SqlError 22023 unless role is "user" or "admin".
void check_role(std::string_view role);

}  // namespace hexdb::users
