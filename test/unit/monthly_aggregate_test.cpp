// The monthly aggregate's rules, and the property the triggers rely on: folding rows one at a
// time, in any order or grouping, and removing rows with remove() when it answers, gives the
// same value as folding the rows that remain.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/scores/monthly_aggregate.hpp"
#include "core/scores/monthly_fold.hpp"
#include "core/sql_error.hpp"

using namespace hexdb::monthly;

namespace {
Key key(int y, int m, uint8_t u) {
  Key k{y, m, {}};
  k.user[15] = u;
  return k;
}
std::optional<Value> fold_all(Aggregate a, const std::vector<Value>& vs) {
  if (vs.empty()) return std::nullopt;
  Value acc = vs[0];
  for (size_t i = 1; i < vs.size(); ++i) acc = combine(a, acc, vs[i]);
  return acc;
}
}  // namespace

TEST(MonthlyAggregate, ParsesNames) {
  EXPECT_EQ(parse_aggregate("best"), Aggregate::kBest);
  EXPECT_EQ(parse_aggregate("sum"), Aggregate::kSum);
  EXPECT_EQ(parse_aggregate("latest"), Aggregate::kLatest);
  EXPECT_STREQ(aggregate_name(Aggregate::kLatest), "latest");
  try {
    parse_aggregate("max");
    FAIL();
  } catch (const hexdb::SqlError& e) {
    EXPECT_STREQ(e.sqlstate(), "22023");
  }
}

TEST(MonthlyAggregate, BestKeepsWhoReachedItFirst) {
  EXPECT_EQ(combine(Aggregate::kBest, {10, 5}, {10, 3}), (Value{10, 3}));
  EXPECT_EQ(combine(Aggregate::kBest, {10, 3}, {10, 5}), (Value{10, 3}));
  EXPECT_EQ(combine(Aggregate::kBest, {10, 3}, {11, 9}), (Value{11, 9}));
  EXPECT_EQ(combine(Aggregate::kBest, {10, 3}, {9, 1}), (Value{10, 3}));
}

TEST(MonthlyAggregate, SumTakesTheLatestTime) {
  EXPECT_EQ(combine(Aggregate::kSum, {10, 5}, {7, 3}), (Value{17, 5}));
  EXPECT_THROW(combine(Aggregate::kSum, {INT64_MAX, 1}, {1, 2}), hexdb::SqlError);
}

TEST(MonthlyAggregate, LatestPrefersTheHigherScoreAtTheSameTime) {
  EXPECT_EQ(combine(Aggregate::kLatest, {10, 5}, {7, 6}), (Value{7, 6}));
  EXPECT_EQ(combine(Aggregate::kLatest, {10, 5}, {7, 4}), (Value{10, 5}));
  EXPECT_EQ(combine(Aggregate::kLatest, {10, 5}, {12, 5}), (Value{12, 5}));
}

TEST(MonthlyAggregate, RemoveAnswersOnlyWhenItKnows) {
  EXPECT_EQ(remove(Aggregate::kBest, {10, 3}, {9, 1}), (Value{10, 3}));
  EXPECT_EQ(remove(Aggregate::kBest, {10, 3}, {10, 4}), (Value{10, 3}));
  EXPECT_FALSE(remove(Aggregate::kBest, {10, 3}, {10, 3}));  // the best itself left
  EXPECT_EQ(remove(Aggregate::kSum, {17, 5}, {7, 3}), (Value{10, 5}));
  EXPECT_FALSE(remove(Aggregate::kSum, {17, 5}, {7, 5}));  // the latest contributor left
  EXPECT_EQ(remove(Aggregate::kLatest, {10, 5}, {99, 4}), (Value{10, 5}));
  EXPECT_FALSE(remove(Aggregate::kLatest, {10, 5}, {10, 5}));
}

// Random multisets: fold order does not matter, and remove() never lies.
TEST(MonthlyAggregate, IncrementalEqualsRecomputation) {
  std::mt19937_64 rng(42);
  for (Aggregate a : {Aggregate::kBest, Aggregate::kSum, Aggregate::kLatest}) {
    for (int trial = 0; trial < 2000; ++trial) {
      std::vector<Value> rows;
      int n = 1 + rng() % 8;
      for (int i = 0; i < n; ++i) rows.push_back({int64_t(rng() % 5), int64_t(rng() % 5)});
      auto all = fold_all(a, rows);
      std::shuffle(rows.begin(), rows.end(), rng);
      ASSERT_EQ(*fold_all(a, rows), *all);
      // Remove a random non-empty prefix (the "deleted" rows).
      size_t k = 1 + rng() % rows.size();
      std::vector<Value> gone(rows.begin(), rows.begin() + k), kept(rows.begin() + k, rows.end());
      auto r = remove(a, *all, *fold_all(a, gone));
      if (r) {
        ASSERT_FALSE(kept.empty()) << "remove() answered though nothing is left";
        ASSERT_EQ(*r, *fold_all(a, kept)) << aggregate_name(a);
      }
    }
  }
}

