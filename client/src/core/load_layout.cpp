#include "core/load_layout.hpp"

#include <algorithm>
#include <cctype>

namespace hexctl {

namespace {

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.remove_suffix(1);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<LoadLayout> detect_layout(std::string_view first_line,
                                        std::optional<FileFormat> forced) {
  if (!first_line.empty() && first_line.back() == '\n') first_line.remove_suffix(1);
  LoadLayout layout;
  if (forced) layout.format = *forced;
  else layout.format = first_line.find('\t') != std::string_view::npos ? FileFormat::tsv : FileFormat::csv;
  char delimiter = layout.format == FileFormat::tsv ? '\t' : ',';
  layout.fields = 1 + static_cast<int>(std::count(first_line.begin(), first_line.end(), delimiter));
  if (layout.fields != 2 && layout.fields != 3) return std::nullopt;
  layout.header = lower_trimmed(first_line.substr(0, first_line.find(delimiter))) == "user_id";
  return layout;
}

std::string copy_statement(const LoadLayout& layout) {
  std::string sql = layout.fields == 2 ? "COPY hexdb.scores (user_id, score) FROM STDIN"
                                       : "COPY hexdb.scores (user_id, score, created_at) FROM STDIN";
  return sql + (layout.format == FileFormat::csv ? " (FORMAT csv)" : " (FORMAT text)");
}

}  // namespace hexctl
