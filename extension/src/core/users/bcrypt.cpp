#include "core/users/bcrypt.hpp"

#include <stdio.h>
#include <string.h>

#include <array>
#include <memory>
#include <vector>

namespace hexdb::password {

namespace {

constexpr int kWords = 18 + 4 * 256;  // Blowfish's P-array, then its four S-boxes

// Fixed-point arithmetic on little arrays of 32-bit words, word 0 the integer part.
using Fixed = std::vector<uint32_t>;

void divide(Fixed& a, uint32_t d, size_t from) {
  uint64_t rem = 0;
  for (size_t i = from; i < a.size(); ++i) {
    uint64_t cur = (rem << 32) | a[i];
    a[i] = static_cast<uint32_t>(cur / d);
    rem = cur % d;
  }
}

void add(Fixed& a, const Fixed& b, int sign) {
  int64_t carry = 0;
  for (size_t i = a.size(); i-- > 0;) {
    int64_t v = static_cast<int64_t>(a[i]) + sign * static_cast<int64_t>(b[i]) + carry;
    a[i] = static_cast<uint32_t>(v);
    carry = v >> 32;  // arithmetic shift: -1 borrows
  }
}

void multiply(Fixed& a, uint32_t m) {
  uint64_t carry = 0;
  for (size_t i = a.size(); i-- > 0;) {
    uint64_t v = static_cast<uint64_t>(a[i]) * m + carry;
    a[i] = static_cast<uint32_t>(v);
    carry = v >> 32;
  }
}

// arctan(1/x) by its series, in words.size() words.
Fixed arctan_inverse(uint32_t x, size_t words) {
  Fixed sum(words, 0), power(words, 0), term(words);
  power[0] = 1;
  divide(power, x, 0);
  add(sum, power, +1);
  size_t lead = 0;
  for (uint32_t k = 1;; ++k) {
    divide(power, x * x, lead);
    while (lead < words && power[lead] == 0) ++lead;
    if (lead == words) break;
    term = power;
    divide(term, 2 * k + 1, lead);
    add(sum, term, k % 2 ? -1 : +1);
  }
  return sum;
}

// Blowfish's initial state: the fractional hexadecimal digits of pi (Machin's formula,
// pi = 16 atan(1/5) - 4 atan(1/239)), computed once rather than carried as 4 kB of constants.
const std::array<uint32_t, kWords>& pi_words() {
  static const std::array<uint32_t, kWords> words = [] {
    const size_t n = kWords + 4;  // integer word, fraction, guard words
    Fixed a = arctan_inverse(5, n), b = arctan_inverse(239, n);
    multiply(a, 16);
    multiply(b, 4);
    add(a, b, -1);
    std::array<uint32_t, kWords> out{};
    for (int i = 0; i < kWords; ++i) out[i] = a[i + 1];
    return out;
  }();
  return words;
}

const char kAlphabet[] = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

int index_of(char c) {
  const char* p = c ? strchr(kAlphabet, c) : nullptr;
  return p ? static_cast<int>(p - kAlphabet) : -1;
}

// bcrypt's base64: 3 bytes to 4 characters, most significant bits first.
std::string encode(const uint8_t* data, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; i += 3) {
    uint32_t c1 = data[i];
    out += kAlphabet[c1 >> 2];
    c1 = (c1 & 3) << 4;
    if (i + 1 >= n) { out += kAlphabet[c1]; break; }
    uint32_t c2 = data[i + 1];
    out += kAlphabet[c1 | (c2 >> 4)];
    c1 = (c2 & 0x0f) << 2;
    if (i + 2 >= n) { out += kAlphabet[c1]; break; }
    c2 = data[i + 2];
    out += kAlphabet[c1 | (c2 >> 6)];
    out += kAlphabet[c2 & 0x3f];
  }
  return out;
}

bool decode_salt(std::string_view s, uint8_t out[16]) {
  int v[22];
  for (int i = 0; i < 22; ++i)
    if ((v[i] = index_of(s[i])) < 0) return false;
  int o = 0;
  for (int i = 0; o < 16; i += 4) {
    out[o++] = static_cast<uint8_t>((v[i] << 2) | (v[i + 1] >> 4));
    if (o == 16) break;
    out[o++] = static_cast<uint8_t>(((v[i + 1] & 0x0f) << 4) | (v[i + 2] >> 2));
    out[o++] = static_cast<uint8_t>(((v[i + 2] & 3) << 6) | v[i + 3]);
  }
  return true;
}

uint32_t big_endian(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// Blowfish's state (P-array then S-boxes, contiguous) plus bcrypt's key and salt, wiped when it goes.
struct State {
  uint32_t w[kWords];
  uint32_t key[18];
  uint32_t salt[4];
  ~State() { explicit_bzero(this, sizeof *this); }

  uint32_t f(uint32_t x) const {
    const uint32_t* s = w + 18;
    return ((s[x >> 24] + s[256 + ((x >> 16) & 0xff)]) ^ s[512 + ((x >> 8) & 0xff)]) + s[768 + (x & 0xff)];
  }
  void encrypt(uint32_t& l, uint32_t& r) const {
    l ^= w[0];
    for (int i = 1; i <= 16; i += 2) {
      r ^= f(l) ^ w[i];
      l ^= f(r) ^ w[i + 1];
    }
    uint32_t t = r;
    r = l;
    l = t ^ w[17];
  }
  // Re-keys P and S by encrypting a running block; with_salt mixes the salt in first.
  void rekey(bool with_salt) {
    uint32_t l = 0, r = 0;
    for (int i = 0; i < kWords; i += 2) {
      if (with_salt) l ^= salt[i & 2], r ^= salt[(i & 2) + 1];
      encrypt(l, r);
      w[i] = l;
      w[i + 1] = r;
    }
  }
  void xor_key() {
    for (int i = 0; i < 18; ++i) w[i] ^= key[i];
  }
  void xor_salt() {
    for (int i = 0; i < 18; ++i) w[i] ^= salt[i & 3];
  }
};

// The rounds between two checkpoints: at most 2^kSlice of them.
constexpr int kSlice = 4;

}  // namespace

bool parse_bcrypt(std::string_view s, BcryptSetting* out) {
  BcryptSetting ignored;
  if (!out) out = &ignored;
  if (s.size() < 29 || s[0] != '$' || s[1] != '2' || s[3] != '$' || s[6] != '$') return false;
  char minor = s[2];
  if (minor != 'a' && minor != 'b' && minor != 'y') return false;
  if (s[4] < '0' || s[4] > '3' || s[5] < '0' || s[5] > '9') return false;
  int cost = (s[4] - '0') * 10 + (s[5] - '0');
  if (cost < 4 || cost > 31) return false;
  if (!decode_salt(s.substr(7, 22), out->salt)) return false;
  out->minor = minor;
  out->cost = cost;
  return true;
}

std::string bcrypt(std::string_view password, const BcryptSetting& setting, const Checkpoint& checkpoint) {
  auto st = std::make_unique<State>();
  const auto& pi = pi_words();
  memcpy(st->w, pi.data(), sizeof st->w);
  // The key: the password and its NUL, repeated to 72 bytes (bcrypt reads no more).
  size_t len = password.size() > 72 ? 72 : password.size();
  size_t at = 0;
  for (uint32_t& k : st->key) {
    k = 0;
    for (int b = 0; b < 4; ++b) {
      uint8_t c = at < len ? static_cast<uint8_t>(password[at]) : 0;
      k = (k << 8) | c;
      at = at < len ? at + 1 : 0;
    }
  }
  for (int i = 0; i < 4; ++i) st->salt[i] = big_endian(setting.salt + 4 * i);

  st->xor_key();
  st->rekey(true);
  const uint64_t rounds = uint64_t{1} << setting.cost;
  for (uint64_t done = 0; done < rounds; ++done) {
    if ((done & ((1u << kSlice) - 1)) == 0) checkpoint();
    st->xor_key();
    st->rekey(false);
    st->xor_salt();
    st->rekey(false);
  }
  static const uint8_t kMagic[] = "OrpheanBeholderScryDoubt";
  uint8_t out[24];
  for (int i = 0; i < 6; i += 2) {
    uint32_t l = big_endian(kMagic + 4 * i), r = big_endian(kMagic + 4 * i + 4);
    for (int k = 0; k < 64; ++k) st->encrypt(l, r);
    for (int b = 0; b < 4; ++b) out[4 * i + b] = static_cast<uint8_t>(l >> (24 - 8 * b));
    for (int b = 0; b < 4; ++b) out[4 * i + 4 + b] = static_cast<uint8_t>(r >> (24 - 8 * b));
  }
  char head[8];
  snprintf(head, sizeof head, "$2%c$%02d$", setting.minor, setting.cost);
  std::string result = head + encode(setting.salt, 16) + encode(out, 23);
  explicit_bzero(out, sizeof out);
  return result;
}

}  // namespace hexdb::password
