// is_crypt_hash (extension/src/core/import/legacy_values.cpp) against the regular expression
// that defined it before it was written out field by field: the same answer on 200,000 hashes
// of every method, near each length limit, and their mutations (fixed seed, so reproducible).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "core/import/legacy_values.hpp"

using hexdb::legacy::is_crypt_hash;

namespace {

bool by_regex(const std::string& text) {
  static const std::regex shapes(
      R"(\$2[aby]\$[0-9]{2}\$[./0-9A-Za-z]{53})"
      R"(|\$[56]\$(rounds=[0-9]{1,9}\$)?[^$:\n]{0,16}\$[./0-9A-Za-z]{43}([./0-9A-Za-z]{43})?)"
      R"(|\$(y|gy|7)\$[./0-9A-Za-z]+\$[./0-9A-Za-z]*\$[./0-9A-Za-z]{43})"
      R"(|\$1\$[^$:\n]{0,8}\$[./0-9A-Za-z]{22})");
  if (text.size() < 20 || text.size() > 512 || text[0] != '$') return false;
  return std::regex_match(text, shapes);
}

const std::string kBase64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const std::string kSaltOnly = std::string(" =-\xe9") + '\0';  // salt, not base64
const std::string kOther = "$:\n" + kSaltOnly;

// Hashes of every method with their lengths and optional parts varied, and near misses: half
// of them changed at one or two places, a character or a whole '$'-separated field.
class Pieces {
 public:
  explicit Pieces(unsigned seed) : rng_(seed) {}

  std::string text() {
    std::string out = hash();
    for (int changes = pick(2) ? 0 : 1 + pick(2); changes > 0; --changes)
      pick(2) ? mutate_char(out) : mutate_field(out);
    return out;
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  int between(int lo, int hi) { return lo + pick(hi - lo + 1); }
  const std::string& one_of(const std::vector<std::string>& v) {
    return v[pick(static_cast<int>(v.size()))];
  }
  char from(const std::string& chars) { return chars[pick(static_cast<int>(chars.size()))]; }
  std::string run(const std::string& chars, int length) {
    std::string s;
    for (int i = 0; i < length; ++i) s += from(chars);
    return s;
  }

  std::string hash() {
    switch (pick(4)) {
      case 0:
        return "$" + one_of({"2a", "2b", "2y"}) + "$" + run("0123456789", 2) + "$" +
               run(kBase64, 53);
      case 1: {
        std::string rounds = pick(2) ? "rounds=" + run("0123456789", between(1, 9)) + "$" : "";
        return "$" + one_of({"5", "6"}) + "$" + rounds + run(kBase64 + kSaltOnly, between(0, 16)) +
               "$" + run(kBase64, pick(2) ? 43 : 86);
      }
      case 2:
        return "$" + one_of({"y", "gy", "7"}) + "$" + run(kBase64, between(1, 20)) + "$" +
               run(kBase64, between(0, 30)) + "$" + run(kBase64, 43);
      default: return "$1$" + run(kBase64 + kSaltOnly, between(0, 8)) + "$" + run(kBase64, 22);
    }
  }

  void mutate_char(std::string& s) {
    const size_t at = static_cast<size_t>(pick(static_cast<int>(s.size())));
    const char c = from(kBase64 + kOther);
    switch (pick(3)) {
      case 0: s[at] = c; break;
      case 1: s.insert(at, 1, c); break;
      default: s.erase(at, 1); break;
    }
  }

  // Replaces, doubles or drops one field.
  void mutate_field(std::string& s) {
    std::vector<std::string> fields;
    for (size_t from = 1, end; from <= s.size(); from = end + 1) {
      end = std::min(s.find('$', from), s.size());
      fields.push_back(s.substr(from, end - from));
    }
    const size_t at = static_cast<size_t>(pick(static_cast<int>(fields.size())));
    static const std::vector<std::string> pieces = {
        "2a", "2x", "5", "6", "7", "1", "y", "gy", "3", "", "55", "rounds=5000", "rounds=",
        "rounds=1234567890", "rounds=12a", "Rounds=5000", "12", "1x"};
    static const std::vector<int> lengths = {1,  8,  9,  16, 17, 21, 22, 23, 42,
                                             43, 44, 52, 53, 54, 85, 86, 87, 500};
    const std::string piece =
        pick(2) ? one_of(pieces) : run(kBase64, lengths[pick(static_cast<int>(lengths.size()))]);
    switch (pick(3)) {
      case 0: fields[at] = piece; break;
      case 1: fields.insert(fields.begin() + static_cast<long>(at), fields[at]); break;
      default: fields.erase(fields.begin() + static_cast<long>(at)); break;
    }
    s.clear();
    for (const std::string& f : fields) s += "$" + f;
  }

  std::mt19937 rng_;
};

}  // namespace

TEST(CryptHashShapes, AgreeWithTheRegexOnGeneratedStrings) {
  Pieces pieces(20261129);
  int hashes = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string text = pieces.text();
    const bool expected = by_regex(text);
    ASSERT_EQ(is_crypt_hash(text), expected) << '"' << text << '"';
    hashes += expected;
  }
  // Both answers are frequent, so the agreement says something.
  EXPECT_GT(hashes, 50000);
  EXPECT_LT(hashes, 150000);
}

TEST(CryptHashShapes, LimitsOfEachMethod) {
  const std::string b43 = std::string(43, 'a'), b22 = std::string(22, 'b');
  EXPECT_TRUE(is_crypt_hash("$6$rounds=123456789$" + std::string(16, 's') + "$" + b43 + b43));
  EXPECT_FALSE(is_crypt_hash("$6$rounds=1234567890$salt$" + b43));  // ten digits
  EXPECT_FALSE(is_crypt_hash("$6$" + std::string(17, 's') + "$" + b43));  // salt too long
  EXPECT_FALSE(is_crypt_hash("$5$sa:lt$" + b43));
  EXPECT_FALSE(is_crypt_hash("$5$salt$" + b43 + "a"));
  EXPECT_TRUE(is_crypt_hash("$5$$" + b43));  // an empty salt
  EXPECT_TRUE(is_crypt_hash("$5$rounds=77$" + b43));  // "rounds=77" taken as the salt
  EXPECT_FALSE(is_crypt_hash("$5$other$salt$" + b43));
  EXPECT_TRUE(is_crypt_hash("$gy$j9T$$" + b43));
  EXPECT_TRUE(is_crypt_hash("$7$CU..../....$salt$" + b43));
  EXPECT_FALSE(is_crypt_hash("$y$$salt$" + b43));  // no parameters
  EXPECT_TRUE(is_crypt_hash("$1$$" + b22));
  EXPECT_FALSE(is_crypt_hash("$1$ninechars$" + b22));
  EXPECT_FALSE(is_crypt_hash("$2b$1x$" + std::string(53, 'c')));
  EXPECT_FALSE(is_crypt_hash("$2b$12$" + std::string(53, 'c') + "$"));
  EXPECT_TRUE(is_crypt_hash("$y$" + std::string(460, 'p') + "$$" + b43));
  EXPECT_FALSE(is_crypt_hash("$y$" + std::string(470, 'p') + "$$" + b43));  // over 512 characters
}
