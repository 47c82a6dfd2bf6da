// hexctl's strict argument parsing: whole numbers in a range, ISO 8601 days and times.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "core/arguments.hpp"

using namespace hexctl;

namespace {
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
}  // namespace

TEST(ClientInteger, ExactValuesInRange) {
  EXPECT_EQ(parse_integer("0", 0, kMax), 0);
  EXPECT_EQ(parse_integer("42", 0, 100), 42);
  EXPECT_EQ(parse_integer("100", 0, 100), 100);
  EXPECT_EQ(parse_integer("9223372036854775807", 0, kMax), kMax);
  EXPECT_EQ(parse_integer("-9223372036854775808", kMin, kMax), kMin);
  EXPECT_EQ(parse_integer("-5", -10, 10), -5);
  EXPECT_EQ(parse_integer("007", 0, 10), 7);
}

TEST(ClientInteger, RefusesWhatIsNotExactlyAWholeNumberInRange) {
  for (const char* bad : {"", "-", "+5", " 5", "5 ", "1.5", "2.0", "1e3", "0x10", "12abc", "abc", "--5", "5-"})
    EXPECT_FALSE(parse_integer(bad, kMin, kMax)) << "'" << bad << "'";
  EXPECT_FALSE(parse_integer("9223372036854775808", 0, kMax));
  EXPECT_FALSE(parse_integer("99999999999999999999", 0, kMax));
  EXPECT_FALSE(parse_integer("-9223372036854775809", kMin, kMax));
  EXPECT_FALSE(parse_integer("0", 1, 10));
  EXPECT_FALSE(parse_integer("11", 1, 10));
  EXPECT_FALSE(parse_integer("-1", 0, 10));
}

TEST(ClientInteger, TheProblemNamesTheRangeInPlainWords) {
  EXPECT_EQ(integer_problem("5", 1, 10), "");
  EXPECT_EQ(integer_problem("0", 1, 2147483647), "must be a whole number from 1 to 2147483647, not '0'");
  EXPECT_EQ(integer_problem("1.5", 0, kMax), "must be a whole number from 0 to 9223372036854775807, not '1.5'");
}

TEST(ClientDate, IsoCalendarDaysOnly) {
  EXPECT_TRUE(is_iso_date("2000-01-02"));
  EXPECT_TRUE(is_iso_date("2024-02-29"));
  EXPECT_TRUE(is_iso_date("2000-02-29"));
  for (const char* bad : {"2023-02-29", "1900-02-29", "2000-02-30", "2026-13-01", "2026-00-10", "2026-04-31",
                          "01/02/2000", "2000-1-2", "20000102", "2000-01-02 ", "2000-01-02T00:00", "0000-01-01",
                          "", "yesterday"})
    EXPECT_FALSE(is_iso_date(bad)) << "'" << bad << "'";
}

TEST(ClientTimestamp, IsoTimesWithOptionalZone) {
  for (const char* good : {"2026-01-15", "2026-01-15 20:30", "2026-01-15T20:30:00", "2026-01-15 20:30:00+09",
                           "2026-01-15 20:30:00+09:00", "2026-01-15T20:30:00.123456Z", "2026-01-15 20:30:00-0530",
                           "2026-01-15 23:59:60Z"})
    EXPECT_TRUE(is_iso_timestamp(good)) << "'" << good << "'";
  for (const char* bad : {"March 3", "01/15/2026 20:30", "2026-01-15 24:00", "2026-01-15 20:60", "2026-01-15 20",
                          "2026-01-15 20:30:00 KST", "2026-01-15 20:30:00.", "2026-01-15 20:30:00+9",
                          "2026-01-15 20:30:00+09:", "2026-02-30 10:00", "2026-01-15  20:30", "now"})
    EXPECT_FALSE(is_iso_timestamp(bad)) << "'" << bad << "'";
}
