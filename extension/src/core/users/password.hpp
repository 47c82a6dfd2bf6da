// Password hashing with libxcrypt. New hashes are bcrypt ("$2b$", cost = log2 of the rounds):
// its cost maps onto hexdb.password_cost, cost 4 keeps tests fast, and every mainstream
// library (and pgcrypto's crypt()) verifies it. Verification accepts any crypt(3) hash that
// libxcrypt knows (yescrypt, sha512crypt, $2y$ from PHP, ...), so imported hashes keep working.
// No PostgreSQL header: unit-tested alone. Nothing here logs or echoes a password.
#pragma once

#include <string>
#include <string_view>

namespace hexdb::password {

// bcrypt reads at most 72 bytes; longer passwords are refused rather than cut silently.
constexpr size_t kMaxBytes = 72;

// A new bcrypt hash of plaintext with a fresh random salt. Throws SqlError 22023 for an empty
// or too long password, std::runtime_error if libxcrypt fails.
std::string hash(std::string_view plaintext, int cost);

// True when plaintext matches hash (any crypt(3) method libxcrypt supports). Compares in
// constant time; an unusable hash matches nothing.
bool matches(std::string_view plaintext, std::string_view hash);

// Spends the time of one verification at cost without any stored hash, so that an unknown
// email answers as slowly as a wrong password.
void waste_one_check(std::string_view plaintext, int cost);

}  // namespace hexdb::password
