#include "core/scores/monthly_aggregate.hpp"
#include "core/scores/monthly_fold.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <tuple>

#include "core/sort/order_by.hpp"
#include "core/uuid/uuid_order.hpp"
#include "core/sql_error.hpp"

namespace hexdb::monthly {

Aggregate parse_aggregate(std::string_view name) {
  if (name == "best") return Aggregate::kBest;
  if (name == "sum") return Aggregate::kSum;
  if (name == "latest") return Aggregate::kLatest;
  throw SqlError("22023", Rule{"monthly_aggregate", "monthly_settings"}, "unknown monthly aggregate \"" + std::string(name) + "\"", {},
                 "Use 'best', 'sum' or 'latest'.");
}

const char* aggregate_name(Aggregate a) {
  switch (a) {
    case Aggregate::kBest: return "best";
    case Aggregate::kSum: return "sum";
    case Aggregate::kLatest: return "latest";
  }
  return "best";
}

Value combine(Aggregate a, Value cur, Value more) {
  switch (a) {
    case Aggregate::kBest:
      if (more.score != cur.score) return more.score > cur.score ? more : cur;
      return {cur.score, std::min(cur.at, more.at)};
    case Aggregate::kSum: {
      int64_t sum;
      if (__builtin_add_overflow(cur.score, more.score, &sum))
        throw SqlError("22003", Rule{"monthly_sum_range", "monthly_scores"}, "monthly sum of scores out of range for bigint");
      return {sum, std::max(cur.at, more.at)};
    }
    case Aggregate::kLatest:
      if (more.at != cur.at) return more.at > cur.at ? more : cur;
      return {std::max(cur.score, more.score), cur.at};
  }
  return cur;
}

std::optional<Value> remove(Aggregate a, Value cur, Value removed) {
  switch (a) {
    case Aggregate::kBest:
      if (removed.score < cur.score || (removed.score == cur.score && removed.at > cur.at))
        return cur;
      return std::nullopt;
    case Aggregate::kSum:
      if (removed.at < cur.at && removed.score <= cur.score)
        return Value{cur.score - removed.score, cur.at};
      return std::nullopt;
    case Aggregate::kLatest:
      if (removed.at < cur.at || (removed.at == cur.at && removed.score < cur.score)) return cur;
      return std::nullopt;
  }
  return std::nullopt;
}

bool operator==(const Key& a, const Key& b) {
  return a.year == b.year && a.month == b.month && a.user == b.user;
}

bool operator<(const Key& a, const Key& b) {
  if (a.year != b.year || a.month != b.month) return std::tie(a.year, a.month) < std::tie(b.year, b.month);
  return uuid::less(a.user, b.user);
}

size_t KeyHash::operator()(const Key& k) const noexcept {
  // UUIDs are random (v4) or end in random bits (v7): their tail is a good hash already.
  uint64_t tail;
  std::memcpy(&tail, k.user.data() + 8, sizeof tail);
  return static_cast<size_t>(tail ^ (uint64_t(uint32_t(k.year)) << 4) ^ uint64_t(k.month) ^
                             (tail >> 29) * 0x9E3779B97F4A7C15ull);
}

namespace {
bool row_less(const Row& a, const Row& b) {
  if (!(a.key == b.key)) return a.key < b.key;
  return std::tie(a.value.score, a.value.at) < std::tie(b.value.score, b.value.at);
}
bool row_equal(const Row& a, const Row& b) { return a.key == b.key && a.value == b.value; }
}  // namespace

void cancel_common(std::vector<Row>& removed, std::vector<Row>& added) {
  std::sort(removed.begin(), removed.end(), row_less);
  std::sort(added.begin(), added.end(), row_less);
  size_t i = 0, j = 0, ri = 0, aj = 0;
  while (i < removed.size() && j < added.size()) {
    if (row_equal(removed[i], added[j])) {
      ++i, ++j;
    } else if (row_less(removed[i], added[j])) {
      removed[ri++] = removed[i++];
    } else {
      added[aj++] = added[j++];
    }
  }
  while (i < removed.size()) removed[ri++] = removed[i++];
  while (j < added.size()) added[aj++] = added[j++];
  removed.resize(ri);
  added.resize(aj);
}

// Fold (monthly_fold.hpp) lives here, beside combine(), which its add() inlines per row.
void Fold::add(const Key& key, Value v) {
  auto [it, inserted] = groups_.try_emplace(key, v);
  if (!inserted) it->second = combine(aggregate_, it->second, v);
}

const Value* Fold::find(const Key& key) const {
  auto it = groups_.find(key);
  return it == groups_.end() ? nullptr : &it->second;
}

std::vector<std::pair<Key, Value>> Fold::sorted() const {
  std::vector<std::pair<Key, Value>> out(groups_.begin(), groups_.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

namespace {

bool user_less(const Row& x, const Row& y) { return uuid::less(x.key.user, y.key.user); }

// Stable: rows ordered by month, each month's rows in the order they came. False, rows as they
// were, when the months span more than counting them would be worth.
bool order_by_month(std::vector<Row>& rows) {
  auto ordinal = [](const Row& r) { return int64_t{r.key.year} * 12 + r.key.month; };
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (const Row& r : rows) lo = std::min(lo, ordinal(r)), hi = std::max(hi, ordinal(r));
  if (rows.empty() || hi - lo >= (int64_t{1} << 16)) return false;
  std::vector<size_t> start(static_cast<size_t>(hi - lo) + 2, 0);
  for (const Row& r : rows) ++start[static_cast<size_t>(ordinal(r) - lo) + 1];
  for (size_t m = 1; m < start.size(); ++m) start[m] += start[m - 1];
  std::vector<Row> out(rows.size());
  for (const Row& r : rows) out[start[static_cast<size_t>(ordinal(r) - lo)]++] = r;
  rows.swap(out);
  return true;
}

}  // namespace

std::vector<std::pair<Key, Value>> fold_sorted(Aggregate a, std::vector<Row>& rows) {
  // A bulk load's rows come in (user, time) order: counted into months, each month's rows are
  // then in user order already, and the fold is linear (a sort of a million rows by key took
  // longer than the fold). Any other order is sorted month by month.
  if (order_by_month(rows)) {
    for (size_t i = 0, j; i < rows.size(); i = j) {
      for (j = i + 1; j < rows.size() && rows[j].key.year == rows[i].key.year && rows[j].key.month == rows[i].key.month;
           ++j) {
      }
      if (!std::is_sorted(rows.begin() + i, rows.begin() + j, user_less))
        std::sort(rows.begin() + i, rows.begin() + j, user_less);
    }
  } else {
    std::sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) { return x.key < y.key; });
  }
  std::vector<std::pair<Key, Value>> out;
  for (const Row& r : rows) {
    if (!out.empty() && out.back().first == r.key) out.back().second = combine(a, out.back().second, r.value);
    else out.emplace_back(r.key, r.value);
  }
  return out;
}

std::vector<size_t> rank_order(const std::pair<Key, Value>* groups, size_t n) {
  return sort::order_by(groups, n, [](const std::pair<Key, Value>& g) {
    return std::make_tuple(g.first.year, g.first.month, -g.second.score, g.second.at, g.first.user);
  });
}

}  // namespace hexdb::monthly
