// Legacy user id -> hexdb user, for the import's million lookups (a score's, a visit's, a
// friendship's user). std::unordered_map chases a bucket and a node per lookup, two cache misses
// on a map of 100,000 users; here the keys sit in one open-addressed array (linear probing, at
// most half full) and a hit costs the miss on its value alone. Built once, then only read.
// Pure C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace hexdb::legacy {

template <typename V>
class LegacyIdMap {
 public:
  // Keys are unique (hexdb.users' legacy_id is); a repeated key's later value is not found.
  explicit LegacyIdMap(std::vector<std::pair<int32_t, V>> entries) {
    size_t slots = 16;
    while (slots < entries.size() * 2) slots *= 2;
    shift_ = 64;
    for (size_t s = slots; s > 1; s /= 2) --shift_;
    keys_.resize(slots);
    used_.resize(slots);
    values_.resize(slots);
    for (auto& [key, value] : entries) {
      size_t i = slot(key);
      while (used_[i] && keys_[i] != key) i = (i + 1) & (slots - 1);
      if (used_[i]) continue;
      used_[i] = true;
      keys_[i] = key;
      values_[i] = std::move(value);
      ++size_;
    }
  }

  // The value of key, or nullptr.
  const V* find(int32_t key) const {
    const size_t mask = keys_.size() - 1;
    for (size_t i = slot(key);; i = (i + 1) & mask) {
      if (!used_[i]) return nullptr;
      if (keys_[i] == key) return &values_[i];
    }
  }

  size_t size() const { return size_; }

 private:
  // Fibonacci hashing: the high bits of the key times 2^64/phi spread consecutive ids (the
  // common case: AUTO_INCREMENT) over the whole table.
  size_t slot(int32_t key) const {
    return static_cast<size_t>((static_cast<uint64_t>(static_cast<uint32_t>(key)) * 0x9E3779B97F4A7C15ull) >> shift_);
  }

  std::vector<int32_t> keys_;
  std::vector<bool> used_;
  std::vector<V> values_;
  size_t size_ = 0;
  unsigned shift_;
};

}  // namespace hexdb::legacy
