#include "core/import/legacy_values.hpp"

#include <regex>

namespace hexdb::legacy {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n digits at text[pos...].
std::optional<int> digits(std::string_view text, size_t pos, size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

// Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

constexpr int64_t kPgEpochDays = 10957;  // 2000-01-01 - 1970-01-01

}  // namespace

std::optional<int32_t> parse_int32(std::string_view text) {
  size_t pos = 0;
  bool negative = false;
  if (!text.empty() && text[0] == '-') negative = true, pos = 1;
  if (pos == text.size() || text.size() - pos > 10) return std::nullopt;
  int64_t value = 0;
  for (; pos < text.size(); ++pos) {
    if (!is_digit(text[pos])) return std::nullopt;
    value = value * 10 + (text[pos] - '0');
  }
  if (negative) value = -value;
  if (value < INT32_MIN || value > INT32_MAX) return std::nullopt;
  return static_cast<int32_t>(value);
}

std::optional<int32_t> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
  if (!y || !m || !d || *y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
    return std::nullopt;
  return static_cast<int32_t>(days_from_civil(*y, *m, *d) - kPgEpochDays);
}

std::optional<int64_t> parse_datetime(std::string_view text) {
  if (text.size() < 19 || text[10] != ' ' || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  auto day = parse_date(text.substr(0, 10));
  auto hh = digits(text, 11, 2), mi = digits(text, 14, 2), ss = digits(text, 17, 2);
  if (!day || !hh || !mi || !ss || *hh > 23 || *mi > 59 || *ss > 59) return std::nullopt;
  int64_t micros = 0;
  if (text.size() > 19) {
    const size_t n = text.size() - 20;
    if (text[19] != '.' || n < 1 || n > 6) return std::nullopt;
    auto frac = digits(text, 20, n);
    if (!frac) return std::nullopt;
    micros = *frac;
    for (size_t i = n; i < 6; ++i) micros *= 10;
  }
  return ((static_cast<int64_t>(*day) * 24 + *hh) * 60 + *mi) * 60'000'000 +
         static_cast<int64_t>(*ss) * 1'000'000 + micros;
}

bool is_crypt_hash(std::string_view text) {
  // One shape per method, as crypt(3) writes them; the base64 alphabet is ./0-9A-Za-z.
  static const std::regex shapes(
      R"(\$2[aby]\$[0-9]{2}\$[./0-9A-Za-z]{53})"
      R"(|\$[56]\$(rounds=[0-9]{1,9}\$)?[^$:\n]{0,16}\$[./0-9A-Za-z]{43}([./0-9A-Za-z]{43})?)"
      R"(|\$(y|gy|7)\$[./0-9A-Za-z]+\$[./0-9A-Za-z]*\$[./0-9A-Za-z]{43})"
      R"(|\$1\$[^$:\n]{0,8}\$[./0-9A-Za-z]{22})",
      std::regex::optimize);
  if (text.size() < 20 || text.size() > 512 || text[0] != '$') return false;
  return std::regex_match(text.begin(), text.end(), shapes);
}

}  // namespace hexdb::legacy
