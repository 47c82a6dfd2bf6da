// Checks of command-line values that need no database: what a USER argument is, a month.
#pragma once
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

}  // namespace hexctl
