#include "core/uuid/uuid_layout.hpp"

namespace hexdb::uuid {

Bytes v7(uint64_t units, const Bytes& random) {
  Bytes u = random;
  uint64_t ms = units >> kFractionBits;
  uint64_t frac = units & ((uint64_t{1} << kFractionBits) - 1);
  for (int i = 0; i < 6; ++i) u[i] = static_cast<uint8_t>(ms >> (40 - 8 * i));
  u[6] = static_cast<uint8_t>(frac >> 8);
  u[7] = static_cast<uint8_t>(frac);
  stamp(u, 7);
  return u;
}

Bytes v7_boundary(uint64_t unix_ms) {
  Bytes u{};
  for (int i = 0; i < 6; ++i) u[i] = static_cast<uint8_t>(unix_ms >> (40 - 8 * i));
  stamp(u, 7);
  return u;
}

Bytes v5(const uint8_t (&sha1)[20]) {
  Bytes u;
  for (int i = 0; i < 16; ++i) u[i] = sha1[i];
  stamp(u, 5);
  return u;
}

std::optional<int> version(const Bytes& u) {
  if ((u[8] & 0xc0) != 0x80) return std::nullopt;
  return u[6] >> 4;
}

// Version 1 counts 100 ns since 1582-10-15, the start of the Gregorian calendar.
constexpr int64_t kGregorianToUnix100ns = 0x01B21DD213814000;

std::optional<int64_t> unix_us(const Bytes& u) {
  auto v = version(u);
  if (v == 7) {
    uint64_t ms = 0;
    for (int i = 0; i < 6; ++i) ms = (ms << 8) | u[i];
    return static_cast<int64_t>(ms) * 1000;
  }
  if (v == 1) {
    uint64_t low = (uint64_t{u[0]} << 24) | (uint64_t{u[1]} << 16) | (uint64_t{u[2]} << 8) | u[3];
    uint64_t mid = (uint64_t{u[4]} << 8) | u[5];
    uint64_t high = (uint64_t{u[6] & 0x0fu} << 8) | u[7];
    int64_t ticks = static_cast<int64_t>((high << 48) | (mid << 32) | low);
    return (ticks - kGregorianToUnix100ns) / 10;
  }
  return std::nullopt;
}

}  // namespace hexdb::uuid
