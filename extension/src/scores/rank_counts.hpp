// Rank counts (hexdb.monthly_score_counts): players per (year, month, level, bucket), and the
// one statement that adds deltas to them (rank_counts.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <tuple>
#include <unordered_map>

namespace hexdb::monthly {

struct CountKey {
  int32_t year;
  int32_t month;
  int16_t level;
  int64_t bucket;
  bool operator==(const CountKey& o) const {
    return year == o.year && month == o.month && level == o.level && bucket == o.bucket;
  }
  bool operator<(const CountKey& o) const {
    return std::tie(year, month, level, bucket) < std::tie(o.year, o.month, o.level, o.bucket);
  }
};
struct CountKeyHash {
  size_t operator()(const CountKey& k) const noexcept {
    return std::hash<int64_t>()(k.bucket * 31 + k.level) ^
           (size_t(uint32_t(k.year)) * 12 + size_t(k.month)) * 0x9E3779B97F4A7C15ull;
  }
};
using Deltas = std::unordered_map<CountKey, int64_t, CountKeyHash>;

// Adds each leaf's delta (level 0 keys) to that leaf and all its ancestors in `all`.
void spread_leaves(const Deltas& leaves, Deltas& all);

// Adds the non-zero deltas to the table in key order, with SPI connected; returns the rows
// touched. Only a holder of the compaction lock (rank_deltas.hpp) writes the counts, so this
// never waits for another writer. May throw.
int64_t add_counts(const Deltas& all);

}  // namespace hexdb::monthly
