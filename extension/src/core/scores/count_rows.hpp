// Changes to the rank counts (hexdb.monthly_score_counts): players per (year, month, level,
// bucket), as a hash map for a writer's few changes and as a sorted vector for a bulk load's
// hundreds of thousands (no hash map to fill, grow and sort again). Pure C++.
#pragma once

#include <cstdint>
#include <functional>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

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

// Sorted by key, no zero delta.
using CountRows = std::vector<std::pair<CountKey, int64_t>>;
// The non-zero entries of d, sorted.
CountRows sorted_rows(const Deltas& d);
// rows in any order, equal keys summed, zeros dropped, sorted: what sorted_rows gives for a
// Deltas fed the same rows (a bulk load's hundreds of thousands, without the hash map).
CountRows summed_rows(CountRows rows);
// Sorted level-0 rows and their sums at every level above: what spread_leaves gives, sorted.
CountRows spread_sorted(const CountRows& leaves);
// Two sorted vectors as one, equal keys summed, zeros dropped.
CountRows merge_sorted(const CountRows& a, const CountRows& b);

}  // namespace hexdb::monthly
