// Checks of command-line values that need no database: what a USER argument is, a month, a
// day, a whole number in a range. Each check either accepts the exact value or explains why
// not: hexctl never rounds, clamps or reinterprets what it was given.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace hexctl {

enum class UserRefKind { uuid, email, invalid };

// A USER argument is a UUID (any of the spellings PostgreSQL accepts: dashes, braces, upper
// case) or, if it contains '@', an email.
UserRefKind classify_user_ref(const std::string& arg);

struct YearMonth {
  int year;
  int month;
};

// "YYYY-MM" with a month 1-12; nullopt otherwise.
std::optional<YearMonth> parse_year_month(const std::string& arg);

// True for an ISO 8601 calendar date, YYYY-MM-DD, that exists (2024-02-29 yes, 2023-02-29 no).
bool is_iso_date(const std::string& arg);

// True for an ISO 8601 time: a day as above, optionally followed by 'T' or a space, HH:MM,
// optional :SS and fraction, and an optional zone (Z, +09, +09:00, -0530).
bool is_iso_timestamp(const std::string& arg);

// A whole number in [lo, hi], written in decimal digits with an optional leading '-'; nullopt
// for anything else (a fraction, an exponent, spaces, trailing characters, out of range).
std::optional<std::int64_t> parse_integer(const std::string& arg, std::int64_t lo, std::int64_t hi);

// "" when parse_integer accepts arg, else the reason in plain words, e.g.
// "must be a whole number from 1 to 2147483647, not '0'".
std::string integer_problem(const std::string& arg, std::int64_t lo, std::int64_t hi);

}  // namespace hexctl
