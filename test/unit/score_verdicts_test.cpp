// The order of import_legacy()'s rules for a staged score, and which rows of a repeated id lose.
#include <gtest/gtest.h>

#include "core/import/score_verdicts.hpp"

using namespace hexdb::legacy;

namespace {
StagedScore valid() {
  StagedScore s;
  s.id = 10, s.user_id = 3, s.score = 5, s.created_local = 0;
  s.user_found = true;
  return s;
}
}  // namespace

TEST(ScoreVerdicts, AValidRowIsNew) { EXPECT_EQ(score_verdict(valid()), ScoreVerdict::kNew); }

TEST(ScoreVerdicts, RulesApplyInOrder) {
  StagedScore s = valid();
  s.created_local.reset();
  EXPECT_EQ(score_verdict(s), ScoreVerdict::kBadTime);
  s.score = -1;
  EXPECT_EQ(score_verdict(s), ScoreVerdict::kNegative);
  s.score.reset();
  EXPECT_EQ(score_verdict(s), ScoreVerdict::kBadScore);
  s.user_found = false;
  EXPECT_EQ(score_verdict(s), ScoreVerdict::kOrphan);
  s.user_id.reset();
  EXPECT_EQ(score_verdict(s), ScoreVerdict::kBadUser);
  s.present = true;  // hexdb has the id: its other cells no longer matter
  EXPECT_EQ(score_verdict(s), ScoreVerdict::kPresent);
  s.duplicate = true;
  EXPECT_EQ(score_verdict(s), ScoreVerdict::kDuplicate);
  s.id.reset();
  EXPECT_EQ(score_verdict(s), ScoreVerdict::kBadId);
}

TEST(ScoreVerdicts, ZeroIsNoNegativeScore) {
  StagedScore s = valid();
  s.score = 0;
  EXPECT_EQ(score_verdict(s), ScoreVerdict::kNew);
}

TEST(ScoreVerdicts, TheLowestPositionKeepsAnId) {
  // Rows 0..4: ids 7, 9, 7, 7, 8 at positions 50, 10, 20, 90, 30 (a scan need not follow ctid).
  std::vector<IdAt> ids = {{7, 50, 0}, {9, 10, 1}, {7, 20, 2}, {7, 90, 3}, {8, 30, 4}};
  std::vector<bool> later(5, false);
  mark_later_duplicates(ids, later);
  EXPECT_EQ(later, (std::vector<bool>{true, false, false, true, false}));
}
