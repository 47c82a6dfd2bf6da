// hexctl's JSON text (client/src/core/json_text.cpp) against nlohmann-json, the library that
// wrote and checked hexctl's JSON before: the same strings written (escapes, U+FFFD for each
// invalid UTF-8 sequence), the same texts accepted as JSON and as numbers, on 200,000
// generated texts each (fixed seed, so reproducible), and compaction that keeps every token.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/json_text.hpp"

using namespace hexctl;
using nlohmann::json;

namespace {

std::string as_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string compact(std::string_view text) {
  std::string out;
  append_compact_json(out, text);
  return out;
}

bool library_accepts(const std::string& text) { return !json::parse(text, nullptr, false).is_discarded(); }

// JSON texts, valid ones with white space anywhere it may be, and half of them changed at one
// to three places with the characters that matter to the grammar.
class Texts {
 public:
  explicit Texts(unsigned seed) : rng_(seed) {}

  std::string text() {
    std::string out = value(0);
    for (int changes = pick(2) ? 0 : 1 + pick(3); changes > 0 && !out.empty(); --changes) {
      std::size_t at = pick(static_cast<int>(out.size()));
      switch (pick(3)) {
        case 0: out.erase(at, 1); break;
        case 1: out.insert(at, 1, from(kGrammar)); break;
        default: out[at] = from(kGrammar);
      }
    }
    return out;
  }

  std::string number() {
    std::string out;
    if (pick(3) == 0) out += '-';
    out += pick(4) ? run("0123456789", 1 + pick(pick(10) ? 20 : 330)) : "0";
    if (pick(2)) out += "." + run("0123456789", 1 + pick(20));
    if (pick(3) == 0) out += from("eE") + std::string(pick(2) ? "" : "+-").substr(0, pick(2)) + run("0123456789", 1 + pick(3));
    return out;
  }

  std::string bytes() {
    std::string out;
    for (int n = pick(12); n > 0; --n)
      out += pick(3) ? from(kUtf8Parts) : static_cast<char>(pick(256));
    return out;
  }

 private:
  // No NUL: libpq's values never hold one, and the library took one as the end of the text.
  static inline const std::string kGrammar = "{}[]:,\"\\u0123456789abcdefABCDEF.+-eEtrunlfsa /\t\n\r\x01\x7f\xc3\xa9\xed\xa0\xf4\x90\x80";
  static inline const std::string kUtf8Parts = "\x80\xbf\xc0\xc1\xc2\xdf\xe0\xa0\xed\x9f\xa0\xef\xf0\x90\xf4\x8f\xf5\xff aZ\"\\\n\x01\x1f\x7f";

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  char from(const std::string& chars) { return chars[pick(static_cast<int>(chars.size()))]; }
  std::string run(const std::string& chars, int length) {
    std::string s;
    for (int i = 0; i < length; ++i) s += from(chars);
    return s;
  }
  std::string space() { return pick(3) ? "" : run(" \t\n\r", 1 + pick(2)); }

  std::string string_value() {
    static const std::vector<std::string> kPieces = {"a", "é", "김", "😀", "\\\"", "\\\\", "\\/", "\\b", "\\n", "\\u0041",
                                                     "\\u00e9", "\\ud83d\\ude00", "\\uD800", "\\udc00", "\\u12", " "};
    std::string out = "\"";
    for (int n = pick(5); n > 0; --n) out += kPieces[pick(static_cast<int>(kPieces.size()))];
    return out + "\"";
  }

  std::string value(int depth) {
    std::string out = space();
    switch (depth > 4 ? 2 + pick(3) : pick(5)) {
      case 0:
        out += "[";
        for (int n = pick(4), i = 0; i < n; ++i) out += (i ? "," : "") + value(depth + 1);
        out += space() + "]";
        break;
      case 1:
        out += "{";
        for (int n = pick(4), i = 0; i < n; ++i) out += (i ? "," : "") + space() + string_value() + space() + ":" + value(depth + 1);
        out += space() + "}";
        break;
      case 2: out += string_value(); break;
      case 3: out += number(); break;
      default: out += pick(3) ? (pick(2) ? "true" : "false") : "null";
    }
    return out + space();
  }

  std::mt19937 rng_;
};

}  // namespace

