// Password hashing with libxcrypt. New hashes are bcrypt ("$2b$", cost = log2 of the rounds):
// its cost maps onto hexdb.password_cost, cost 4 keeps tests fast, and every mainstream
// library (and pgcrypto's crypt()) verifies it. Verification accepts any crypt(3) hash that
// libxcrypt knows (yescrypt, sha512crypt, $2y$ from PHP, ...), so imported hashes keep working.
// No PostgreSQL header: unit-tested alone. Nothing here logs or echoes a password.
#pragma once

#include <string>
#include <string_view>

#include "core/users/bcrypt.hpp"

namespace hexdb::password {

// bcrypt reads at most 72 bytes; longer passwords are refused rather than cut silently.
constexpr size_t kMaxBytes = 72;

// A new bcrypt hash of plaintext with a fresh random salt, computed in slices with checkpoint
// between them (bcrypt.hpp). Throws SqlError 22023 for an empty or too long password,
// std::runtime_error if libxcrypt cannot make a salt, and whatever checkpoint throws.
std::string hash(std::string_view plaintext, int cost, const Checkpoint& checkpoint = {});

// True when plaintext matches hash. bcrypt hashes ($2b$, $2y$, $2a$ of a 7-bit password) are
// computed in slices with checkpoint between them; any other crypt(3) method libxcrypt
// supports (imported yescrypt, sha512crypt, ...) is one libxcrypt call. Compares in constant
// time; an unusable hash matches nothing.
bool matches(std::string_view plaintext, std::string_view hash, const Checkpoint& checkpoint = {});

// The bcrypt cost of hash, or -1 when it is no bcrypt hash.
int bcrypt_cost(std::string_view hash);

// Whether a verified hash should be replaced by a new one at cost: it is not bcrypt $2b$, or
// its cost differs.
bool needs_rehash(std::string_view hash, int cost);

}  // namespace hexdb::password
