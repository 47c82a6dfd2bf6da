// The import's legacy id -> user map: every key found with its value, no other key found, over
// the ids a MySQL table holds (consecutive, sparse, negative, the int32 extremes).
#include <gtest/gtest.h>

#include <climits>
#include <random>
#include <set>
#include <string>

#include "core/import/legacy_id_map.hpp"

using hexdb::legacy::LegacyIdMap;

namespace {
using Entries = std::vector<std::pair<int32_t, std::string>>;

void expect_exactly(const LegacyIdMap<std::string>& map, const Entries& entries, const std::vector<int32_t>& absent) {
  EXPECT_EQ(map.size(), entries.size());
  for (const auto& [key, value] : entries) {
    const std::string* found = map.find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value);
  }
  for (int32_t key : absent) EXPECT_EQ(map.find(key), nullptr) << key;
}
}  // namespace

TEST(LegacyIdMap, EmptyFindsNothing) {
  LegacyIdMap<std::string> map({});
  expect_exactly(map, {}, {0, 1, -1, INT_MIN, INT_MAX});
}

TEST(LegacyIdMap, ConsecutiveIds) {
  Entries e;
  for (int32_t i = 1; i <= 100000; ++i) e.push_back({i, std::to_string(i * 7)});
  LegacyIdMap<std::string> map(e);
  expect_exactly(map, e, {0, -1, 100001, 200000, INT_MIN, INT_MAX});
}

TEST(LegacyIdMap, SparseNegativeAndExtremeIds) {
  std::mt19937 g(7);
  std::set<int32_t> keys{INT_MIN, INT_MAX, 0, -1};
  while (keys.size() < 5000) keys.insert(static_cast<int32_t>(g()));
  Entries e;
  for (int32_t k : keys) e.push_back({k, "v" + std::to_string(k)});
  std::vector<int32_t> absent;
  while (absent.size() < 5000) {
    int32_t k = static_cast<int32_t>(g());
    if (!keys.count(k)) absent.push_back(k);
  }
  LegacyIdMap<std::string> map(e);
  expect_exactly(map, e, absent);
}

TEST(LegacyIdMap, KeysThatCollideAllFound) {
  // Multiples of a large power of two share their low bits: a hash taking the low bits would
  // put them all in one slot.
  Entries e;
  for (int32_t i = -500; i < 500; ++i) e.push_back({i * (1 << 20), std::to_string(i)});
  LegacyIdMap<std::string> map(e);
  expect_exactly(map, e, {1, (1 << 20) + 1, 3 << 19});
}

TEST(LegacyIdMap, ARepeatedKeyKeepsItsFirstValue) {
  LegacyIdMap<std::string> map({{5, "first"}, {6, "six"}, {5, "second"}});
  EXPECT_EQ(map.size(), 2u);
  ASSERT_NE(map.find(5), nullptr);
  EXPECT_EQ(*map.find(5), "first");
  EXPECT_EQ(*map.find(6), "six");
}
