// Bucket numbering: monotone in the score, leaves tile the score range exactly, and the level
// arithmetic partitions "everything ahead" into sibling ranges.
#include <gtest/gtest.h>

#include <random>

#include "core/scores/monthly_buckets.hpp"

using namespace hexdb::monthly::buckets;

TEST(MonthlyBuckets, SmallScoresAreExact) {
  EXPECT_EQ(leaf_of(0), 0);
  EXPECT_EQ(leaf_of(131071), 131071);
  EXPECT_EQ(leaf_scores(1234).lo, 1234);
  EXPECT_EQ(leaf_scores(1234).hi, 1234);
}

TEST(MonthlyBuckets, LeavesTileTheScoresInOrder) {
  // Walk leaf boundaries across every binary exponent up to bigint's maximum.
  int64_t prev_hi = -1;
  for (int64_t leaf = 0; leaf <= leaf_of(INT64_MAX);) {
    ScoreRange r = leaf_scores(leaf);
    ASSERT_EQ(r.lo, prev_hi + 1) << leaf;
    ASSERT_LE(r.lo, r.hi);
    ASSERT_EQ(leaf_of(r.lo), leaf);
    ASSERT_EQ(leaf_of(r.hi), leaf);
    prev_hi = r.hi;
    if (r.hi == INT64_MAX) break;
    leaf += leaf < 200000 ? 1 : 997;  // sample the large leaves
    if (leaf > 200000) prev_hi = leaf_scores(leaf).lo - 1;
  }
  EXPECT_EQ(leaf_scores(leaf_of(INT64_MAX)).hi, INT64_MAX);
  EXPECT_LT(at_level(leaf_of(INT64_MAX), kLevels - 1), 16);
}

TEST(MonthlyBuckets, MonotoneOnRandomScores) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) {
    int64_t a = static_cast<int64_t>(rng() >> (1 + rng() % 63));
    int64_t b = static_cast<int64_t>(rng() >> (1 + rng() % 63));
    if (a > b) std::swap(a, b);
    ASSERT_LE(leaf_of(a), leaf_of(b));
    ScoreRange r = leaf_scores(leaf_of(a));
    ASSERT_TRUE(r.lo <= a && a <= r.hi);
  }
}

// Every leaf above mine lies in exactly one sibling range of exactly one level.
TEST(MonthlyBuckets, SiblingRangesPartitionWhatIsAhead) {
  std::mt19937_64 rng(9);
  for (int i = 0; i < 2000; ++i) {
    int64_t mine = static_cast<int64_t>(rng() % 3000000);
    int64_t other = static_cast<int64_t>(rng() % 3000000);
    int hits = 0;
    for (int level = 0; level < kLevels; ++level) {
      int64_t b = at_level(mine, level), o = at_level(other, level);
      if (o > b && o < sibling_end(b, level)) ++hits;
    }
    ASSERT_EQ(hits, other > mine ? 1 : 0) << mine << " " << other;
  }
}

TEST(MonthlyBuckets, ChildrenRanges) {
  int64_t leaf = leaf_of(987654321);
  for (int level = 1; level < kLevels; ++level) {
    int64_t parent = at_level(leaf, level);
    int64_t child = at_level(leaf, level - 1);
    EXPECT_GE(child, first_child(parent));
    EXPECT_LT(child, end_child(parent));
  }
}
