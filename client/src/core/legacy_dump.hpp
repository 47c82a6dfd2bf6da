// Reading a `mysqldump --tab=DIR` (or `mariadb-dump --tab`) export for `hexctl import DIR`.
// Pure C++ (no libpq): the client streams what this produces into COPY ... FROM STDIN.
//
// Per table the export holds TABLE.sql, whose CREATE TABLE gives the column order, and
// TABLE.txt, one row per line in the format of SELECT ... INTO OUTFILE: fields separated by
// TAB, rows by LF, NULL written \N, and a backslash before a backslash, a TAB, an LF or a
// NUL ("\0") inside a value. LOAD DATA also reads \t \n \r \b \Z; they are accepted too.
// PostgreSQL's COPY text format is close but not the same (an escaped literal TAB/LF, a raw
// CR, \Z), so every row is rewritten into canonical COPY text. Problems are DumpErrors that
// name the file and line.
#pragma once

#include <cstdint>
#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace hexdb::legacy_dump {

class DumpError : public std::runtime_error {
 public:
  // what(): "FILE:LINE: message", or "FILE: message" when line is 0.
  DumpError(const std::string& file, uint64_t line, const std::string& message);
  const std::string& file() const noexcept { return file_; }
  uint64_t line() const noexcept { return line_; }

 private:
  std::string file_;
  uint64_t line_;
};

// The legacy tables import_legacy() reads, in import order.
const std::vector<std::string>& legacy_tables();
// The columns of hexdb.staging_TABLE (the legacy schema's), in the legacy schema's order.
const std::vector<std::string>& staging_columns(const std::string& table);

// The column names of the CREATE TABLE in a TABLE.sql, in order. file names errors.
std::vector<std::string> parse_create_table(std::istream& sql, const std::string& file);

// Checks that a dump's columns are exactly the staging table's (any order); names the file.
void check_columns(const std::string& table, const std::vector<std::string>& columns,
                   const std::string& file);

// `"a", "b"`: a column list for COPY, each name quoted as an SQL identifier.
std::string copy_column_list(const std::vector<std::string>& columns);

// Streams the rows of a TABLE.txt, one COPY text line at a time; holds one row in memory.
class TxtToCopy {
 public:
  TxtToCopy(std::istream& in, std::string file, size_t columns);
  // Appends the next row, as a COPY text line ending in '\n', to out; false at end of file.
  bool next(std::string& out);
  uint64_t line() const noexcept { return row_line_; }   // where the last row began (1-based)
  uint64_t rows() const noexcept { return rows_; }
  uint64_t bytes_read() const noexcept { return consumed_; }  // for a progress bar

 private:
  int get();    // next byte, or -1 at end of file
  bool more();  // whether a byte is left, the buffer refilled when it is used up
  [[noreturn]] void fail(const std::string& message) const;

  std::istream& in_;
  std::string file_;
  size_t columns_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t consumed_ = 0, physical_line_ = 1, row_line_ = 0, rows_ = 0;
};

// Appends a value's bytes, as a server sent them, as one COPY text field (the escapes COPY reads
// back as the same bytes); nullptr is NULL (\N). False, with nothing appended, for a NUL byte,
// which PostgreSQL text cannot hold (the dump path refuses "\0" the same way).
bool append_copy_value(std::string& out, const char* p, size_t n);

// Whether bytes are well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool valid_utf8(const char* p, size_t n);

}  // namespace hexdb::legacy_dump
