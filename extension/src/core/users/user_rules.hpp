// What create_user accepts, checked before anything is written so that a refusal never
// carries the row (and its password hash) in an error detail. No PostgreSQL header.
// Every refusal is SQLSTATE 22023 (invalid_parameter_value); the table's CHECKs stay as the
// backstop for writers that bypass create_user.
#pragma once

#include <string_view>

namespace hexdb::users {

constexpr long kMaxNicknameChars = 100;

// Throws SqlError 22023 unless email is local@domain: one '@', neither side empty, no space.
void check_email(std::string_view email);
// Throws SqlError 22023 unless 1 <= chars <= 100 (characters, not bytes).
void check_nickname_length(long chars);
// Throws SqlError 22023 unless role is "user" or "admin".
void check_role(std::string_view role);

}  // namespace hexdb::users
