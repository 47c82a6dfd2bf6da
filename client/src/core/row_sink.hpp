// Where a command's rows go: a table for people, JSON or CSV for scripts. The writers know
// nothing of libpq; query_output.cpp feeds them from a PGresult.
#pragma once
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hexctl {

enum class ValueKind { text, number, boolean, json };

struct Column {
  std::string name;
  ValueKind kind = ValueKind::text;
};

using Cell = std::optional<std::string>;  // nullopt is SQL NULL
using Row = std::vector<Cell>;

enum class Format { table, json, csv };

// How the table format shows a result; JSON and CSV always show every column and row.
enum class Shape {
  table,   // aligned columns under a header
  scalar,  // one value: printed bare, like the new UUID of "user add"
  lines,   // one value a line, no header, streamed ("uuid -n N")
};

class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void begin(const std::vector<Column>& columns) = 0;
  virtual void row(const Row& cells) = 0;
  virtual void end() = 0;
};

std::unique_ptr<RowSink> make_table_sink(std::ostream& out, Shape shape);
std::unique_ptr<RowSink> make_csv_sink(std::ostream& out);
std::unique_ptr<RowSink> make_json_sink(std::ostream& out);
std::unique_ptr<RowSink> make_sink(Format format, Shape shape, std::ostream& out);

// A value as the text formats show it: booleans as true/false rather than PostgreSQL's t/f.
std::string display_text(const std::string& value, ValueKind kind);

// "table", "json", "csv"; nullopt otherwise.
std::optional<Format> parse_format(const std::string& name);

}  // namespace hexctl
