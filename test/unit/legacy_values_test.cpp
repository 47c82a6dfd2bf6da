// The value parsers of the MySQL import (extension/src/core/legacy_values.hpp).
#include <gtest/gtest.h>

#include "core/import/legacy_values.hpp"

using namespace hexdb::legacy;

TEST(LegacyValues, Int32AcceptsOnlyPlainDecimalsInRange) {
  EXPECT_EQ(parse_int32("0"), 0);
  EXPECT_EQ(parse_int32("-17"), -17);
  EXPECT_EQ(parse_int32("2147483647"), 2147483647);
  EXPECT_EQ(parse_int32("-2147483648"), INT32_MIN);
  EXPECT_FALSE(parse_int32("2147483648"));
  EXPECT_FALSE(parse_int32("99999999999"));
  EXPECT_FALSE(parse_int32(""));
  EXPECT_FALSE(parse_int32("-"));
  EXPECT_FALSE(parse_int32(" 1"));
  EXPECT_FALSE(parse_int32("1.5"));
  EXPECT_FALSE(parse_int32("1e3"));
  EXPECT_FALSE(parse_int32("\\N"));
}

TEST(LegacyValues, DateCountsDaysFromPostgresEpoch) {
  EXPECT_EQ(parse_date("2000-01-01"), 0);
  EXPECT_EQ(parse_date("1999-12-31"), -1);
  EXPECT_EQ(parse_date("2000-03-01"), 60);  // 2000 is a leap year
  EXPECT_EQ(parse_date("1970-01-01"), -10957);
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_TRUE(parse_date("0001-01-01"));
  EXPECT_TRUE(parse_date("9999-12-31"));
}

TEST(LegacyValues, DateRefusesWhatIsNoCalendarDay) {
  EXPECT_FALSE(parse_date("0000-00-00"));  // MySQL's zero date
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("1900-02-29"));
  EXPECT_FALSE(parse_date("2023-04-31"));
  EXPECT_FALSE(parse_date("2023-13-01"));
  EXPECT_FALSE(parse_date("2023-1-01"));
  EXPECT_FALSE(parse_date("2023/01/01"));
  EXPECT_FALSE(parse_date("2023-01-01 "));
}

TEST(LegacyValues, DatetimeCountsMicrosecondsFromPostgresEpoch) {
  EXPECT_EQ(parse_datetime("2000-01-01 00:00:00"), 0);
  EXPECT_EQ(parse_datetime("2000-01-01 00:00:01"), 1'000'000);
  EXPECT_EQ(parse_datetime("2000-01-02 01:02:03"), ((24 + 1) * 60 + 2) * 60'000'000LL + 3'000'000);
  EXPECT_EQ(parse_datetime("1999-12-31 23:59:59.5"), -500'000);
  EXPECT_EQ(parse_datetime("2000-01-01 00:00:00.000001"), 1);
}

TEST(LegacyValues, DatetimeRefusesBadTimes) {
  EXPECT_FALSE(parse_datetime("0000-00-00 00:00:00"));
  EXPECT_FALSE(parse_datetime("2024-01-01 24:00:00"));
  EXPECT_FALSE(parse_datetime("2024-01-01 12:60:00"));
  EXPECT_FALSE(parse_datetime("2024-01-01T12:00:00"));
  EXPECT_FALSE(parse_datetime("2024-01-01 12:00"));
  EXPECT_FALSE(parse_datetime("2024-01-01 12:00:00."));
  EXPECT_FALSE(parse_datetime("2024-01-01 12:00:00.1234567"));
  EXPECT_FALSE(parse_datetime("2024-01-01"));
}

TEST(LegacyValues, CryptHashesAreRecognised) {
  EXPECT_TRUE(is_crypt_hash("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"));
  EXPECT_TRUE(is_crypt_hash("$2y$10$abcdefghijklmnopqrstuuJ3HvTQ3cFZtTuOb4dSsBhjXzaQ0fGZ2"));
  EXPECT_TRUE(is_crypt_hash("$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZF4Rz7eo."));
  EXPECT_TRUE(is_crypt_hash(
      "$6$rounds=5000$usesomesillystri$D4IrlXatmP7rx3P3InaxBeoomnAihCKRVQP22JZ6EY47Wc6BkroIuUUBOov1i.S5KPgErtP/EN5mcO.ChWQW21"));
  EXPECT_TRUE(is_crypt_hash("$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7"));
  EXPECT_TRUE(is_crypt_hash("$1$saltsalt$qjXMvbEw8oaL.CzflDugX/"));
}

TEST(LegacyValues, PlaintextIsNotAHash) {
  EXPECT_FALSE(is_crypt_hash("hunter2"));
  EXPECT_FALSE(is_crypt_hash("$2b$password"));
  EXPECT_FALSE(is_crypt_hash("$2b$12$tooShort"));
  EXPECT_FALSE(is_crypt_hash("$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW "));
  EXPECT_FALSE(is_crypt_hash("$$$$$$$$$$$$$$$$$$$$$$$$$$"));
  EXPECT_FALSE(is_crypt_hash("abJnggxhB/yWI"));  // DES: no $id$, cannot be stored as is
  EXPECT_FALSE(is_crypt_hash(""));
}

// Values that look like a hash or a digest are neither kept nor hashed: each gets a reason that
// names what it looks like. Usable hashes and plaintext passwords get none.
TEST(LegacyValues, UnusablePasswordsAreNamed) {
  const std::string bcrypt = "$2b$12$" + std::string(53, 'a');
  EXPECT_EQ(unusable_password(bcrypt), std::nullopt);
  EXPECT_EQ(unusable_password("$2b$04$" + std::string(53, 'a')), std::nullopt);
  EXPECT_EQ(unusable_password("$2b$31$" + std::string(53, 'a')), std::nullopt);
  EXPECT_EQ(unusable_password("$6$salt$" + std::string(86, 'b')), std::nullopt);
  auto reason = [](const std::string& v) { return unusable_password(v).value_or("(none)"); };
  EXPECT_NE(reason("$2b$99$" + std::string(53, 'a')).find("bcrypt hash of cost 99"), std::string::npos);
  EXPECT_NE(reason("$2b$03$" + std::string(53, 'a')).find("cost 03"), std::string::npos);
  EXPECT_NE(reason("$2b$12$short").find("bcrypt hash ($2b$) but is not a complete one"), std::string::npos);
  EXPECT_NE(reason(bcrypt.substr(0, bcrypt.size() - 1)).find("bcrypt"), std::string::npos);
  EXPECT_NE(reason("$6$short$abc").find("sha512-crypt"), std::string::npos);
  EXPECT_NE(reason("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA").find("$argon2id$"), std::string::npos);
  EXPECT_NE(reason("5f4dcc3b5aa765d61d8327deb882cf99").find("MD5"), std::string::npos);
  EXPECT_NE(reason("5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8").find("SHA-1"), std::string::npos);
  EXPECT_NE(reason(std::string(64, 'e')).find("SHA-256"), std::string::npos);
  EXPECT_NE(reason(std::string(128, '0')).find("SHA-512"), std::string::npos);
  EXPECT_NE(reason("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19").find("PASSWORD()"), std::string::npos);
  for (const char* plain : {"hunter2", "correct horse battery staple", "$ecret$pass", "deadbeef", "*2470C0C0",
                            "5f4dcc3b5aa765d61d8327deb882cf9g"})
    EXPECT_EQ(unusable_password(plain), std::nullopt) << plain;
}
