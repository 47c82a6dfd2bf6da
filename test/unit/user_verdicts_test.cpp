// The order of import_legacy()'s rules for a staged user.
#include <gtest/gtest.h>

#include "core/import/user_verdicts.hpp"

using namespace hexdb::legacy;

namespace {
StagedUser valid() {
  StagedUser u;
  u.id = 10, u.birth_date = 0, u.nickname_chars = 5;
  u.email_ok = u.has_password = u.role_ok = true;
  return u;
}
}  // namespace

TEST(UserVerdicts, AValidRowIsNew) { EXPECT_EQ(user_verdict(valid()), UserVerdict::kNew); }

TEST(UserVerdicts, RulesApplyInOrder) {
  StagedUser u = valid();
  u.email_kept_by = 3;
  EXPECT_EQ(user_verdict(u), UserVerdict::kSameEmail);
  u.email_in_hexdb = true;
  EXPECT_EQ(user_verdict(u), UserVerdict::kEmailInHexdb);
  u.role_ok = false;
  EXPECT_EQ(user_verdict(u), UserVerdict::kBadRole);
  u.birth_date.reset();
  EXPECT_EQ(user_verdict(u), UserVerdict::kBadBirthDate);
  u.long_plaintext = true;
  EXPECT_EQ(user_verdict(u), UserVerdict::kLongPlaintext);
  u.password_reject = "looks like a digest";
  EXPECT_EQ(user_verdict(u), UserVerdict::kUnusablePassword);
  u.has_password = false;
  EXPECT_EQ(user_verdict(u), UserVerdict::kNoPassword);
  u.nickname_chars.reset();
  EXPECT_EQ(user_verdict(u), UserVerdict::kBadNickname);
  u.email_ok = false;
  EXPECT_EQ(user_verdict(u), UserVerdict::kBadEmail);
  u.present = true;  // hexdb has the id: its other cells no longer matter
  EXPECT_EQ(user_verdict(u), UserVerdict::kPresent);
  u.duplicate = true;
  EXPECT_EQ(user_verdict(u), UserVerdict::kDuplicate);
  u.id.reset();
  EXPECT_EQ(user_verdict(u), UserVerdict::kBadId);
}

TEST(UserVerdicts, ANicknameHasOneToAHundredCharacters) {
  StagedUser u = valid();
  for (long n : {1L, 100L}) {
    u.nickname_chars = n;
    EXPECT_EQ(user_verdict(u), UserVerdict::kNew);
  }
  for (long n : {0L, 101L}) {
    u.nickname_chars = n;
    EXPECT_EQ(user_verdict(u), UserVerdict::kBadNickname);
  }
}
