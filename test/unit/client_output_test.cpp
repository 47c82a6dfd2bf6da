// The table, CSV and JSON writers of hexctl.
#include <gtest/gtest.h>

#include <sstream>

#include "core/pg_types.hpp"
#include "core/row_sink.hpp"

using namespace hexctl;

namespace {

std::string render(Format format, Shape shape, const std::vector<Column>& columns,
                   const std::vector<Row>& rows) {
  std::ostringstream out;
  auto sink = make_sink(format, shape, out);
  sink->begin(columns);
  for (const auto& r : rows) sink->row(r);
  sink->end();
  return out.str();
}

const std::vector<Column> kBoard = {{"rank", ValueKind::number}, {"nickname", ValueKind::text},
                                    {"ok", ValueKind::boolean}};

}  // namespace

TEST(ClientCsv, QuotesOnlyWhatRfc4180Needs) {
  std::string got = render(Format::csv, Shape::table, kBoard,
                           {{"1", "plain", "t"}, {"2", "a,\"b\"\nc", "f"}, {"3", "", std::nullopt}, {"4", std::nullopt, "t"}});
  EXPECT_EQ(got, "rank,nickname,ok\n1,plain,true\n2,\"a,\"\"b\"\"\nc\",false\n3,\"\",\n4,,true\n");
}

TEST(ClientCsv, LeadingSpaceAndBackslashesAndSemicolons) {
  std::string got = render(Format::csv, Shape::table, {{"v"}}, {{" x"}, {"a\\b;c'd"}});
  EXPECT_EQ(got, "v\n\" x\"\na\\b;c'd\n");
}

TEST(ClientJson, ArrayOfObjectsWithTypedValues) {
  std::string got = render(Format::json, Shape::table,
                           {{"rank", ValueKind::number}, {"nick", ValueKind::text}, {"ok", ValueKind::boolean},
                            {"row", ValueKind::json}, {"x", ValueKind::number}},
                           {{"1", "김\"q\\", "t", "{\"a\": [1]}", "NaN"}, {"9223372036854775807", std::nullopt, "f", std::nullopt, "1.5"}});
  EXPECT_EQ(got,
            "[\n{\"rank\":1,\"nick\":\"김\\\"q\\\\\",\"ok\":true,\"row\":{\"a\": [1]},\"x\":\"NaN\"},\n"
            "{\"rank\":9223372036854775807,\"nick\":null,\"ok\":false,\"row\":null,\"x\":1.5}\n]\n");
}

TEST(ClientJson, NumbersAndJsonKeepTheirText) {
  std::string got = render(Format::json, Shape::table,
                           {{"n", ValueKind::number}, {"j", ValueKind::json}},
                           {{"1.10", "{\"a\": 1.10, \"b\": 123456789012345678901234567890}"},
                            {"123456789012345678901234567890.000000000000000000001", "{\"a\":\n 1}"},
                            {"-0.0", "[1, 2]"}, {"Infinity", "not json"}});
  EXPECT_EQ(got,
            "[\n{\"n\":1.10,\"j\":{\"a\": 1.10, \"b\": 123456789012345678901234567890}},\n"
            "{\"n\":123456789012345678901234567890.000000000000000000001,\"j\":{\"a\":1}},\n"
            "{\"n\":-0.0,\"j\":[1, 2]},\n"
            "{\"n\":\"Infinity\",\"j\":\"not json\"}\n]\n");
}

TEST(ClientJson, EmptyResultIsEmptyArray) {
  EXPECT_EQ(render(Format::json, Shape::table, kBoard, {}), "[]\n");
}

TEST(ClientTable, AlignsByDisplayWidthAndRightAlignsNumbers) {
  std::string got = render(Format::table, Shape::table, kBoard, {{"1", "김철수", "t"}, {"10", "bob", "f"}});
  EXPECT_EQ(got,
            " rank | nickname | ok\n"
            "------+----------+-------\n"
            "    1 | 김철수   | true\n"
            "   10 | bob      | false\n");
}

TEST(ClientTable, EscapesLineBreaksInsideCells) {
  std::string got = render(Format::table, Shape::table, {{"v"}}, {{"a\nb\tc"}});
  EXPECT_EQ(got, " v\n---------\n a\\nb\\tc\n");
}

TEST(ClientTable, ScalarAndLinesPrintBareValues) {
  EXPECT_EQ(render(Format::table, Shape::scalar, {{"user_id"}}, {{"abc"}}), "abc\n");
  EXPECT_EQ(render(Format::table, Shape::lines, {{"u"}}, {{"a"}, {"b"}}), "a\nb\n");
  EXPECT_EQ(render(Format::table, Shape::scalar, {{"deleted", ValueKind::boolean}}, {{"t"}}), "true\n");
}

TEST(ClientFormat, Names) {
  EXPECT_EQ(parse_format("json"), Format::json);
  EXPECT_EQ(parse_format("csv"), Format::csv);
  EXPECT_EQ(parse_format("table"), Format::table);
  EXPECT_FALSE(parse_format("xml"));
}

TEST(ClientPgTypes, KindsByOid) {
  EXPECT_EQ(kind_of_type_oid(20), ValueKind::number);
  EXPECT_EQ(kind_of_type_oid(1700), ValueKind::number);
  EXPECT_EQ(kind_of_type_oid(16), ValueKind::boolean);
  EXPECT_EQ(kind_of_type_oid(3802), ValueKind::json);
  EXPECT_EQ(kind_of_type_oid(2950), ValueKind::text);  // uuid
  EXPECT_EQ(kind_of_type_oid(1184), ValueKind::text);  // timestamptz
}
