// The order of import_legacy()'s rules for a staged row of monthly history.
#include <gtest/gtest.h>

#include "core/import/month_verdicts.hpp"

using namespace hexdb::legacy;

namespace {
StagedMonth valid() {
  StagedMonth m;
  m.id = 10, m.user_id = 3, m.year = 2023, m.month = 7, m.score = 40, m.updated_local = 0;
  m.user_found = true;
  return m;
}
}  // namespace

TEST(MonthVerdicts, AValidRowIsNewHistory) { EXPECT_EQ(month_verdict(valid()), MonthVerdict::kNew); }

TEST(MonthVerdicts, RulesApplyInOrder) {
  StagedMonth m = valid();
  m.hexdb_score = 41;
  EXPECT_EQ(month_verdict(m), MonthVerdict::kConflict);
  m.second_for_month = true;
  EXPECT_EQ(month_verdict(m), MonthVerdict::kSecondForMonth);
  m.updated_local.reset();
  EXPECT_EQ(month_verdict(m), MonthVerdict::kBadTime);
  m.score = -1;
  EXPECT_EQ(month_verdict(m), MonthVerdict::kNegative);
  m.score.reset();
  EXPECT_EQ(month_verdict(m), MonthVerdict::kBadScore);
  m.month = 13;
  EXPECT_EQ(month_verdict(m), MonthVerdict::kBadMonth);
  m.year = 0;
  EXPECT_EQ(month_verdict(m), MonthVerdict::kBadYear);
  m.user_found = false;
  EXPECT_EQ(month_verdict(m), MonthVerdict::kOrphan);
  m.user_id.reset();
  EXPECT_EQ(month_verdict(m), MonthVerdict::kBadUser);
  m.duplicate = true;
  EXPECT_EQ(month_verdict(m), MonthVerdict::kDuplicate);
  m.id.reset();
  EXPECT_EQ(month_verdict(m), MonthVerdict::kBadId);
}

TEST(MonthVerdicts, YearAndMonthBounds) {
  StagedMonth m = valid();
  for (int y : {1, 9999}) {
    m.year = y;
    EXPECT_TRUE(valid_month(m));
    EXPECT_EQ(month_verdict(m), MonthVerdict::kNew);
  }
  m.year = 10000;
  EXPECT_FALSE(valid_month(m));
  EXPECT_EQ(month_verdict(m), MonthVerdict::kBadYear);
  m.year = 2020;
  for (int mo : {0, 13}) {
    m.month = mo;
    EXPECT_FALSE(valid_month(m));
    EXPECT_EQ(month_verdict(m), MonthVerdict::kBadMonth);
  }
  m.month.reset();
  EXPECT_EQ(month_verdict(m), MonthVerdict::kBadMonth);
}

TEST(MonthVerdicts, TheSameScoreIsPresentZeroIsNoNegative) {
  StagedMonth m = valid();
  m.score = 0;
  EXPECT_EQ(month_verdict(m), MonthVerdict::kNew);
  m.hexdb_score = 0;
  EXPECT_EQ(month_verdict(m), MonthVerdict::kPresent);
}
