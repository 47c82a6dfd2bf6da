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
  EXPECT_FALSE(password::matches("x", "$2b$04$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz0123"));  // 59 chars
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

// The sliced bcrypt (core/users/bcrypt.hpp) is byte for byte libxcrypt's, for every minor
// version, password shape and salt.
TEST(Bcrypt, SameAsLibxcrypt) {
  const std::string passwords[] = {"", "x", "correct horse", "비밀번호", std::string(72, 'p'), std::string(71, 'q'),
                                   std::string("\xff\x80\x01", 3)};
  for (const char* prefix : {"$2b$", "$2y$", "$2a$"})
    for (int cost : {4, 5})
      for (const std::string& pw : passwords)
        for (int i = 0; i < 3; ++i) {
          char salt[CRYPT_GENSALT_OUTPUT_SIZE];
          ASSERT_NE(crypt_gensalt_rn(prefix, cost, nullptr, 0, salt, sizeof salt), nullptr);
          crypt_data data{};
          std::string want = crypt_rn(pw.c_str(), salt, &data, sizeof data);
          password::BcryptSetting s;
          ASSERT_TRUE(password::parse_bcrypt(salt, &s)) << salt;
          // $2a$ differs for 8-bit passwords (libxcrypt's countermeasure): matches() leaves those to it.
          bool eight_bit = pw.find_first_of("\x80\x81\xea\xeb\xec\xed\xff") != std::string::npos;
          if (s.minor != 'a' || !eight_bit) EXPECT_EQ(password::bcrypt(pw, s, {}), want) << prefix << " cost " << cost;
          EXPECT_TRUE(password::matches(pw, want));
        }
}

// The checkpoint runs between slices of rounds, and an exception from it ends the work.
TEST(Bcrypt, CheckpointRunsAndCanAbandon) {
  password::BcryptSetting s;
  ASSERT_TRUE(password::parse_bcrypt("$2b$08$abcdefghijklmnopqrstuu", &s));
  int calls = 0;
  password::Checkpoint count{[](void* n) { ++*static_cast<int*>(n); }, &calls};
  password::bcrypt("pw", s, count);
  EXPECT_EQ(calls, 256 / 16);
  password::Checkpoint stop{[](void*) { throw std::runtime_error("cancel"); }, nullptr};
  ASSERT_TRUE(password::parse_bcrypt("$2b$31$abcdefghijklmnopqrstuu", &s));
  EXPECT_THROW(password::bcrypt("pw", s, stop), std::runtime_error);  // cost 31: days, unless abandoned
  EXPECT_THROW(password::hash("pw", 31, stop), std::runtime_error);
}

TEST(Bcrypt, CostsAndRehash) {
  std::string h = password::hash("pw", 5);
  EXPECT_EQ(password::bcrypt_cost(h), 5);
  EXPECT_FALSE(password::needs_rehash(h, 5));
  EXPECT_TRUE(password::needs_rehash(h, 4));
  EXPECT_TRUE(password::needs_rehash("$6$salt$hash", 4));
  EXPECT_EQ(password::bcrypt_cost("$6$salt$hash"), -1);
  EXPECT_FALSE(password::parse_bcrypt("$2b$03$abcdefghijklmnopqrstuu", nullptr));
  EXPECT_FALSE(password::parse_bcrypt("$2x$05$abcdefghijklmnopqrstuu", nullptr));
}

// One definition of a space: Unicode White_Space, all 25 of it, and nothing else.
TEST(UserRules, UnicodeSpaces) {
  const char32_t spaces[] = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
                             0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
  int count = 0;
  for (char32_t c = 0; c < 0x110000; ++c) count += users::is_space(c);
  EXPECT_EQ(count, 25);
  for (char32_t c : spaces) EXPECT_TRUE(users::is_space(c)) << std::hex << c;
  EXPECT_TRUE(users::is_email("a@b.c"));
  EXPECT_FALSE(users::is_email("a\u3000b@c.com"));
  EXPECT_FALSE(users::is_email("a\u00a0b@c.com"));
  EXPECT_FALSE(users::is_email("a\u0085b@c.com"));
  EXPECT_FALSE(users::is_email("a@b\u2028"));
  EXPECT_TRUE(users::is_email("a\u200bb@c.com"));  // zero width space: not White_Space
  EXPECT_TRUE(users::is_email("\xff\xfe@x"));       // bytes that are no UTF-8 are no space
  EXPECT_FALSE(users::is_email("@b"));
  EXPECT_FALSE(users::is_email("a@"));
  EXPECT_FALSE(users::is_email("a@b@c"));
}

TEST(UserRules, RefusalsNameTheirRule) {
  try {
    users::check_email("a b@c");
    FAIL();
  } catch (const SqlError& e) {
    EXPECT_STREQ(e.constraint(), "email_format");
    EXPECT_STREQ(e.table(), "users");
  }
}
