#include "core/row_sink.hpp"

namespace hexctl {

std::unique_ptr<RowSink> make_sink(Format format, Shape shape, std::ostream& out) {
  switch (format) {
    case Format::json: return make_json_sink(out);
    case Format::csv: return make_csv_sink(out);
    case Format::table: break;
  }
  return make_table_sink(out, shape);
}

std::string display_text(const std::string& value, ValueKind kind) {
  if (kind != ValueKind::boolean) return value;
  return value == "t" ? "true" : value == "f" ? "false" : value;
}

std::optional<Format> parse_format(const std::string& name) {
  if (name == "table") return Format::table;
  if (name == "json") return Format::json;
  if (name == "csv") return Format::csv;
  return std::nullopt;
}

}  // namespace hexctl
