// RFC 4180 CSV: a header line, fields quoted when they hold a comma, quote, CR or LF (or
// begin or end with a space), quotes doubled. As in PostgreSQL's CSV, NULL is an empty field
// and the empty string is "" so that the two stay apart. Lines end with LF.
#include <ostream>

#include "core/row_sink.hpp"

namespace hexctl {

namespace {

bool needs_quotes(const std::string& s) {
  if (s.empty()) return true;
  if (s.front() == ' ' || s.back() == ' ') return true;
  return s.find_first_of(",\"\r\n") != std::string::npos;
}

void write_field(std::ostream& out, const std::string& s) {
  if (!needs_quotes(s)) {
    out << s;
    return;
  }
  out << '"';
  for (char c : s) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

class CsvSink : public RowSink {
 public:
  explicit CsvSink(std::ostream& out) : out_(out) {}

  void begin(const std::vector<Column>& columns) override {
    kinds_.clear();
    for (const auto& c : columns) kinds_.push_back(c.kind);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) out_ << ',';
      write_field(out_, columns[i].name);
    }
    out_ << '\n';
  }

  void row(const Row& cells) override {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out_ << ',';
      if (cells[i]) write_field(out_, display_text(*cells[i], kind(i)));
    }
    out_ << '\n';
  }

  void end() override { out_.flush(); }

 private:
  ValueKind kind(std::size_t i) const { return i < kinds_.size() ? kinds_[i] : ValueKind::text; }

  std::ostream& out_;
  std::vector<ValueKind> kinds_;
};

}  // namespace

std::unique_ptr<RowSink> make_csv_sink(std::ostream& out) { return std::make_unique<CsvSink>(out); }

}  // namespace hexctl
