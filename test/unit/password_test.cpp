// Password hashing (libxcrypt bcrypt) and create_user's input rules.
#include <crypt.h>
#include <gtest/gtest.h>

#include "core/users/password.hpp"
#include "core/users/user_rules.hpp"
#include "sqlstate_of.hpp"

using namespace hexdb;

TEST(Password, BcryptAtTheGivenCost) {
  std::string h = password::hash("correct horse", 4);
  EXPECT_EQ(h.rfind("$2b$04$", 0), 0u) << h;
  EXPECT_EQ(h.size(), 60u);
  EXPECT_EQ(h.find("correct horse"), std::string::npos);
  EXPECT_TRUE(password::matches("correct horse", h));
  EXPECT_FALSE(password::matches("correct horsE", h));
  EXPECT_FALSE(password::matches("", h));
}

TEST(Password, FreshSaltEachTime) {
  EXPECT_NE(password::hash("same", 4), password::hash("same", 4));
}

TEST(Password, UnicodeAndLimits) {
  std::string h = password::hash("비밀번호", 4);
  EXPECT_TRUE(password::matches("비밀번호", h));
  EXPECT_EQ(sqlstate_of([] { password::hash("", 4); }), "22023");
  EXPECT_EQ(sqlstate_of([] { password::hash(std::string(72, 'x'), 4); }), "");
  EXPECT_EQ(sqlstate_of([] { password::hash(std::string(73, 'x'), 4); }), "22023");
}

TEST(Password, VerifiesOtherCryptMethods) {
  // Hashes an imported system may carry: sha512crypt and yescrypt made by libxcrypt itself.
  for (const char* prefix : {"$6$", "$y$"}) {
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    ASSERT_NE(crypt_gensalt_rn(prefix, 0, nullptr, 0, salt, sizeof salt), nullptr);
    crypt_data data{};
    std::string h = crypt_rn("legacy", salt, &data, sizeof data);
    EXPECT_TRUE(password::matches("legacy", h)) << prefix;
    EXPECT_FALSE(password::matches("Legacy", h)) << prefix;
  }
}

TEST(Password, GarbageHashMatchesNothing) {
  EXPECT_FALSE(password::matches("x", ""));
  EXPECT_FALSE(password::matches("x", "x"));
  EXPECT_FALSE(password::matches("x", "$2b$04$tooshort"));
  password::waste_one_check("x", 4);  // must not throw
}

TEST(UserRules, Email) {
  EXPECT_EQ(sqlstate_of([] { users::check_email("a@b"); }), "");
  EXPECT_EQ(sqlstate_of([] { users::check_email("kim.minji+game@example.co.kr"); }), "");
  for (const char* bad : {"", "ab", "@b", "a@", "a@b@c", "a b@c", "a@b\tc"})
    EXPECT_EQ(sqlstate_of([&] { users::check_email(bad); }), "22023") << bad;
}

TEST(UserRules, NicknameAndRole) {
  EXPECT_EQ(sqlstate_of([] { users::check_nickname_length(0); }), "22023");
  EXPECT_EQ(sqlstate_of([] { users::check_nickname_length(1); }), "");
  EXPECT_EQ(sqlstate_of([] { users::check_nickname_length(100); }), "");
  EXPECT_EQ(sqlstate_of([] { users::check_nickname_length(101); }), "22023");
  EXPECT_EQ(sqlstate_of([] { users::check_role("user"); }), "");
  EXPECT_EQ(sqlstate_of([] { users::check_role("admin"); }), "");
  EXPECT_EQ(sqlstate_of([] { users::check_role("Admin"); }), "22023");
}
