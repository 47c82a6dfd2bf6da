#include "core/legacy_dump.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

namespace hexdb::legacy_dump {
namespace {

std::string where(const std::string& file, uint64_t line) {
  return line ? file + ":" + std::to_string(line) : file;
}

}  // namespace

DumpError::DumpError(const std::string& file, uint64_t line, const std::string& message)
    : std::runtime_error(where(file, line) + ": " + message), file_(file), line_(line) {}

const std::vector<std::string>& legacy_tables() {
  static const std::vector<std::string> tables{"users", "scores", "friendships",
                                               "monthly_scores", "game_visits"};
  return tables;
}

const std::vector<std::string>& staging_columns(const std::string& table) {
  // Mirrors hexdb.staging_* in extension/sql/60_import.sql.
  static const std::map<std::string, std::vector<std::string>> columns{
      {"users", {"id", "email", "nickname", "password", "birth_date", "role"}},
      {"scores", {"id", "user_id", "score", "created_at"}},
      {"friendships", {"id", "requester_id", "receiver_id", "status", "created_at"}},
      {"monthly_scores", {"id", "user_id", "year", "month", "score", "updated_at"}},
      {"game_visits", {"id", "user_id", "visit_date", "visit_count"}}};
  auto it = columns.find(table);
  if (it == columns.end()) throw std::invalid_argument("not a legacy table: " + table);
  return it->second;
}

std::vector<std::string> parse_create_table(std::istream& sql, const std::string& file) {
  std::string line;
  uint64_t n = 0;
  bool inside = false;
  std::vector<std::string> columns;
  while (std::getline(sql, line)) {
    ++n;
    size_t i = line.find_first_not_of(" \t");
    if (i == std::string::npos) continue;
    if (!inside) {
      inside = line.compare(i, 12, "CREATE TABLE") == 0;
      continue;
    }
    if (line[i] == ')') {
      if (columns.empty()) throw DumpError(file, n, "CREATE TABLE without columns");
      return columns;
    }
    if (line[i] != '`') continue;  // PRIMARY KEY, UNIQUE KEY, KEY, CONSTRAINT, CHECK
    std::string name;
    size_t j = i + 1;
    for (;; ++j) {
      if (j >= line.size()) throw DumpError(file, n, "unterminated `column name`");
      if (line[j] == '`') {
        if (j + 1 < line.size() && line[j + 1] == '`') { name += '`'; ++j; continue; }
        break;
      }
      name += line[j];
    }
    if (name.empty()) throw DumpError(file, n, "empty column name");
    columns.push_back(name);
  }
  throw DumpError(file, 0, inside ? "the CREATE TABLE never ends" : "no CREATE TABLE in the file");
}

void check_columns(const std::string& table, const std::vector<std::string>& columns,
                   const std::string& file) {
  const auto& want = staging_columns(table);
  std::set<std::string> seen;
  for (const auto& c : columns) {
    if (std::find(want.begin(), want.end(), c) == want.end())
      throw DumpError(file, 0, "column " + c + " is not in the legacy " + table + " table");
    if (!seen.insert(c).second) throw DumpError(file, 0, "column " + c + " appears twice");
  }
  for (const auto& c : want)
    if (!seen.count(c)) throw DumpError(file, 0, "column " + c + " of " + table + " is missing");
}

std::string copy_column_list(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) {
    if (!out.empty()) out += ", ";
    out += '"';
    for (char ch : c) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    out += '"';
  }
  return out;
}

TxtToCopy::TxtToCopy(std::istream& in, std::string file, size_t columns)
    : in_(in), file_(std::move(file)), columns_(columns), buf_(1 << 16) {}

int TxtToCopy::get() {
  if (!more()) return -1;
  ++consumed_;
  return static_cast<unsigned char>(buf_[pos_++]);
}

bool TxtToCopy::more() {
  if (pos_ == end_) {
    in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    end_ = static_cast<size_t>(in_.gcount());
    pos_ = 0;
  }
  return pos_ < end_;
}

