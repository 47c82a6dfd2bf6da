// hexctl's argument checks, score-file layout detection and progress line.
#include <gtest/gtest.h>

#include "core/arguments.hpp"
#include "core/load_layout.hpp"
#include "core/progress.hpp"

using namespace hexctl;

TEST(ClientUserRef, UuidsInEverySpelling) {
  EXPECT_EQ(classify_user_ref("01a20a65-0acc-7970-932e-443db170619d"), UserRefKind::uuid);
  EXPECT_EQ(classify_user_ref("01A20A650ACC7970932E443DB170619D"), UserRefKind::uuid);
  EXPECT_EQ(classify_user_ref("{01a20a65-0acc-7970-932e-443db170619d}"), UserRefKind::uuid);
}

TEST(ClientUserRef, EmailsAndNonsense) {
  EXPECT_EQ(classify_user_ref("Kim@Example.com"), UserRefKind::email);
  EXPECT_EQ(classify_user_ref("kim"), UserRefKind::invalid);
  EXPECT_EQ(classify_user_ref("@x"), UserRefKind::invalid);
  EXPECT_EQ(classify_user_ref("x@"), UserRefKind::invalid);
  EXPECT_EQ(classify_user_ref("01a20a65-0acc-7970-932e-443db170619"), UserRefKind::invalid);
}

TEST(ClientYearMonth, ParsesOnlyRealMonths) {
  auto ym = parse_year_month("2026-02");
  ASSERT_TRUE(ym);
  EXPECT_EQ(ym->year, 2026);
  EXPECT_EQ(ym->month, 2);
  EXPECT_TRUE(parse_year_month("2026-9"));
  EXPECT_FALSE(parse_year_month("2026-13"));
  EXPECT_FALSE(parse_year_month("2026-00"));
  EXPECT_FALSE(parse_year_month("26-01"));
  EXPECT_FALSE(parse_year_month("2026-01-01"));
  EXPECT_FALSE(parse_year_month("2026-ab"));
}

TEST(ClientLoadLayout, CsvWithHeaderAndThreeFields) {
  auto l = detect_layout("user_id,score,created_at\r");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->format, FileFormat::csv);
  EXPECT_TRUE(l->header);
  EXPECT_EQ(l->fields, 3);
  EXPECT_EQ(copy_statement(*l), "COPY hexdb.scores (user_id, score, created_at) FROM STDIN (FORMAT csv)");
}

TEST(ClientLoadLayout, TsvWithoutHeaderAndTwoFields) {
  auto l = detect_layout("01a20a65-0acc-7970-932e-443db170619d\t42");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->format, FileFormat::tsv);
  EXPECT_FALSE(l->header);
  EXPECT_EQ(copy_statement(*l), "COPY hexdb.scores (user_id, score) FROM STDIN (FORMAT text)");
}

TEST(ClientLoadLayout, WrongFieldCountsAndForcedFormat) {
  EXPECT_FALSE(detect_layout("just-one-field"));
  EXPECT_FALSE(detect_layout("a,b,c,d"));
  auto l = detect_layout("\"user_id\",score", FileFormat::csv);
  ASSERT_TRUE(l);
  EXPECT_TRUE(l->header);
  EXPECT_FALSE(detect_layout("a\tb", FileFormat::csv));
}

TEST(ClientProgress, BarAndPercent) {  // the bar stops at 100%, the size is what was read
  EXPECT_EQ(progress_line(0, 0), "0.0 MiB");
  EXPECT_EQ(progress_line(1 << 20, 4 << 20, 4), "[#...]  25%  1.0 MiB");
  EXPECT_EQ(progress_line(8 << 20, 4 << 20, 4), "[####] 100%  8.0 MiB");
}
