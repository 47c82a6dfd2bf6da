// Rows folded per (year, month, user) by the rules of monthly_aggregate.hpp: the groups of a
// statement trigger and of a rebuild. A header of its own, so that the files that need only
// the rules do not compile the hash map and memory resources (a second each).
#pragma once

#include <memory_resource>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/scores/monthly_aggregate.hpp"

namespace hexdb::monthly {

// Folds rows per key.
class Fold {
 public:
  // memory: where the groups live (the rebuild passes a PostgreSQL memory context's).
  explicit Fold(Aggregate a, std::pmr::memory_resource* memory = std::pmr::get_default_resource())
      : aggregate_(a), groups_(memory) {}
  void add(const Key& key, Value v);
  void add(const Row& r) { add(r.key, r.value); }
  const Value* find(const Key& key) const;
  size_t size() const { return groups_.size(); }
  bool empty() const { return groups_.empty(); }
  // The groups in primary-key order: writes in this order never deadlock with each other.
  std::vector<std::pair<Key, Value>> sorted() const;

 private:
  Aggregate aggregate_;
  std::pmr::unordered_map<Key, Value, KeyHash> groups_;
};

// rows folded per key, in primary-key order: Fold(a) fed every row, then sorted(), without the
// hash map (a bulk load's million rows sort faster than they hash). rows is reordered.
std::vector<std::pair<Key, Value>> fold_sorted(Aggregate a, std::vector<Row>& rows);

// The positions of groups[0..n) in ranking order: the higher score first, then the earlier,
// then the user (monthly_scores_rank_idx's order within a month). A bulk insert adds that
// index's entries in this order, each next to the one before instead of anywhere in it.
std::vector<size_t> rank_order(const std::pair<Key, Value>* groups, size_t n);

}  // namespace hexdb::monthly
