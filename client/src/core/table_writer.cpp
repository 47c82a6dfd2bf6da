// The table format, for people: psql-like aligned columns, widths measured in terminal
// columns (display_width) so that Korean nicknames line up; numbers right-aligned. A table
// must see every row before it can print the first; "scalar" and "lines" results stream.
#include <algorithm>
#include <ostream>

#include "core/display_width.hpp"
#include "core/row_sink.hpp"

namespace hexctl {

namespace {

// A newline or tab inside a cell would break the grid; show it escaped instead.
std::string cell_text(const Cell& cell, ValueKind kind) {
  if (!cell) return "";
  std::string out;
  out.reserve(cell->size());
  for (char c : display_text(*cell, kind)) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else out += c;
  }
  return out;
}

class GridSink : public RowSink {
 public:
  explicit GridSink(std::ostream& out) : out_(out) {}

  void begin(const std::vector<Column>& columns) override {
    columns_ = columns;
    for (const auto& c : columns) widths_.push_back(display_width(c.name));
  }

  void row(const Row& cells) override {
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      texts.push_back(i < cells.size() ? cell_text(cells[i], columns_[i].kind) : "");
      widths_[i] = std::max(widths_[i], display_width(texts.back()));
    }
    rows_.push_back(std::move(texts));
  }

  void end() override {
    print_header();
    for (const auto& r : rows_) print_row(r);
    out_.flush();
  }

 private:
  void print_header() {
    std::string rule;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      out_ << (i ? " | " : " ") << pad_right(columns_[i].name, last(i) ? 0 : widths_[i]);
      rule += (i ? "-+-" : "-") + std::string(widths_[i], '-');
    }
    out_ << '\n' << rule << "-\n";
  }

  void print_row(const std::vector<std::string>& texts) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      out_ << (i ? " | " : " ");
      if (columns_[i].kind == ValueKind::number) out_ << pad_left(texts[i], widths_[i]);
      else out_ << pad_right(texts[i], last(i) ? 0 : widths_[i]);
    }
    out_ << '\n';
  }

  bool last(std::size_t i) const { return i + 1 == columns_.size(); }

  std::ostream& out_;
  std::vector<Column> columns_;
  std::vector<std::size_t> widths_;
  std::vector<std::vector<std::string>> rows_;
};

// The first column of each row, bare, as soon as it arrives.
class BareSink : public RowSink {
 public:
  explicit BareSink(std::ostream& out) : out_(out) {}
  void begin(const std::vector<Column>& columns) override {
    kind_ = columns.empty() ? ValueKind::text : columns[0].kind;
  }
  void row(const Row& cells) override {
    if (!cells.empty() && cells[0]) out_ << display_text(*cells[0], kind_);
    out_ << '\n';
  }
  void end() override { out_.flush(); }

 private:
  std::ostream& out_;
  ValueKind kind_ = ValueKind::text;
};

}  // namespace

std::unique_ptr<RowSink> make_table_sink(std::ostream& out, Shape shape) {
  if (shape == Shape::table) return std::make_unique<GridSink>(out);
  return std::make_unique<BareSink>(out);
}

}  // namespace hexctl
