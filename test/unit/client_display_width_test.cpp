// Display width of UTF-8 text, so that tables of Korean nicknames line up.
#include <gtest/gtest.h>

#include "core/display_width.hpp"

using namespace hexctl;

TEST(ClientDisplayWidth, AsciiIsOneColumnEach) { EXPECT_EQ(display_width("bob"), 3u); }

TEST(ClientDisplayWidth, HangulAndCjkAreTwoColumns) {
  EXPECT_EQ(display_width("김철수"), 6u);
  EXPECT_EQ(display_width("漢字"), 4u);
  EXPECT_EQ(display_width("ｆｕｌｌ"), 8u);  // fullwidth forms
  EXPECT_EQ(display_width("a김b"), 4u);
}

TEST(ClientDisplayWidth, CombiningAndConjoiningJamoAreZero) {
  EXPECT_EQ(display_width("e\u0301"), 1u);          // e + combining acute
  EXPECT_EQ(display_width("\u1100\u1161\u11A8"), 2u);  // 각 as conjoining jamo
  EXPECT_EQ(display_width("a\u200Bb"), 2u);         // zero-width space
}

TEST(ClientDisplayWidth, MalformedBytesCountOne) {
  EXPECT_EQ(display_width("\xff\xfe"), 2u);
  EXPECT_EQ(display_width("\xea\xb9"), 2u);  // a truncated sequence: one per byte
}

TEST(ClientDisplayWidth, PaddingCountsColumnsNotBytes) {
  EXPECT_EQ(pad_right("김", 4), "김  ");
  EXPECT_EQ(pad_left("김", 4), "  김");
  EXPECT_EQ(pad_right("long", 2), "long");
}
