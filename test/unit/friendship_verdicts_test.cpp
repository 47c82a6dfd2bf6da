// The order of import_legacy()'s rules for a staged friendship, and which row of a pair is kept.
#include <gtest/gtest.h>

#include "core/import/friendship_verdicts.hpp"

using namespace hexdb::legacy;
using hexdb::friendship::Status;

namespace {
StagedFriendship valid() {
  StagedFriendship f;
  f.id = 10, f.requester_id = 1, f.receiver_id = 2, f.status = Status::pending, f.created_local = 0;
  f.requester_found = f.receiver_found = true;
  return f;
}
hexdb::uuid::Bytes user(uint8_t b) {
  hexdb::uuid::Bytes u{};
  u[15] = b;
  return u;
}
}  // namespace

TEST(FriendshipVerdicts, AValidRowIsNew) { EXPECT_EQ(friendship_verdict(valid()), FriendshipVerdict::kNew); }

TEST(FriendshipVerdicts, RulesApplyInOrder) {
  StagedFriendship f = valid();
  f.kept_instead = 7;
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kSamePair);
  f.pair_in_hexdb = true;
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kPairInHexdb);
  f.created_local.reset();
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kBadTime);
  f.status.reset();
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kBadStatus);
  f.same_user = true;
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kSelf);
  f.receiver_found = false;
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kOrphanReceiver);
  f.requester_found = false;
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kOrphanRequester);
  f.receiver_id.reset();
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kBadReceiver);
  f.requester_id.reset();
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kBadRequester);
  f.present = true;  // hexdb has the id: its other cells no longer matter
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kPresent);
  f.duplicate = true;
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kDuplicate);
  f.id.reset();
  EXPECT_EQ(friendship_verdict(f), FriendshipVerdict::kBadId);
}

TEST(KeepOnePerPair, TheMostAdvancedStateThenTheEarliestThenTheLowestId) {
  auto p = std::make_pair(user(1), user(2)), q = std::make_pair(user(1), user(3));
  std::vector<PairAt> rows = {{p, Status::pending, 0, 1, 0},  {p, Status::accepted, 50, 5, 1},
                              {p, Status::accepted, 40, 6, 2}, {p, Status::rejected, 0, 2, 3},
                              {q, Status::blocked, 9, 8, 4},   {q, Status::blocked, 9, 7, 5},
                              {q, Status::accepted, 1, 3, 6}};
  std::vector<std::optional<int32_t>> kept(7);
  keep_one_per_pair(rows, kept);
  EXPECT_EQ(kept, (std::vector<std::optional<int32_t>>{6, 6, std::nullopt, 6, 7, std::nullopt, 7}));
}

TEST(KeepOnePerPair, BlockedBeatsAcceptedBeatsRejectedBeatsPending) {
  auto p = std::make_pair(user(1), user(2));
  std::vector<PairAt> rows = {{p, Status::pending, 0, 1, 0}, {p, Status::rejected, 5, 2, 1},
                              {p, Status::accepted, 9, 3, 2}, {p, Status::blocked, 99, 4, 3}};
  std::vector<std::optional<int32_t>> kept(4);
  keep_one_per_pair(rows, kept);
  EXPECT_EQ(kept, (std::vector<std::optional<int32_t>>{4, 4, 4, std::nullopt}));
}
