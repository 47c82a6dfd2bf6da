// The rules of the monthly aggregate, free of PostgreSQL: how scores fold into a user's month
// ('best', 'sum', 'latest'), when a removal can be applied without re-reading that month's
// scores, and how a statement's old and new rows cancel out. The SQL upserts in
// monthly_write.cpp mirror combine(); the invariant tests check that they agree.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace hexdb::monthly {

enum class Aggregate { kBest, kSum, kLatest };

// Throws SqlError 22023 for anything but 'best', 'sum', 'latest'.
Aggregate parse_aggregate(std::string_view name);
const char* aggregate_name(Aggregate a);

// One user's value for one month: the score and when it was reached. `at` is a PostgreSQL
// timestamptz (microseconds); the core only compares it.
struct Value {
  int64_t score;
  int64_t at;
};
inline bool operator==(Value a, Value b) { return a.score == b.score && a.at == b.at; }
inline bool operator!=(Value a, Value b) { return !(a == b); }

// Folds b into a. Commutative and associative, so rows fold in any order and in any grouping:
//   best:   the highest score; at = the earliest time that score was reached
//   sum:    the sum of scores; at = the time of the latest contributing score
//   latest: the score with the latest time (a higher score wins a tie); at = that time
// Throws SqlError 22003 when a sum leaves bigint.
Value combine(Aggregate a, Value current, Value more);

// What taking `removed` (the fold of the scores that left a month) out of `current` leaves,
// when that is known without reading the month's remaining scores; nullopt means "recompute".
//   best:   unchanged when the removed best is lower, or equal but reached later
//   sum:    current.score - removed.score when every removed score is older than current.at
//   latest: unchanged when the removed latest is older (or as old with a lower score)
std::optional<Value> remove(Aggregate a, Value current, Value removed);

// (year, month, user) of a monthly_scores row; user is the UUID's 16 bytes.
struct Key {
  int32_t year;
  int32_t month;
  std::array<uint8_t, 16> user;
};
bool operator==(const Key& a, const Key& b);
bool operator<(const Key& a, const Key& b);  // the primary key's order: year, month, user
struct KeyHash {  // for the hash maps and sets of keys (monthly_fold.hpp)
  size_t operator()(const Key& k) const noexcept;
};

// A score row as the aggregate sees it: the month it belongs to and its value.
struct Row {
  Key key;
  Value value;
};

// Removes the rows that occur in both (as a multiset): an UPDATE that did not change a row's
// user, score or month leaves nothing to do for it. Both vectors are reordered.
void cancel_common(std::vector<Row>& removed, std::vector<Row>& added);

}  // namespace hexdb::monthly
