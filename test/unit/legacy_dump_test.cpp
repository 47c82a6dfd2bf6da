// Reading a mysqldump --tab export (client/src/core/legacy_dump.hpp), on the committed fixture
// that mariadb-dump wrote (test/import/fixture) and on hand-made malformed input.
#include "core/legacy_dump.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

using namespace hexdb::legacy_dump;

namespace {
const std::string kFixture = "../import/fixture/";

std::vector<std::string> convert(const std::string& txt, size_t columns) {
  std::istringstream in(txt);
  TxtToCopy reader(in, "t.txt", columns);
  std::vector<std::string> rows;
  std::string row;
  while (reader.next(row)) rows.push_back(row), row.clear();
  return rows;
}

std::string error_of(const std::string& txt, size_t columns) {
  try {
    convert(txt, columns);
  } catch (const DumpError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST(LegacyDump, FixtureCreateTablesGiveTheLegacyColumns) {
  for (const auto& table : legacy_tables()) {
    std::ifstream sql(kFixture + table + ".sql");
    ASSERT_TRUE(sql) << table;
    auto columns = parse_create_table(sql, table + ".sql");
    EXPECT_EQ(columns, staging_columns(table)) << table;
    EXPECT_NO_THROW(check_columns(table, columns, table + ".sql"));
  }
}

TEST(LegacyDump, FixtureUsersBecomeCopyText) {
  std::ifstream txt(kFixture + "users.txt", std::ios::binary);
  ASSERT_TRUE(txt);
  TxtToCopy reader(txt, "users.txt", 6);
  std::map<std::string, std::pair<uint64_t, std::string>> by_id;
  std::string row;
  while (reader.next(row)) {
    by_id[row.substr(0, row.find('\t'))] = {reader.line(), row};
    row.clear();
  }
  EXPECT_EQ(reader.rows(), 11u);
  // A tab, double and single quotes and a backslash inside a value.
  EXPECT_EQ(by_id["4"].second,
            "4\tdave@example.com\tDave \"The\\tTab\" O'Brien \\\\ back\thunter2\t1979-12-31\tuser\n");
  // A newline inside a value (MySQL writes backslash + LF), and NULL.
  EXPECT_EQ(by_id["12"].second, "12\tivan@example.com\tIvan\\nTwo lines\tivan pass\t1993-03-03\t\\N\n");
  EXPECT_EQ(by_id["12"].first, 10u);
  EXPECT_EQ(by_id["15"].first, 12u);  // line numbers count the LF inside Ivan's nickname
  EXPECT_NE(by_id["3"].second.find("김민준"), std::string::npos);
}

TEST(LegacyDump, EscapesBecomeCopyEscapes) {
  EXPECT_EQ(convert("a\\tb\\nc\\rd\\be\\Zf\\qg\n", 1), std::vector<std::string>{"a\\tb\\nc\\rd\\be\\x1af" "qg\n"});
  EXPECT_EQ(convert("raw\rcr\n", 1), std::vector<std::string>{"raw\\rcr\n"});
  EXPECT_EQ(convert("\\N\t\\Nx\tx\\N\n", 3), std::vector<std::string>{"\\N\tNx\txN\n"});
  EXPECT_EQ(convert("\t\n", 2), std::vector<std::string>{"\t\n"});  // two empty strings
  EXPECT_EQ(convert("1\tlast line without LF", 2), std::vector<std::string>{"1\tlast line without LF\n"});
  EXPECT_TRUE(convert("", 3).empty());
}

// The reader copies ordinary bytes a run at a time out of a 64 KiB buffer: an escape, a \N, a
// field's or a row's end may fall on a refill, and each must come out as it does anywhere else.
TEST(LegacyDump, RowsAcrossTheReadBufferComeOutWhole) {
  const struct {
    std::string in, out;
    size_t columns;
  } cases[] = {{"\\t", "\\t", 2},   {"\\\\", "\\\\", 2}, {"\\N", "N", 2},      {"\\\n", "\\n", 2},
               {"\r", "\\r", 2},   {"\t", "\t", 3},     {"\\Z", "\\x1a", 2}, {"\xc3\xa9", "\xc3\xa9", 2}};
  for (const auto& c : cases) {
    for (size_t pad = 65536 - 3; pad <= 65536 + 1; ++pad) {
      const std::string head(pad, 'a');
      EXPECT_EQ(convert(head + c.in + "z\tlast\n", c.columns), std::vector<std::string>{head + c.out + "z\tlast\n"})
          << c.out << " after " << pad << " bytes";
    }
  }
  for (size_t pad = 65536 - 3; pad <= 65536 + 1; ++pad) {
    const std::string head(pad, 'b');
    EXPECT_EQ(convert(head + "\t\\N\nnext\tx\n", 2), (std::vector<std::string>{head + "\t\\N\n", "next\tx\n"})) << pad;
  }
}

TEST(LegacyDump, MalformedRowsNameFileAndLine) {
  EXPECT_EQ(error_of("1\t2\n1\t2\t3\n", 2), "t.txt:2: 3 fields, expected 2 (the columns of the CREATE TABLE)");
  // The row after a value with an escaped LF starts on line 3; an empty line is one empty field.
  EXPECT_EQ(error_of("a\\\nb\tc\n\n", 2), "t.txt:3: 1 fields, expected 2 (the columns of the CREATE TABLE)");
  EXPECT_EQ(error_of("ok\nends in \\", 1), "t.txt:2: the file ends inside a backslash escape");
  EXPECT_EQ(error_of("x\\0y\n", 1), "t.txt:1: a NUL byte (\\0) in field 1: PostgreSQL text cannot hold it");
  EXPECT_EQ(error_of("ok\nbad \xff byte\n", 1), "t.txt:2: invalid UTF-8");
  EXPECT_EQ(error_of("\xed\xa0\x80\n", 1), "t.txt:1: invalid UTF-8");  // a surrogate
}

TEST(LegacyDump, CreateTableProblemsNameTheFile) {
  std::istringstream none("-- nothing here\n");
  EXPECT_THROW(parse_create_table(none, "x.sql"), DumpError);
  std::istringstream odd("CREATE TABLE `t` (\n  `a``b` int,\n  `c` int,\n  KEY `k` (`c`)\n) ENGINE=InnoDB;\n");
  EXPECT_EQ(parse_create_table(odd, "t.sql"), (std::vector<std::string>{"a`b", "c"}));
  try {
    check_columns("scores", {"id", "user_id", "score"}, "scores.sql");
    FAIL();
  } catch (const DumpError& e) {
    EXPECT_STREQ(e.what(), "scores.sql: column created_at of scores is missing");
  }
  EXPECT_THROW(check_columns("scores", {"id", "user_id", "score", "created_at", "x"}, "s.sql"), DumpError);
  EXPECT_EQ(copy_column_list({"id", "we\"ird"}), "\"id\", \"we\"\"ird\"");
}
