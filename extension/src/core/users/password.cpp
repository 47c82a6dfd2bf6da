#include "core/users/password.hpp"

#include <crypt.h>
#include <string.h>

#include <memory>
#include <stdexcept>

#include "core/sql_error.hpp"

namespace hexdb::password {

namespace {

// A NUL-terminated copy of a secret that is wiped when it goes.
class Secret {
 public:
  explicit Secret(std::string_view s) : s_(s) {}
  ~Secret() { explicit_bzero(s_.data(), s_.size()); }
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  const char* c_str() const { return s_.c_str(); }

 private:
  std::string s_;
};

std::string salt(int cost) {
  char buf[CRYPT_GENSALT_OUTPUT_SIZE];
  // NULL random bytes: libxcrypt draws them from the kernel (getrandom).
  if (!crypt_gensalt_rn("$2b$", static_cast<unsigned long>(cost), nullptr, 0, buf, sizeof buf))
    throw std::runtime_error("libxcrypt could not make a bcrypt salt");
  return buf;
}

// The crypt(3) result of plaintext under setting, or "" when libxcrypt refuses the setting.
std::string crypt_with(const Secret& plaintext, const std::string& setting) {
  auto data = std::make_unique<crypt_data>();  // ~32 kB: not on the backend's stack
  const char* out = crypt_rn(plaintext.c_str(), setting.c_str(), data.get(), sizeof *data);
  std::string result = out ? out : "";
  explicit_bzero(data.get(), sizeof *data);
  return result;
}

bool seven_bit(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) > 127) return false;
  return true;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::string hash(std::string_view plaintext, int cost, const Checkpoint& checkpoint) {
  if (plaintext.empty()) throw SqlError("22023", Rule{"password_length", "users"}, "a password must not be empty");
  if (plaintext.size() > kMaxBytes)
    throw SqlError("22023", Rule{"password_length", "users"}, "a password must be at most 72 bytes long",
                   "bcrypt reads only the first 72 bytes; longer passwords are refused, not cut.");
  BcryptSetting setting;
  if (!parse_bcrypt(salt(cost), &setting)) throw std::runtime_error("libxcrypt made no bcrypt salt");
  return bcrypt(plaintext, setting, checkpoint);
}

bool matches(std::string_view plaintext, std::string_view hash, const Checkpoint& checkpoint) {
  if (hash.empty() || hash[0] != '$') return false;  // not a crypt(3) hash: never matches
  BcryptSetting setting;
  // $2a$ differs from $2b$ only for 8-bit passwords (libxcrypt's countermeasure): leave those to it.
  if (parse_bcrypt(hash, &setting) && hash.size() == 60 && plaintext.size() <= kMaxBytes &&
      (setting.minor != 'a' || seven_bit(plaintext)))
    return equal_constant_time(bcrypt(plaintext, setting, checkpoint), hash);
  Secret secret(plaintext);
  std::string h = crypt_with(secret, std::string(hash));
  return !h.empty() && equal_constant_time(h, hash);
}

int bcrypt_cost(std::string_view hash) {
  BcryptSetting setting;
  return parse_bcrypt(hash, &setting) ? setting.cost : -1;
}

bool needs_rehash(std::string_view hash, int cost) {
  BcryptSetting setting;
  return !parse_bcrypt(hash, &setting) || setting.minor != 'b' || setting.cost != cost;
}

}  // namespace hexdb::password
