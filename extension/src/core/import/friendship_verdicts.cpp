#include "core/import/friendship_verdicts.hpp"

#include <algorithm>
#include <tuple>

namespace hexdb::legacy {

FriendshipVerdict friendship_verdict(const StagedFriendship& f) {
  if (!f.id) return FriendshipVerdict::kBadId;
  if (f.duplicate) return FriendshipVerdict::kDuplicate;
  if (f.present) return FriendshipVerdict::kPresent;
  if (!f.requester_id) return FriendshipVerdict::kBadRequester;
  if (!f.receiver_id) return FriendshipVerdict::kBadReceiver;
  if (!f.requester_found) return FriendshipVerdict::kOrphanRequester;
  if (!f.receiver_found) return FriendshipVerdict::kOrphanReceiver;
  if (f.same_user) return FriendshipVerdict::kSelf;
  if (!f.status) return FriendshipVerdict::kBadStatus;
  if (!f.created_local) return FriendshipVerdict::kBadTime;
  if (f.pair_in_hexdb) return FriendshipVerdict::kPairInHexdb;
  if (f.kept_instead) return FriendshipVerdict::kSamePair;
  return FriendshipVerdict::kNew;
}

namespace {
// The state's place among the pair's rows: the most advanced first.
int advance(friendship::Status s) {
  switch (s) {
    case friendship::Status::blocked: return 0;
    case friendship::Status::accepted: return 1;
    case friendship::Status::rejected: return 2;
    default: return 3;
  }
}
}  // namespace

void keep_one_per_pair(std::vector<PairAt>& rows, std::vector<std::optional<int32_t>>& kept) {
  std::sort(rows.begin(), rows.end(), [](const PairAt& a, const PairAt& b) {
    return std::make_tuple(a.pair, advance(a.status), a.created_at, a.id) <
           std::make_tuple(b.pair, advance(b.status), b.created_at, b.id);
  });
  for (size_t i = 0, first = 0; i < rows.size(); ++i) {
    if (rows[i].pair != rows[first].pair) first = i;
    if (i != first) kept[rows[i].row] = rows[first].id;
  }
}

}  // namespace hexdb::legacy