TEST(MonthlyAggregate, CancelCommonDropsUnchangedRows) {
  std::vector<Row> removed{{key(2026, 1, 1), {5, 1}}, {key(2026, 1, 2), {7, 2}}, {key(2026, 1, 2), {7, 2}}};
  std::vector<Row> added{{key(2026, 1, 2), {7, 2}}, {key(2026, 2, 1), {5, 1}}, {key(2026, 1, 1), {5, 1}}};
  cancel_common(removed, added);
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].key, key(2026, 1, 2));
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0].key, key(2026, 2, 1));
}

TEST(MonthlyAggregate, FoldGroupsAndSortsByKey) {
  Fold f(Aggregate::kBest);
  f.add(key(2026, 2, 1), {3, 9});
  f.add(key(2026, 1, 2), {4, 9});
  f.add(key(2026, 2, 1), {3, 2});
  f.add(key(2025, 12, 9), {1, 1});
  auto s = f.sorted();
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].first, key(2025, 12, 9));
  EXPECT_EQ(s[1].first, key(2026, 1, 2));
  EXPECT_EQ(s[2].second, (Value{3, 2}));
  EXPECT_EQ(f.find(key(2026, 3, 1)), nullptr);
}

// Higher scores first, then the earlier, then the user: monthly_scores_rank_idx's order.
TEST(MonthlyAggregate, RankOrder) {
  std::vector<std::pair<Key, Value>> g = {
      {key(2026, 3, 1), {10, 5}}, {key(2026, 3, 2), {30, 9}}, {key(2026, 3, 3), {10, 4}},
      {key(2026, 3, 4), {10, 4}}, {key(2026, 2, 5), {0, 0}},  {key(2026, 3, 0), {30, 9}}};
  std::vector<size_t> want = {4, 5, 1, 2, 3, 0};
  EXPECT_EQ(rank_order(g.data(), g.size()), want);
  EXPECT_TRUE(rank_order(g.data(), 0).empty());
}

// fold_sorted gives what a Fold fed the same rows gives, for every rule.
TEST(MonthlyAggregate, FoldSortedEqualsTheHashedFold) {
  std::mt19937 rng(11);
  for (Aggregate a : {Aggregate::kBest, Aggregate::kSum, Aggregate::kLatest}) {
    std::vector<Row> rows;
    for (int i = 0; i < 500; ++i)
      rows.push_back({key(2026, 1 + static_cast<int>(rng() % 3), static_cast<uint8_t>(rng() % 40)),
                      {static_cast<int64_t>(rng() % 100), static_cast<int64_t>(rng() % 50)}});
    Fold f(a);
    for (const Row& r : rows) f.add(r);
    EXPECT_EQ(fold_sorted(a, rows), f.sorted()) << aggregate_name(a);
  }
  std::vector<Row> none;
  EXPECT_TRUE(fold_sorted(Aggregate::kBest, none).empty());
}

// The same for rows in a bulk load's order, by user and then time (months in order within a
// user, across a new year), and for months too far apart to count (sorted whole instead).
TEST(MonthlyAggregate, FoldSortedOfUserOrderedRows) {
  std::mt19937 rng(12);
  for (Aggregate a : {Aggregate::kBest, Aggregate::kSum, Aggregate::kLatest}) {
    std::vector<Row> rows;
    for (uint8_t user = 0; user < 60; ++user)
      for (int m = 0, n = static_cast<int>(rng() % 30); m < n; ++m)
        rows.push_back({key(2025 + (10 + m / 3) / 12, 1 + (10 + m / 3) % 12, user),
                        {static_cast<int64_t>(rng() % 100), static_cast<int64_t>(m)}});
    Fold f(a);
    for (const Row& r : rows) f.add(r);
    EXPECT_EQ(fold_sorted(a, rows), f.sorted()) << aggregate_name(a);
  }
  std::vector<Row> far = {{key(9999, 12, 3), {1, 1}}, {key(1, 1, 2), {2, 2}}, {key(9999, 12, 1), {3, 3}},
                          {key(1, 1, 2), {4, 4}}};
  Fold f(Aggregate::kSum);
  for (const Row& r : far) f.add(r);
  EXPECT_EQ(fold_sorted(Aggregate::kSum, far), f.sorted());
}
