// The score buckets behind O(1)-ish ranks in a month of a million players.
//
// A score falls in a leaf bucket that keeps its 17 most significant bits (scores below 2^17
// get a bucket each); leaves group 64 to a parent, four levels in all (about 3.1 million
// leaves, 12 top buckets). hexdb.monthly_score_counts holds, per month, the number of players
// in every non-empty bucket of every level. The number of players ahead of a score is then
//   sum over levels of the siblings after its bucket (at most 63 + 63 + 63 + 11 count rows)
//   + the players in its own leaf who rank ahead (a range of one leaf in the rank index),
// whatever the month's size. Buckets are numbered so that a higher score never has a lower
// bucket.
#pragma once

#include <cstdint>

namespace hexdb::monthly::buckets {

constexpr int kMantissaBits = 16;
constexpr int kFanoutBits = 6;
constexpr int kLevels = 4;  // 0 = leaf ... 3 = top

// The leaf of a score >= 0.
int64_t leaf_of(int64_t score);

// The lowest and highest score of a leaf.
struct ScoreRange {
  int64_t lo;
  int64_t hi;
};
ScoreRange leaf_scores(int64_t leaf);

// The bucket at `level` that contains `leaf`.
inline int64_t at_level(int64_t leaf, int level) { return leaf >> (kFanoutBits * level); }

// Siblings of bucket b (same level, same parent) that hold higher scores are the buckets in
// (b, sibling_end(b, level)). The top level has no parent: every higher bucket counts.
inline int64_t sibling_end(int64_t b, int level) {
  return level == kLevels - 1 ? INT64_MAX : ((b >> kFanoutBits) + 1) << kFanoutBits;
}

// The children of bucket b at `level` (> 0) are the buckets [first_child, end_child) of level - 1.
inline int64_t first_child(int64_t b) { return b << kFanoutBits; }
inline int64_t end_child(int64_t b) { return (b + 1) << kFanoutBits; }

}  // namespace hexdb::monthly::buckets
