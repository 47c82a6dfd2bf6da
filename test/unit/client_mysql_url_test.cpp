// hexctl import's live source: the mysql:// URL, and values as COPY text fields
// (client/src/core/mysql_url.hpp, legacy_dump.hpp's append_copy_value).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/legacy_dump.hpp"
#include "core/mysql_url.hpp"

using hexctl::parse_mysql_url;

TEST(MysqlUrl, ReadsUserHostPortDatabase) {
  auto u = parse_mysql_url("mysql://studio@db.example.com:3307/hexdb_legacy");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->user, "studio");
  EXPECT_EQ(u->host, "db.example.com");
  EXPECT_EQ(u->port, 3307u);
  EXPECT_EQ(u->database, "hexdb_legacy");
  EXPECT_EQ(hexctl::describe(*u), "mysql://studio@db.example.com:3307/hexdb_legacy");
  auto m = parse_mysql_url("mariadb://root@127.0.0.1/game");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->port, 3306u);
  EXPECT_EQ(m->host, "127.0.0.1");
}

TEST(MysqlUrl, ADirectoryIsNoUrl) {
  EXPECT_FALSE(parse_mysql_url("./export").has_value());
  EXPECT_FALSE(parse_mysql_url("/tmp/mysql://x@y/z").has_value());
  EXPECT_FALSE(parse_mysql_url("postgresql://x@y/z").has_value());
}

TEST(MysqlUrl, RefusesWhatItCannotUse) {
  for (const char* bad : {"mysql://@h/db", "mysql://h/db", "mysql://u@h", "mysql://u@h/", "mysql://u@/db",
                          "mysql://u@h:0/db", "mysql://u@h:70000/db", "mysql://u@h:x/db", "mysql://u@h/db?ssl=1"})
    EXPECT_THROW(parse_mysql_url(bad), std::invalid_argument) << bad;
  try {
    parse_mysql_url("mysql://u:secret@h/db");
    FAIL() << "a password in the URL was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("MYSQL_PWD"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << "the message repeats the password";
  }
}

TEST(CopyValue, EscapesWhatCopyTextWouldReadOtherwise) {
  std::string out;
  const std::string v = "a\tb\\c\nd\re\x1a\b\xea\xb9\x80";
  ASSERT_TRUE(hexdb::legacy_dump::append_copy_value(out, v.data(), v.size()));
  EXPECT_EQ(out, "a\\tb\\\\c\\nd\\re\x1a\b\xea\xb9\x80");
  out = "x";
  ASSERT_TRUE(hexdb::legacy_dump::append_copy_value(out, nullptr, 0));
  EXPECT_EQ(out, "x\\N");
  out = "y";
  ASSERT_TRUE(hexdb::legacy_dump::append_copy_value(out, "", 0));
  EXPECT_EQ(out, "y");  // an empty string is not NULL
  const std::string nul("a\0b", 3);
  out = "z";
  EXPECT_FALSE(hexdb::legacy_dump::append_copy_value(out, nul.data(), nul.size()));
  EXPECT_EQ(out, "z");
}
