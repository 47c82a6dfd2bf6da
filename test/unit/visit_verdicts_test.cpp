// The order of import_legacy()'s rules for a staged game visit, and which rows of a repeated
// user and day lose.
#include <gtest/gtest.h>

#include "core/import/visit_verdicts.hpp"

using namespace hexdb::legacy;

namespace {
StagedVisit valid() {
  StagedVisit v;
  v.id = 10, v.user_id = 3, v.day = 9000, v.count = 2;
  v.user_found = true;
  return v;
}
}  // namespace

TEST(VisitVerdicts, AValidRowIsNew) { EXPECT_EQ(visit_verdict(valid()), VisitVerdict::kNew); }

TEST(VisitVerdicts, RulesApplyInOrder) {
  StagedVisit v = valid();
  v.hexdb_count = 5;
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kConflict);
  v.second_for_day = true;
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kSecondForDay);
  v.count = 0;
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kBadCount);
  v.day.reset();
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kBadDate);
  v.user_found = false;
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kOrphan);
  v.user_id.reset();
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kBadUser);
  v.duplicate = true;
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kDuplicate);
  v.id.reset();
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kBadId);
}

TEST(VisitVerdicts, TheSameCountIsPresentAnotherAConflict) {
  StagedVisit v = valid();
  v.hexdb_count = 2;
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kPresent);
  v.hexdb_count = 3;
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kConflict);
}

TEST(VisitVerdicts, ACountMustBePositive) {
  StagedVisit v = valid();
  v.count = 1;
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kNew);
  v.count = -4;
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kBadCount);
  v.count.reset();
  EXPECT_EQ(visit_verdict(v), VisitVerdict::kBadCount);
}

TEST(MarkLaterInGroup, TheLowestIdThenTheEarliestPositionKeepsTheGroup) {
  // group 1: ids 7 (pos 5), 3 (pos 9), none (pos 1), 3 (pos 2); group 2: one row
  std::vector<GroupAt> rows = {{1, 7, 5, 0}, {1, 3, 9, 1}, {1, std::nullopt, 1, 2}, {2, 9, 0, 3}, {1, 3, 2, 4}};
  std::vector<bool> later(5, false);
  mark_later_in_group(rows, later);
  EXPECT_EQ(later, (std::vector<bool>{true, true, true, false, false}));
}

TEST(MarkLaterInGroup, ARowWithoutIdKeepsAGroupOfItsOwn) {
  std::vector<GroupAt> rows = {{4, std::nullopt, 8, 0}, {4, std::nullopt, 3, 1}};
  std::vector<bool> later(2, false);
  mark_later_in_group(rows, later);
  EXPECT_EQ(later, (std::vector<bool>{true, false}));
}
