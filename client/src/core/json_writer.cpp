// JSON: an array of objects, one per row, keyed by column name. Numbers are JSON numbers as
// PostgreSQL printed them, booleans true/false, NULL null, json/jsonb values embedded as JSON. Streamed one object a
// line, so "uuid -n N --format json" holds one row at a time.
#include <ostream>

#include "core/json_text.hpp"
#include "core/row_sink.hpp"

namespace hexctl {

namespace {

// Whether a json value can stand in the stream as it is: no line break (the stream is one
// object a line) and no surrounding space.
bool one_line(const std::string& text) {
  return !text.empty() && text.find_first_of("\r\n") == std::string::npos && text.front() != ' ' &&
         text.front() != '\t' && text.back() != ' ' && text.back() != '\t';
}

// A value PostgreSQL printed as text, appended as the JSON text of the cell. Numbers and
// json values go out as PostgreSQL wrote them: parsing them into doubles would turn 1.10 into
// 1.1 and round long numerics, and the client never changes a value. NaN and Infinity have no
// JSON number and stay strings; a json value with line breaks is written on one line.
void append_cell(std::string& out, const Cell& cell, ValueKind kind) {
  if (!cell) return void(out += "null");
  const std::string& text = *cell;
  switch (kind) {
    case ValueKind::number:
      if (is_json_number(text)) return void(out += text);
      break;
    case ValueKind::boolean: return void(out += text == "t" || text == "true" ? "true" : "false");
    case ValueKind::json:
      if (!is_json(text)) break;
      if (one_line(text)) return void(out += text);
      return append_compact_json(out, text);
    case ValueKind::text: break;
  }
  append_json_string(out, text);
}

class JsonSink : public RowSink {
 public:
  explicit JsonSink(std::ostream& out) : out_(out) {}

  void begin(const std::vector<Column>& columns) override {
    columns_ = columns;
    out_ << '[';
  }

  // The object is written by hand so that each value keeps its text; keys in query order.
  void row(const Row& cells) override {
    line_.assign(rows_++ ? ",\n{" : "\n{");
    for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
      if (i) line_ += ',';
      append_json_string(line_, columns_[i].name);
      line_ += ':';
      append_cell(line_, cells[i], columns_[i].kind);
    }
    line_ += '}';
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  }

  void end() override {
    out_ << (rows_ ? "\n]\n" : "]\n");
    out_.flush();
  }

 private:
  std::ostream& out_;
  std::vector<Column> columns_;
  std::size_t rows_ = 0;
  std::string line_;  // the row being written, reused
};

}  // namespace

std::unique_ptr<RowSink> make_json_sink(std::ostream& out) {
  return std::make_unique<JsonSink>(out);
}

}  // namespace hexctl