TEST(ClientJsonText, StringsEscapedAsJson) {
  EXPECT_EQ(as_string("plain"), "\"plain\"");
  EXPECT_EQ(as_string("q\"b\\/"), "\"q\\\"b\\\\/\"");
  EXPECT_EQ(as_string("\b\f\n\r\t\x01\x1f\x7f"), "\"\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\"");
  EXPECT_EQ(as_string(std::string("a\0b", 3)), "\"a\\u0000b\"");
  EXPECT_EQ(as_string("김철수 😀"), "\"김철수 😀\"");
}

TEST(ClientJsonText, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(as_string("a\xff" "b"), "\"a\xEF\xBF\xBD" "b\"");
  EXPECT_EQ(as_string("\xe0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong: two pieces
  EXPECT_EQ(as_string("\xe1\x80"), "\"\xEF\xBF\xBD\"");              // cut short: one
  EXPECT_EQ(as_string("\xed\xa0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
}

TEST(ClientJsonText, Numbers) {
  for (const char* yes : {"0", "-0", "-0.0", "1.10", "12e3", "1E+2", "1.5e-7", "9223372036854775808", "1e308",
                          "123456789012345678901234567890.000000000000000000001"})
    EXPECT_TRUE(is_json_number(yes)) << yes;
  for (const char* no : {"", "-", "01", "1.", ".5", "+1", "1e", "1e+", "NaN", "Infinity", "-Infinity", " 1", "1 ",
                         "1\n", "0x10", "1e400", "1,5"})
    EXPECT_FALSE(is_json_number(no)) << no;
  EXPECT_TRUE(is_json_number(std::string(308, '9')));
  EXPECT_FALSE(is_json_number("1" + std::string(309, '0')));  // 1e309: beyond a double
}

TEST(ClientJsonText, Values) {
  for (const char* yes : {"{}", "[]", " [1, {\"a\": [true, false, null]}] ", "\"\\ud83d\\ude00\"", "{\"a\":1,\"a\":2}",
                          "\n{\"a\":\n 1}\n", "-1.5e3"})
    EXPECT_TRUE(is_json(yes)) << yes;
  for (const char* no : {"", " ", "not json", "[1,]", "{\"a\":1,}", "{\"a\"}", "[1 2]", "{1:2}", "\"\\ud800\"",
                         "\"\\udc00\"", "\"\\x\"", "\"a\nb\"", "\"\xff\"", "tru", "nul", "[", "]", "{}{}", "[1e400]"})
    EXPECT_FALSE(is_json(no)) << no;
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_TRUE(is_json(deep));
  EXPECT_FALSE(is_json(deep + "]"));
}

TEST(ClientJsonText, CompactKeepsEveryTokenAndItsText) {
  EXPECT_EQ(compact("\n{ \"a b\" :\n [1.10, \"x\\\" y\",\t{}] }\r\n"), "{\"a b\":[1.10,\"x\\\" y\",{}]}");
  EXPECT_EQ(compact("{\"b\": 1, \"a\": 2, \"b\": 3}"), "{\"b\":1,\"a\":2,\"b\":3}");  // order, duplicates
}

TEST(ClientJsonText, StringsAsTheLibraryWroteThem) {
  Texts texts(20261130);
  for (int i = 0; i < 200000; ++i) {
    std::string s = texts.bytes();
    ASSERT_EQ(as_string(s), json(s).dump(-1, ' ', false, json::error_handler_t::replace)) << testing::PrintToString(s);
  }
}

TEST(ClientJsonText, ValuesAndNumbersAsTheLibraryAcceptedThem) {
  Texts texts(14);
  int valid = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string s = texts.text();
    if (s.rfind("\xEF\xBB\xBF", 0) == 0) continue;  // the library skipped a byte order mark
    const bool accepted = is_json(s);
    ASSERT_EQ(accepted, library_accepts(s)) << testing::PrintToString(s);
    if (accepted) {
      ++valid;
      std::string c = compact(s);
      ASSERT_TRUE(is_json(c)) << c;
      ASSERT_EQ(json::parse(c), json::parse(s)) << c;
    }
    std::string n = texts.number();
    ASSERT_EQ(is_json_number(n), json::parse(n, nullptr, false).is_number()) << n;
  }
  EXPECT_GT(valid, 50000);  // the valid half and the changes that left a text valid
  EXPECT_LT(valid, 150000);
}
