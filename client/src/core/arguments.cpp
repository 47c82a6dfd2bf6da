#include "core/arguments.hpp"

#include <cctype>

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

}  // namespace hexctl
