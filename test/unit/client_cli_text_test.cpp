// hexctl's typo suggestions, user labels in errors, and the manual page text.
#include <gtest/gtest.h>

#include "core/man_page.hpp"
#include "core/suggest.hpp"
#include "core/user_labels.hpp"

using namespace hexctl;

TEST(ClientSuggest, ClosestCommandForATypo) {
  std::vector<std::string> commands{"user", "score", "friend", "leaderboard", "rank", "visit", "uuid", "check"};
  EXPECT_EQ(closest_word("frend", commands), "friend");
  EXPECT_EQ(closest_word("fiernd", commands), "friend");
  EXPECT_EQ(closest_word("leaderbord", commands), "leaderboard");
  EXPECT_EQ(closest_word("usr", commands), "user");
  EXPECT_EQ(closest_word("sroce", commands), "score");
  EXPECT_EQ(closest_word("xyzzy", commands), "");
  EXPECT_EQ(closest_word("", commands), "");
  EXPECT_EQ(closest_word("frend", {}), "");
}

TEST(ClientUserLabels, CanonicalUuid) {
  EXPECT_EQ(canonical_uuid("{01A20A65-0ACC-7970-932E-443DB170619D}"), "01a20a65-0acc-7970-932e-443db170619d");
  EXPECT_EQ(canonical_uuid("01a20a650acc7970932e443db170619d"), "01a20a65-0acc-7970-932e-443db170619d");
}

TEST(ClientUserLabels, LabelsEachKnownUuid) {
  const std::string a = "01a20a65-0acc-7970-932e-443db170619d", b = "01a20a65-0ae5-7331-88f2-1ab5b7a09628";
  std::string message = "user " + a + " has blocked user " + b;
  EXPECT_EQ(uuids_in(message), (std::vector<std::string>{a, b}));
  EXPECT_EQ(label_uuids(message, {{a, "kim@example.com"}, {b, "Lee"}}),
            "user " + a + " (kim@example.com) has blocked user " + b + " (Lee)");
  EXPECT_EQ(label_uuids(message, {{a, ""}}), message);
  EXPECT_EQ(label_uuids("no uuid here", {{a, "x"}}), "no uuid here");
}

TEST(ClientManPage, HoldsEveryHelpTextVerbatimInRoff) {
  std::string page = man_page({{"hexctl", "hexctl: a tool\nUsage: hexctl [OPTIONS]\n"},
                               {"hexctl active-users", ".dot first\n--from a\\b\n"}},
                              "1.2.3");
  EXPECT_NE(page.find(".TH HEXCTL 1 \"\" \"hexctl 1.2.3\""), std::string::npos);
  EXPECT_NE(page.find("hexctl \\- a tool\n"), std::string::npos);
  EXPECT_NE(page.find(".SS \"hexctl active\\-users\"\n.nf\n\\&.dot first\n\\-\\-from a\\eb\n.fi\n"), std::string::npos);
}
