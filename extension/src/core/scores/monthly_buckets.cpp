#include "core/scores/monthly_buckets.hpp"

namespace hexdb::monthly::buckets {

namespace {
constexpr int kExactBits = kMantissaBits + 1;  // scores below 2^17 are their own leaf
}

int64_t leaf_of(int64_t score) {
  uint64_t s = static_cast<uint64_t>(score);
  int bits = s == 0 ? 0 : 64 - __builtin_clzll(s);
  int shift = bits > kExactBits ? bits - kExactBits : 0;
  // shift = 0: the score itself, below 2^17. shift = e > 0: s >> e lies in [2^16, 2^17), so
  // the leaves of e continue where those of e - 1 stopped.
  return (int64_t{shift} << kMantissaBits) + static_cast<int64_t>(s >> shift);
}

ScoreRange leaf_scores(int64_t leaf) {
  if (leaf < (int64_t{1} << kExactBits)) return {leaf, leaf};
  int shift = static_cast<int>(leaf >> kMantissaBits) - 1;
  uint64_t mantissa = static_cast<uint64_t>(leaf - (int64_t{shift} << kMantissaBits));
  uint64_t lo = mantissa << shift;
  uint64_t hi = ((mantissa + 1) << shift) - 1;
  return {static_cast<int64_t>(lo), static_cast<int64_t>(hi)};
}

}  // namespace hexdb::monthly::buckets
