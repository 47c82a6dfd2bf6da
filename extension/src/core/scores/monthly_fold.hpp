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

}  // namespace hexdb::monthly
