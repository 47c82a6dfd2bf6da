// JSON: an array of objects, one per row, keyed by column name. Numbers are JSON numbers,
// booleans true/false, NULL null, json/jsonb values embedded as JSON. Streamed one object a
// line, so "uuid -n N --format json" holds one row at a time.
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/row_sink.hpp"

namespace hexctl {

namespace {

// ordered_json keeps the columns in the order of the query.
using json = nlohmann::ordered_json;

// A value PostgreSQL printed as text; NaN and Infinity have no JSON number and stay strings.
json number_value(const std::string& text) {
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_number()) return parsed;
  return text;
}

json json_value(const std::string& text) {
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return text;
  return parsed;
}

json cell_value(const Cell& cell, ValueKind kind) {
  if (!cell) return nullptr;
  switch (kind) {
    case ValueKind::number: return number_value(*cell);
    case ValueKind::boolean: return *cell == "t" || *cell == "true";
    case ValueKind::json: return json_value(*cell);
    case ValueKind::text: break;
  }
  return *cell;
}

class JsonSink : public RowSink {
 public:
  explicit JsonSink(std::ostream& out) : out_(out) {}

  void begin(const std::vector<Column>& columns) override {
    columns_ = columns;
    out_ << '[';
  }

  void row(const Row& cells) override {
    json object = json::object();
    for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i)
      object[columns_[i].name] = cell_value(cells[i], columns_[i].kind);
    out_ << (rows_++ ? ",\n" : "\n") << object.dump(-1, ' ', false, json::error_handler_t::replace);
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
