// The bit layout of RFC 9562 UUIDs, and the session-monotonic version 7 clock.
// Everything hexdb knows about where the version, variant, time and random bits go is here.
// No PostgreSQL header: unit-tested alone.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

namespace hexdb::uuid {

using Bytes = std::array<uint8_t, 16>;

// Version 7 time, RFC 9562 §6.2 method 3: 48-bit Unix milliseconds followed by a 12-bit
// fraction of the millisecond, kept together as one 60-bit count of 1/4096 ms.
constexpr int kFractionBits = 12;
constexpr uint64_t kMaxUnixMs = (uint64_t{1} << 48) - 1;

constexpr uint64_t v7_units_from_unix_ns(uint64_t ns) {
  uint64_t ms = ns / 1000000;
  uint64_t frac = ((ns % 1000000) << kFractionBits) / 1000000;
  return (ms << kFractionBits) | frac;
}
constexpr uint64_t v7_units_from_unix_us(uint64_t us) {
  uint64_t ms = us / 1000;
  uint64_t frac = ((us % 1000) << kFractionBits) / 1000;
  return (ms << kFractionBits) | frac;
}

// Sets the version nibble and the RFC 9562 variant bits (10xx).
inline void stamp(Bytes& u, int version) {
  u[6] = static_cast<uint8_t>((u[6] & 0x0f) | (version << 4));
  u[8] = static_cast<uint8_t>((u[8] & 0x3f) | 0x80);
}

// 16 random bytes become a version 4 UUID.
inline Bytes v4(const Bytes& random) {
  Bytes u = random;
  stamp(u, 4);
  return u;
}

// A version 7 UUID at a 60-bit time (see above); bytes 8..15 of random fill the rest.
Bytes v7(uint64_t units, const Bytes& random);

// The smallest version 7 UUID of a millisecond: every bit after the time is zero.
Bytes v7_boundary(uint64_t unix_ms);

// A version 5 UUID from the SHA-1 digest of namespace || name (first 16 bytes used).
Bytes v5(const uint8_t (&sha1)[20]);

// The version field; nullopt when the variant is not RFC 9562's (nil, max, Microsoft, NCS).
std::optional<int> version(const Bytes& u);

// Unix time in microseconds inside a version 7 (millisecond precision) or version 1 UUID;
// nullopt for every other version.
std::optional<int64_t> unix_us(const Bytes& u);

// Hands out strictly increasing version 7 times within one session, whatever the clock does:
// a clock that stalls or steps back gets the last time plus one 1/4096 ms.
class MonotonicV7Clock {
 public:
  uint64_t next(uint64_t now_units) noexcept {
    last_ = now_units > last_ ? now_units : last_ + 1;
    return last_;
  }

 private:
  uint64_t last_ = 0;
};

}  // namespace hexdb::uuid
