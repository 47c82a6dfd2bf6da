// hexctl's choice of connection string and password scrubbing (client/src/core/conninfo).
#include <gtest/gtest.h>

#include "core/conninfo.hpp"

using namespace hexctl;

TEST(ClientConninfo, SqlalchemyDriverIsDropped) {
  EXPECT_EQ(strip_url_driver("postgresql+psycopg2://u:p@h:5433/db"), "postgresql://u:p@h:5433/db");
  EXPECT_EQ(strip_url_driver("postgres+asyncpg://h/db?sslmode=require"), "postgres://h/db?sslmode=require");
}

TEST(ClientConninfo, OtherFormsAreUnchanged) {
  EXPECT_EQ(strip_url_driver("postgresql://u@h/db"), "postgresql://u@h/db");
  EXPECT_EQ(strip_url_driver("host=h dbname=db"), "host=h dbname=db");
  EXPECT_EQ(strip_url_driver("mydb"), "mydb");
  EXPECT_EQ(strip_url_driver("postgresql+x"), "postgresql+x");  // no "://": not a URL
}

TEST(ClientConninfo, FlagThenDatabaseUrlThenDefaults) {
  EXPECT_EQ(choose_conninfo(std::string("dbname=a"), "postgresql://h/b"), "dbname=a");
  EXPECT_EQ(choose_conninfo(std::nullopt, "postgresql+psycopg2://h/b"), "postgresql://h/b");
  EXPECT_EQ(choose_conninfo(std::nullopt, ""), "");
  EXPECT_EQ(choose_conninfo(std::nullopt, nullptr), "");
}

TEST(ClientConninfo, UrlPasswordAsWritten) {
  EXPECT_EQ(url_raw_password("postgresql://user:p%40ss@host/db"), "p%40ss");
  EXPECT_EQ(url_raw_password("postgresql://user@host/db"), "");
  EXPECT_EQ(url_raw_password("postgresql://host/db?user=a@b"), "");
  EXPECT_EQ(url_raw_password("host=h password=x"), "");
}

TEST(ClientConninfo, ScrubReplacesEveryOccurrence) {
  EXPECT_EQ(scrub("pw s3cr3t and s3cr3t", {"s3cr3t", ""}), "pw *** and ***");
  EXPECT_EQ(scrub("nothing here", {"s3cr3t"}), "nothing here");
  EXPECT_EQ(scrub("aaa", {"a"}), "*********");
}
