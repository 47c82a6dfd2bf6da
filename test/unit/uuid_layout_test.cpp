#include "core/uuid/uuid_layout.hpp"
#include "core/uuid/uuid_order.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

using namespace hexdb::uuid;

namespace {
Bytes pattern(uint8_t fill) {
  Bytes b;
  b.fill(fill);
  return b;
}
}  // namespace

TEST(UuidLayout, V4SetsVersionAndVariantOnly) {
  Bytes u = v4(pattern(0xff));
  EXPECT_EQ(u[6], 0x4f);
  EXPECT_EQ(u[8], 0xbf);
  EXPECT_EQ(version(u), 4);
  Bytes z = v4(pattern(0x00));
  EXPECT_EQ(z[6], 0x40);
  EXPECT_EQ(z[8], 0x80);
}

TEST(UuidLayout, V7PutsMillisecondsAndFractionFirst) {
  // 2024-05-06 07:08:09.123456 UTC
  uint64_t us = 1714979289123456;
  Bytes u = v7(v7_units_from_unix_us(us), pattern(0));
  EXPECT_EQ(version(u), 7);
  uint64_t ms = 0;
  for (int i = 0; i < 6; ++i) ms = (ms << 8) | u[i];
  EXPECT_EQ(ms, 1714979289123u);
  uint32_t frac = ((u[6] & 0x0f) << 8) | u[7];
  EXPECT_EQ(frac, (456u * 4096) / 1000);
  EXPECT_EQ(unix_us(u), int64_t{1714979289123000});
}

TEST(UuidLayout, V7FractionIsMonotonicInSubMillisecondTime) {
  EXPECT_LT(v7_units_from_unix_ns(1000000), v7_units_from_unix_ns(1000245));
  EXPECT_EQ(v7_units_from_unix_ns(1999999) >> kFractionBits, 1u);
  EXPECT_EQ(v7_units_from_unix_ns(1999999) & 0xfff, 4095u);
}

TEST(UuidLayout, BoundaryIsTheSmallestV7OfItsMillisecond) {
  Bytes b = v7_boundary(1714979289123);
  Bytes smallest = v7(uint64_t{1714979289123} << kFractionBits, pattern(0));
  EXPECT_EQ(b, smallest);
  EXPECT_EQ(version(b), 7);
  Bytes before = v7((uint64_t{1714979289122} << kFractionBits) | 0xfff, pattern(0xff));
  EXPECT_LT(before, b);
}

TEST(UuidLayout, VersionIsNullForForeignVariants) {
  EXPECT_EQ(version(pattern(0x00)), std::nullopt);  // nil
  EXPECT_EQ(version(pattern(0xff)), std::nullopt);  // max
  Bytes microsoft = v4(pattern(0x11));
  microsoft[8] = 0xc0;
  EXPECT_EQ(version(microsoft), std::nullopt);
}

TEST(UuidLayout, TimestampOfVersion1) {
  // c232ab00-9414-11ec-b3c8-9f6bdeced846: RFC 9562 appendix A.1, 2022-02-22 19:22:22 UTC.
  Bytes u = {0xc2, 0x32, 0xab, 0x00, 0x94, 0x14, 0x11, 0xec,
             0xb3, 0xc8, 0x9f, 0x6b, 0xde, 0xce, 0xd8, 0x46};
  EXPECT_EQ(version(u), 1);
  EXPECT_EQ(unix_us(u), int64_t{1645557742000000});
}

TEST(UuidLayout, TimestampIsNullForOtherVersions) {
  EXPECT_EQ(unix_us(v4(pattern(0x5a))), std::nullopt);
}

TEST(UuidLayout, V5FromDigest) {
  uint8_t digest[20];
  for (int i = 0; i < 20; ++i) digest[i] = 0xff;
  Bytes u = v5(digest);
  EXPECT_EQ(version(u), 5);
  EXPECT_EQ(u[6], 0x5f);
}

TEST(MonotonicV7Clock, StrictlyIncreasingWhenTheClockStepsBack) {
  MonotonicV7Clock clock;
  uint64_t t0 = v7_units_from_unix_ns(1714979289123456789);
  uint64_t a = clock.next(t0);
  uint64_t b = clock.next(t0);                                  // stalled clock
  uint64_t c = clock.next(t0 - v7_units_from_unix_ns(5000000000));  // 5 s step back
  uint64_t d = clock.next(t0 + 4096);                          // clock catches up
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_LT(c, d);
  EXPECT_EQ(d, t0 + 4096);
}

TEST(MonotonicV7Clock, AMillionUuidsFromAFrozenClockSortInOrder) {
  MonotonicV7Clock clock;
  Bytes prev{};
  uint64_t frozen = v7_units_from_unix_ns(1714979289000000000);
  for (int i = 0; i < 1000000; ++i) {
    Bytes u = v7(clock.next(frozen), pattern(static_cast<uint8_t>(255 - i % 256)));
    ASSERT_LT(prev, u) << "at " << i;
    prev = u;
  }
}

// uuid::less is PostgreSQL's uuid order (the bytes as unsigned, first to last), as the bytewise
// comparison gives it: on random pairs, on pairs that differ only in one byte of either half,
// and on equal ones.
TEST(UuidOrder, LessIsTheBytewiseOrder) {
  std::mt19937_64 rng(5);
  auto random = [&] {
    hexdb::uuid::Bytes u;
    for (auto& b : u) b = static_cast<uint8_t>(rng());
    return u;
  };
  for (int i = 0; i < 20000; ++i) {
    hexdb::uuid::Bytes a = random(), b = random();
    if (i % 2) b = a, b[rng() % 16] = static_cast<uint8_t>(rng());
    EXPECT_EQ(hexdb::uuid::less(a, b), a < b) << i;
    EXPECT_EQ(hexdb::uuid::less(b, a), b < a) << i;
  }
  hexdb::uuid::Bytes x = random();
  EXPECT_FALSE(hexdb::uuid::less(x, x));
  hexdb::uuid::Bytes lo{}, hi{};
  hi[0] = 0x80;  // a high bit: unsigned, not signed
  EXPECT_TRUE(hexdb::uuid::less(lo, hi));
}
