// Rows sorted by rank, then within a rank by their own order: the same order as one sort by
// (rank, key), whatever the rows' order before.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

#include "core/sort/rank_sort.hpp"

using hexdb::sort::sort_by_rank;

namespace {
struct Row {
  uint32_t rank;
  int64_t at;
  int64_t id;
};
bool key_less(const Row& a, const Row& b) { return a.at != b.at ? a.at < b.at : a.id < b.id; }
}  // namespace

TEST(RankSort, EqualsOneSortByRankThenKey) {
  std::mt19937 gen(7);
  std::vector<Row> rows;
  for (int64_t i = 0; i < 5000; ++i) rows.push_back({static_cast<uint32_t>(gen() % 97), static_cast<int64_t>(gen() % 50), i});
  std::vector<Row> expected = rows;
  std::sort(expected.begin(), expected.end(),
            [](const Row& a, const Row& b) { return std::tie(a.rank, a.at, a.id) < std::tie(b.rank, b.at, b.id); });
  sort_by_rank(rows, 97, [](const Row& r) { return r.rank; }, key_less);
  ASSERT_EQ(rows.size(), expected.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].rank, expected[i].rank) << i;
    EXPECT_EQ(rows[i].id, expected[i].id) << i;
  }
}

TEST(RankSort, EmptyRanksAndNoRows) {
  std::vector<Row> rows;
  sort_by_rank(rows, 10, [](const Row& r) { return r.rank; }, key_less);
  EXPECT_TRUE(rows.empty());
  rows = {{9, 1, 1}, {0, 5, 2}, {9, 0, 3}};
  sort_by_rank(rows, 10, [](const Row& r) { return r.rank; }, key_less);
  EXPECT_EQ(rows[0].id, 2);
  EXPECT_EQ(rows[1].id, 3);
  EXPECT_EQ(rows[2].id, 1);
}
