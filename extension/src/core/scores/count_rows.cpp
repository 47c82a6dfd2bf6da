#include "core/scores/count_rows.hpp"

#include <algorithm>

#include "core/scores/monthly_buckets.hpp"

namespace hexdb::monthly {

void spread_leaves(const Deltas& leaves, Deltas& all) {
  for (const auto& [k, d] : leaves) {
    if (d == 0) continue;
    for (int level = 0; level < buckets::kLevels; ++level)
      all[{k.year, k.month, static_cast<int16_t>(level), buckets::at_level(k.bucket, level)}] += d;
  }
}

CountRows sorted_rows(const Deltas& d) {
  CountRows rows;
  rows.reserve(d.size());
  for (const auto& kv : d)
    if (kv.second != 0) rows.push_back(kv);
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return rows;
}

CountRows summed_rows(CountRows rows) {
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t out = 0;
  for (size_t i = 0, j; i < rows.size(); i = j) {
    int64_t sum = 0;
    for (j = i; j < rows.size() && rows[j].first == rows[i].first; ++j) sum += rows[j].second;
    if (sum != 0) rows[out++] = {rows[i].first, sum};
  }
  rows.resize(out);
  return rows;
}

CountRows spread_sorted(const CountRows& leaves) {
  CountRows all;
  all.reserve(leaves.size() + leaves.size() / 8);
  for (size_t i = 0, j; i < leaves.size(); i = j) {
    const CountKey& first = leaves[i].first;
    for (j = i; j < leaves.size() && leaves[j].first.year == first.year && leaves[j].first.month == first.month; ++j) {
    }
    // One month: its leaves in bucket order, then each level above (at_level keeps the order).
    all.insert(all.end(), leaves.begin() + static_cast<std::ptrdiff_t>(i),
               leaves.begin() + static_cast<std::ptrdiff_t>(j));
    for (int level = 1; level < buckets::kLevels; ++level) {
      size_t start = all.size();
      for (size_t k = i; k < j; ++k) {
        CountKey key{first.year, first.month, static_cast<int16_t>(level),
                     buckets::at_level(leaves[k].first.bucket, level)};
        if (all.size() > start && all.back().first == key) all.back().second += leaves[k].second;
        else all.emplace_back(key, leaves[k].second);
      }
      all.erase(std::remove_if(all.begin() + static_cast<std::ptrdiff_t>(start), all.end(),
                               [](const auto& r) { return r.second == 0; }),
                all.end());
    }
  }
  return all;
}

CountRows merge_sorted(const CountRows& a, const CountRows& b) {
  CountRows out;
  out.reserve(a.size() + b.size());
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) out.push_back(a[i++]);
    else if (i == a.size() || b[j].first < a[i].first) out.push_back(b[j++]);
    else out.emplace_back(a[i].first, a[i].second + b[j].second), ++i, ++j;
    if (out.back().second == 0) out.pop_back();
  }
  return out;
}

}  // namespace hexdb::monthly
