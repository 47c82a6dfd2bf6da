// Rank-count changes as sorted vectors (a bulk load's path) against the hash-map path every
// other writer takes: the same rows at every level, sorted, no zeros.
#include <gtest/gtest.h>

#include <random>

#include "core/scores/count_rows.hpp"
#include "core/scores/monthly_buckets.hpp"

using namespace hexdb::monthly;

namespace {

Deltas random_leaves(std::mt19937_64& rng, int n) {
  Deltas d;
  for (int i = 0; i < n; ++i) {
    int32_t month = 1 + static_cast<int32_t>(rng() % 3);
    int64_t score = static_cast<int64_t>(rng() % 200000);
    int64_t delta = rng() % 4 == 0 ? -1 : 1;
    d[{2024, month, 0, buckets::leaf_of(score)}] += delta;
  }
  return d;
}

}  // namespace

TEST(CountRows, SpreadSortedEqualsTheHashMapSpread) {
  std::mt19937_64 rng(11);
  for (int n : {0, 1, 7, 5000, 200000}) {
    Deltas leaves = random_leaves(rng, n);
    Deltas all;
    spread_leaves(leaves, all);
    CountRows expected = sorted_rows(all);
    CountRows got = spread_sorted(sorted_rows(leaves));
    ASSERT_EQ(got.size(), expected.size()) << n;
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_TRUE(got[i].first == expected[i].first) << n << " row " << i;
      ASSERT_EQ(got[i].second, expected[i].second) << n << " row " << i;
    }
  }
}

TEST(CountRows, ALevelThatSumsToZeroIsDropped) {
  // Two leaves of one parent, +1 and -1: both leaves stay, no row above them.
  int64_t a = buckets::leaf_of(1000), b = a + 1;
  ASSERT_EQ(buckets::at_level(a, 1), buckets::at_level(b, 1));
  CountRows got = spread_sorted({{{2024, 5, 0, a}, 1}, {{2024, 5, 0, b}, -1}});
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].first.level, 0);
  EXPECT_EQ(got[1].first.level, 0);
}

TEST(CountRows, MergeSumsEqualKeysAndDropsZeros) {
  CountKey k1{2024, 1, 0, 5}, k2{2024, 1, 0, 9}, k3{2024, 2, 0, 1};
  CountRows got = merge_sorted({{k1, 2}, {k2, 1}}, {{k2, -1}, {k3, 4}});
  ASSERT_EQ(got.size(), 2u);
  EXPECT_TRUE(got[0].first == k1);
  EXPECT_EQ(got[0].second, 2);
  EXPECT_TRUE(got[1].first == k3);
  EXPECT_EQ(got[1].second, 4);
  EXPECT_TRUE(merge_sorted({}, {}).empty());
}

// A bulk load appends each new month's leaf as it goes and sums them in one sort: the same
// rows as the hash map fed one at a time.
TEST(CountRows, SummedRowsEqualTheHashMapSums) {
  std::mt19937_64 rng(12);
  for (int n : {0, 1, 7, 5000, 200000}) {
    CountRows appended;
    Deltas d;
    for (int i = 0; i < n; ++i) {
      CountKey k{2024, 1 + static_cast<int32_t>(rng() % 3), 0, buckets::leaf_of(static_cast<int64_t>(rng() % 20000))};
      int64_t delta = rng() % 4 == 0 ? -1 : 1;
      appended.push_back({k, delta});
      d[k] += delta;
    }
    CountRows expected = sorted_rows(d);
    CountRows got = summed_rows(appended);
    ASSERT_EQ(got.size(), expected.size()) << n;
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_TRUE(got[i].first == expected[i].first) << n << " row " << i;
      ASSERT_EQ(got[i].second, expected[i].second) << n << " row " << i;
    }
  }
}