void TxtToCopy::fail(const std::string& message) const {
  throw DumpError(file_, row_line_, message);
}

namespace {

// The bytes TxtToCopy::next and append_copy_value rewrite; every other byte is copied as it is,
// a run at a time (a byte at a time, the client spent longer than the server's COPY).
struct Special {
  bool byte[256] = {};
  constexpr Special(const char* set) {
    for (; *set != '\0'; ++set) byte[static_cast<unsigned char>(*set)] = true;
    byte[0] = true;
  }
};
constexpr Special kSpecial("\n\t\r\\");

// The length of the run of ordinary bytes at p (before end).
size_t ordinary_run(const char* p, const char* end) {
  const char* q = p;
  while (q < end && !kSpecial.byte[static_cast<unsigned char>(*q)]) ++q;
  return static_cast<size_t>(q - p);
}

}  // namespace

bool TxtToCopy::next(std::string& out) {
  if (!more()) return false;
  row_line_ = physical_line_;
  const size_t start = out.size();
  size_t fields = 1;
  size_t field_start = out.size();
  bool maybe_null = false;  // the field so far is exactly \N, which is NULL only if it ends here
  auto emit = [&](std::string_view text) {
    if (maybe_null) {  // "\Nx": MySQL reads the escape as a plain N
      out.resize(out.size() - 2);
      out += 'N';
      maybe_null = false;
    }
    out += text;
  };
  for (;;) {
    if (!more()) break;  // a last line without LF is a row too
    const size_t run = ordinary_run(buf_.data() + pos_, buf_.data() + end_);
    if (run > 0) {
      emit(std::string_view(buf_.data() + pos_, run));
      pos_ += run;
      consumed_ += run;
      continue;
    }
    const int c = get();
    if (c == '\n') {  // end of row
      ++physical_line_;
      break;
    }
    if (c == '\t') {
      out += '\t';
      ++fields;
      field_start = out.size();
      maybe_null = false;
      continue;
    }
    if (c == '\r') { emit("\\r"); continue; }  // a raw CR would end a COPY line
    if (c == 0) fail("a raw NUL byte in field " + std::to_string(fields));
    const int e = get();  // after a backslash
    switch (e) {
      case -1: fail("the file ends inside a backslash escape");
      case 'N':
        if (out.size() == field_start) { out += "\\N"; maybe_null = true; }
        else emit("N");
        break;
      case '\\': emit("\\\\"); break;
      case '\t': case 't': emit("\\t"); break;
      case '\n': ++physical_line_; emit("\\n"); break;
      case 'n': emit("\\n"); break;
      case '\r': case 'r': emit("\\r"); break;
      case 'b': emit("\\b"); break;
      case 'Z': emit("\\x1a"); break;
      case '0':
        fail("a NUL byte (\\0) in field " + std::to_string(fields) +
             ": PostgreSQL text cannot hold it");
      default: { const char one = static_cast<char>(e); emit(std::string_view(&one, 1)); }  // \x is x
    }
  }
  if (fields != columns_)
    fail(std::to_string(fields) + " fields, expected " + std::to_string(columns_) +
         " (the columns of the CREATE TABLE)");
  if (!valid_utf8(out.data() + start, out.size() - start)) fail("invalid UTF-8");
  out += '\n';
  ++rows_;
  return true;
}

bool append_copy_value(std::string& out, const char* p, size_t n) {
  if (p == nullptr) {
    out += "\\N";
    return true;
  }
  const size_t start = out.size();
  for (size_t i = 0; i < n;) {
    const size_t run = ordinary_run(p + i, p + n);
    out.append(p + i, run);
    i += run;
    if (i == n) break;
    switch (p[i++]) {
      case '\0': out.resize(start); return false;
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
    }
  }
  return true;
}

bool valid_utf8(const char* s, size_t n) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    size_t len;
    uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) len = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef) len = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4) len = 4, cp = c & 0x07;
    else return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3f);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
      return false;
    i += len;
  }
  return true;
}

}  // namespace hexdb::legacy_dump
