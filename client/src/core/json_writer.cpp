// JSON: an array of objects, one per row, keyed by column name. Numbers are JSON numbers as
// PostgreSQL printed them, booleans true/false, NULL null, json/jsonb values embedded as JSON. Streamed one object a
// line, so "uuid -n N --format json" holds one row at a time.
#include <cctype>
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/row_sink.hpp"

namespace hexctl {

namespace {

using json = nlohmann::json;

std::string dumped(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// Whether text can stand in the stream as it is: no line break (the stream is one object a
// line) and no surrounding space.
bool one_line(const std::string& text) {
  return !text.empty() && text.find_first_of("\r\n") == std::string::npos &&
         !std::isspace(static_cast<unsigned char>(text.front())) && !std::isspace(static_cast<unsigned char>(text.back()));
}

// A value PostgreSQL printed as text, written as the JSON text of the cell. Numbers and json
// values go out as PostgreSQL wrote them: parsing them into doubles would turn 1.10 into 1.1
// and round long numerics, and the client never changes a value. NaN and Infinity have no
// JSON number and stay strings; a json value with line breaks is re-serialised on one line.
std::string cell_json(const Cell& cell, ValueKind kind) {
  if (!cell) return "null";
  const std::string& text = *cell;
  switch (kind) {
    case ValueKind::number:
      if (one_line(text) && json::parse(text, nullptr, false).is_number()) return text;
      break;
    case ValueKind::boolean: return text == "t" || text == "true" ? "true" : "false";
    case ValueKind::json: {
      json parsed = json::parse(text, nullptr, false);
      if (parsed.is_discarded()) break;
      return one_line(text) ? text : dumped(parsed);
    }
    case ValueKind::text: break;
  }
  return dumped(text);
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
    out_ << (rows_++ ? ",\n" : "\n") << '{';
    for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i)
      out_ << (i ? "," : "") << dumped(columns_[i].name) << ':' << cell_json(cells[i], columns_[i].kind);
    out_ << '}';
  }

  void end() override {
    out_ << (rows_ ? "\n]\n" : "]\n");
    out_.flush();
  }

 private:
  std::ostream& out_;
  std::vector<Column> columns_;
  std::size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<RowSink> make_json_sink(std::ostream& out) {
  return std::make_unique<JsonSink>(out);
}

}  // namespace hexctl
