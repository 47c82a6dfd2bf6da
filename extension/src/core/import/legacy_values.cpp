#include "core/import/legacy_values.hpp"

#include <array>

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

// The '$'-separated fields of a crypt(3) string after its leading '$': "2b", "12", "R9h/c...".
struct Fields {
  std::array<std::string_view, 4> at;
  size_t count = 0;  // 5 stands for "more than four"
};

Fields split_fields(std::string_view text) {
  Fields f;
  for (;;) {
    const size_t end = text.find('$');
    if (f.count == f.at.size()) {  // a fifth field
      f.count = f.at.size() + 1;
      return f;
    }
    f.at[f.count++] = text.substr(0, end);
    if (end == std::string_view::npos) return f;
    text.remove_prefix(end + 1);
  }
}

// min to max characters of crypt(3)'s base64 alphabet, ./0-9A-Za-z.
bool is_base64(std::string_view s, size_t min, size_t max) {
  if (s.size() < min || s.size() > max) return false;
  for (char c : s)
    if (!(c == '.' || c == '/' || is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
      return false;
  return true;
}

// A salt: up to max characters, none of them ':' or a newline ('$' ends a field).
bool is_salt(std::string_view s, size_t max) {
  return s.size() <= max && s.find_first_of(":\n") == std::string_view::npos;
}

// "rounds=N", N one to nine digits.
bool is_rounds(std::string_view s) {
  constexpr std::string_view prefix = "rounds=";
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

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
  // One shape per method, as crypt(3) writes them. Checked field by field: a std::regex took
  // 7 CPU-s to compile, more than any other file of the extension (docs/benchmarks.md); the
  // unit test checks these rules against that regex.
  if (text.size() < 20 || text.size() > 512 || text[0] != '$') return false;
  const Fields f = split_fields(text.substr(1));
  const std::string_view id = f.at[0];
  if (id == "2a" || id == "2b" || id == "2y")  // $2b$12$<salt and hash: 53>
    return f.count == 3 && f.at[1].size() == 2 && is_digit(f.at[1][0]) &&
           is_digit(f.at[1][1]) && is_base64(f.at[2], 53, 53);
  if (id == "5" || id == "6") {  // $5$[rounds=N$]<salt: 0-16>$<hash: 43 or 86>
    if (f.count != 3 && f.count != 4) return false;
    if (f.count == 4 && !is_rounds(f.at[1])) return false;
    const std::string_view hash = f.at[f.count - 1];
    return is_salt(f.at[f.count - 2], 16) &&
           (is_base64(hash, 43, 43) || is_base64(hash, 86, 86));
  }
  if (id == "y" || id == "gy" || id == "7")  // $y$<params>$<salt>$<hash: 43>
    return f.count == 4 && is_base64(f.at[1], 1, 512) && is_base64(f.at[2], 0, 512) &&
           is_base64(f.at[3], 43, 43);
  if (id == "1")  // $1$<salt: 0-8>$<hash: 22>
    return f.count == 3 && is_salt(f.at[1], 8) && is_base64(f.at[2], 22, 22);
  return false;
}

namespace {

bool is_hex(std::string_view text) {
  for (char c : text)
    if (!is_digit(c) && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

// The crypt(3) method a "$id$" prefix names, or nullptr.
const char* method_of(std::string_view id) {
  if (id == "2a" || id == "2b" || id == "2y" || id == "2x") return "bcrypt";
  if (id == "5") return "sha256-crypt";
  if (id == "6") return "sha512-crypt";
  if (id == "1") return "md5-crypt";
  if (id == "y") return "yescrypt";
  if (id == "gy") return "gost-yescrypt";
  if (id == "7") return "scrypt";
  return nullptr;
}

// Hash formats of other libraries (PHC strings, Apache, passlib): a value that starts with one
// of these ids is a hash, not a password that happens to start with '$'.
bool is_foreign_scheme(std::string_view id) {
  static constexpr std::array<std::string_view, 12> kIds = {
      "argon2i", "argon2d", "argon2id", "scrypt", "pbkdf2", "pbkdf2-sha1",
      "pbkdf2-sha256", "pbkdf2-sha512", "bcrypt-sha256", "apr1", "sha1", "md5"};
  for (std::string_view k : kIds)
    if (id == k) return true;
  return false;
}

// "$id$..." with id of letters, digits and '-' (argon2id, pbkdf2-sha256, ...).
std::optional<std::string_view> crypt_prefix(std::string_view text) {
  if (text.size() < 3 || text[0] != '$') return std::nullopt;
  size_t end = text.find('$', 1);
  if (end == std::string_view::npos || end == 1 || end > 32) return std::nullopt;
  std::string_view id = text.substr(1, end - 1);
  for (char c : id)
    if (!is_digit(c) && !(c >= 'a' && c <= 'z') && c != '-') return std::nullopt;
  return id;
}

}  // namespace

std::optional<std::string> unusable_password(std::string_view text) {
  if (is_crypt_hash(text)) {
    if (text[1] != '2') return std::nullopt;
    int cost = (text[4] - '0') * 10 + (text[5] - '0');
    if (cost >= 4 && cost <= 31) return std::nullopt;
    return "password is a bcrypt hash of cost " + std::string(text.substr(4, 2)) +
           ", outside 04-31: nothing can verify it";
  }
  if (auto id = crypt_prefix(text)) {
    if (const char* method = method_of(*id))
      return "password looks like a " + std::string(method) + " hash ($" + std::string(*id) + "$) but is not a complete one";
    if (is_foreign_scheme(*id))
      return "password looks like a $" + std::string(*id) + "$ hash, a method crypt(3) cannot verify";
  }
  if (text.size() == 41 && text[0] == '*' && is_hex(text.substr(1)))
    return "password looks like a MySQL PASSWORD() hash (an unsalted SHA-1 digest)";
  if (is_hex(text)) {
    switch (text.size()) {
      case 32: return "password looks like an unsalted MD5 digest (32 hex digits)";
      case 40: return "password looks like an unsalted SHA-1 digest (40 hex digits)";
      case 64: return "password looks like an unsalted SHA-256 digest (64 hex digits)";
      case 128: return "password looks like an unsalted SHA-512 digest (128 hex digits)";
      default: break;
    }
  }
  return std::nullopt;
}

}  // namespace hexdb::legacy
