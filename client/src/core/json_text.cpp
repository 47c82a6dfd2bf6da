// The JSON grammar of RFC 8259 as a loop over the text (containers on a small stack, so any
// depth PostgreSQL accepts is read without recursion). Which texts are accepted follows the
// JSON library hexctl used before (nlohmann-json): the unit test compares the two.
#include "core/json_text.hpp"

#include <cmath>
#include <cstdlib>
#include <vector>

namespace hexctl {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// How many bytes of the UTF-8 sequence that starts at s[i] (a byte >= 0x80) are well formed
// (Unicode table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF). complete
// says whether they make a whole character; if not, the count (at least 1) is the part to
// replace with one U+FFFD before the next byte is read again.
std::size_t utf8_sequence(std::string_view s, std::size_t i, bool& complete) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t length = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (b >= 0xC2 && b <= 0xDF) length = 2;
  else if (b >= 0xE0 && b <= 0xEF) length = 3, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
  else if (b >= 0xF0 && b <= 0xF4) length = 4, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
  complete = false;
  if (length == 0) return 1;
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= s.size()) return k;
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return k;
  }
  complete = true;
  return length;
}

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One pass over a JSON text; each function reads one token at pos_ and moves past it.
class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  bool at_end() const { return pos_ == s_.size(); }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  bool eat(char c) {
    if (at_end() || s_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  void skip_space() {
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, finite as a double.
  bool number() {
    const std::size_t start = pos_;
    eat('-');
    std::size_t int_digits = 0;
    if (eat('0')) int_digits = 1;
    else
      while (is_digit(peek())) ++pos_, ++int_digits;
    if (int_digits == 0) return false;
    if (eat('.') && !digits()) return false;
    bool exponent = false;
    if (peek() == 'e' || peek() == 'E') {
      ++pos_, exponent = true;
      if (!eat('+')) eat('-');
      if (!digits()) return false;
    }
    // Below 1e308 without an exponent; otherwise ask strtod (hexctl keeps the "C" locale).
    if (!exponent && int_digits <= 308) return true;
    return std::isfinite(std::strtod(std::string(s_.substr(start, pos_ - start)).c_str(), nullptr));
  }

  // A string: valid UTF-8, no raw control characters, escapes as RFC 8259 lists them,
  // \u surrogates only in high-low pairs.
  bool string() {
    if (!eat('"')) return false;
    while (pos_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') return ++pos_, true;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (!escape()) return false;
      } else if (c >= 0x80) {
        bool complete;
        pos_ += utf8_sequence(s_, pos_, complete);
        if (!complete) return false;
      } else {
        ++pos_;
      }
    }
    return false;
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

 private:
  bool digits() {
    const std::size_t start = pos_;
    while (is_digit(peek())) ++pos_;
    return pos_ > start;
  }

  // \uXXXX at pos_: its code unit, or -1.
  long unicode_escape() {
    if (s_.substr(pos_, 2) != "\\u" || pos_ + 6 > s_.size()) return -1;
    long unit = 0;
    for (std::size_t k = 2; k < 6; ++k) {
      const int h = hex_value(s_[pos_ + k]);
      if (h < 0) return -1;
      unit = unit * 16 + h;
    }
    pos_ += 6;
    return unit;
  }

  bool escape() {
    const char e = pos_ + 1 < s_.size() ? s_[pos_ + 1] : '\0';
    if (e != 'u') {
      if (e == '\0' || std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) return false;
      pos_ += 2;
      return true;
    }
    const long unit = unicode_escape();
    if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) return false;
    if (unit < 0xD800 || unit > 0xDBFF) return true;
    const long low = unicode_escape();
    return low >= 0xDC00 && low <= 0xDFFF;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

// "key": in an object; the reader is past the '{' or ','.
bool member_key(Reader& r) {
  r.skip_space();
  if (!r.string()) return false;
  r.skip_space();
  return r.eat(':');
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      bool complete;
      const std::size_t n = utf8_sequence(text, i, complete);
      if (complete) out.append(text, i, n);
      else out += "\xEF\xBF\xBD";
      i += n;
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

bool is_json_number(std::string_view text) {
  Reader r(text);
  return r.number() && r.at_end();
}

bool is_json(std::string_view text) {
  Reader r(text);
  std::vector<char> open;  // the closing bracket of each container not yet closed
  for (;;) {
    // A value.
    r.skip_space();
    const char c = r.peek();
    if (r.eat('{')) {
      r.skip_space();
      if (!r.eat('}')) {
        open.push_back('}');
        if (!member_key(r)) return false;
        continue;
      }
    } else if (r.eat('[')) {
      r.skip_space();
      if (!r.eat(']')) {
        open.push_back(']');
        continue;
      }
    } else if (c == '"') {
      if (!r.string()) return false;
    } else if (c == '-' || is_digit(c)) {
      if (!r.number()) return false;
    } else if (!r.literal("true") && !r.literal("false") && !r.literal("null")) {
      return false;
    }
    // What follows it: the end, a ',' before the next value, or the end of containers.
    for (;;) {
      r.skip_space();
      if (open.empty()) return r.at_end();
      if (r.eat(open.back())) {
        open.pop_back();
        continue;
      }
      if (!r.eat(',')) return false;
      if (open.back() == '}' && !member_key(r)) return false;
      break;
    }
  }
}

void append_compact_json(std::string& out, std::string_view json) {
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\') out += json[++i];  // the escaped character cannot end the string
      else if (c == '"') in_string = false;
    } else if (!is_space(c)) {
      out += c;
      in_string = c == '"';
    }
  }
}

}  // namespace hexctl
