// Parsing of the values a MySQL `--tab` export holds (INT, DATE, DATETIME) and recognition of
// crypt(3)-style password hashes. No PostgreSQL header: the import's SQL-callable wrappers
// (import_functions.cpp) turn these results into Datums, and test/unit checks them alone.
//
// Each parser answers "no value" instead of throwing, so that one bad cell quarantines its row
// rather than aborting a million-row import.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hexdb::legacy {

// A decimal INT as MySQL prints it ("-12", "0"); nothing else (no spaces, no "1e3").
std::optional<int32_t> parse_int32(std::string_view text);

// "YYYY-MM-DD", a real calendar day in years 1-9999 (MySQL's "0000-00-00" is no day).
// The result counts days from 2000-01-01, PostgreSQL's date epoch.
std::optional<int32_t> parse_date(std::string_view text);

// "YYYY-MM-DD HH:MM:SS" with up to six fractional digits, a wall-clock time without zone.
// The result counts microseconds from 2000-01-01 00:00:00, PostgreSQL's timestamp epoch.
std::optional<int64_t> parse_datetime(std::string_view text);

// Whether a legacy password column holds a complete crypt(3)-style hash of a method that
// libxcrypt knows (bcrypt $2a$/$2b$/$2y$, sha-crypt $5$/$6$, yescrypt $y$, gost-yescrypt
// $gy$, scrypt $7$, md5-crypt $1$). Anything else is taken for a plaintext password.
bool is_crypt_hash(std::string_view text);

// Why a legacy password value can be neither kept nor hashed, when it looks like a hash or a
// digest rather than a password: a crypt(3)-style value that is no complete hash ("$2b$12$short",
// a bcrypt hash a character short, "$6$short$abc"), a bcrypt hash of a cost outside 4-31 (no
// crypt(3) verifies it), an unsalted MD5, SHA-1, SHA-256 or SHA-512 hex digest, MySQL's
// PASSWORD() hash ("*" and 40 hex digits). Hashing such a value would make the digest string the
// password and lock the user's real one out, so the import quarantines the user instead. nullopt:
// a usable hash, or a plaintext password.
std::optional<std::string> unusable_password(std::string_view text);

}  // namespace hexdb::legacy
