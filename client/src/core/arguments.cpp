#include "core/arguments.hpp"

#include <cctype>
#include <charconv>

namespace hexctl {

namespace {

bool is_uuid(std::string s) {
  if (s.size() >= 2 && s.front() == '{' && s.back() == '}') s = s.substr(1, s.size() - 2);
  std::string hex;
  for (char c : s) {
    if (c == '-') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    hex += c;
  }
  return hex.size() == 32;
}

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

}  // namespace

UserRefKind classify_user_ref(const std::string& arg) {
  if (is_uuid(arg)) return UserRefKind::uuid;
  auto at = arg.find('@');
  if (at != std::string::npos && at > 0 && at + 1 < arg.size()) return UserRefKind::email;
  return UserRefKind::invalid;
}

std::optional<YearMonth> parse_year_month(const std::string& arg) {
  auto dash = arg.find('-');
  if (dash != 4) return std::nullopt;
  std::string y = arg.substr(0, dash), m = arg.substr(dash + 1);
  if (!all_digits(y) || !all_digits(m) || m.size() > 2) return std::nullopt;
  YearMonth ym{std::stoi(y), std::stoi(m)};
  if (ym.month < 1 || ym.month > 12) return std::nullopt;
  return ym;
}

bool is_iso_date(const std::string& arg) {
  if (arg.size() != 10 || arg[4] != '-' || arg[7] != '-') return false;
  std::string y = arg.substr(0, 4), m = arg.substr(5, 2), d = arg.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return false;
  int year = std::stoi(y), month = std::stoi(m), day = std::stoi(d);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

namespace {

// Two digits at s[at] forming a number <= max; advances at.
bool two_digits(const std::string& s, std::size_t& at, int max) {
  if (at + 2 > s.size() || !all_digits(s.substr(at, 2)) || std::stoi(s.substr(at, 2)) > max) return false;
  at += 2;
  return true;
}

bool zone_at(const std::string& s, std::size_t at) {
  if (at == s.size()) return true;
  if (s[at] == 'Z' || s[at] == 'z') return at + 1 == s.size();
  if (s[at] != '+' && s[at] != '-') return false;
  if (!two_digits(s, ++at, 15)) return false;
  if (at == s.size()) return true;
  if (s[at] == ':') ++at;
  return two_digits(s, at, 59) && at == s.size();
}

}  // namespace

bool is_iso_timestamp(const std::string& arg) {
  if (!is_iso_date(arg.substr(0, 10))) return false;
  if (arg.size() == 10) return true;
  std::size_t at = 10;
  if (arg[at] != 'T' && arg[at] != ' ') return false;
  ++at;
  if (!two_digits(arg, at, 23) || at >= arg.size() || arg[at++] != ':' || !two_digits(arg, at, 59)) return false;
  if (at < arg.size() && arg[at] == ':') {
    ++at;
    if (!two_digits(arg, at, 60)) return false;
    if (at < arg.size() && arg[at] == '.') {
      std::size_t digits = ++at;
      while (at < arg.size() && std::isdigit(static_cast<unsigned char>(arg[at]))) ++at;
      if (at == digits) return false;
    }
  }
  return zone_at(arg, at);
}

std::optional<std::int64_t> parse_integer(const std::string& arg, std::int64_t lo, std::int64_t hi) {
  const bool negative = !arg.empty() && arg[0] == '-';
  if (!all_digits(negative ? arg.substr(1) : arg)) return std::nullopt;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(arg.data(), arg.data() + arg.size(), value);
  if (error != std::errc() || end != arg.data() + arg.size()) return std::nullopt;
  if (value < lo || value > hi) return std::nullopt;
  return value;
}

std::string integer_problem(const std::string& arg, std::int64_t lo, std::int64_t hi) {
  if (parse_integer(arg, lo, hi)) return "";
  return "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", not '" +
         arg + "'";
}

}  // namespace hexctl
