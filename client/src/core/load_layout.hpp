// The layout of a score file for "hexctl score load", read from its first line:
//   CSV (comma) or TSV (tab, PostgreSQL text format: \N is NULL, backslash escapes);
//   an optional header line (its first field is "user_id");
//   2 fields (user_id, score: created_at is now()) or 3 (user_id, score, created_at).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace hexctl {

enum class FileFormat { csv, tsv };

struct LoadLayout {
  FileFormat format = FileFormat::csv;
  bool header = false;
  int fields = 3;
};

// nullopt when the line has neither 2 nor 3 fields. forced overrides the delimiter guess.
std::optional<LoadLayout> detect_layout(std::string_view first_line,
                                        std::optional<FileFormat> forced = std::nullopt);

// The COPY statement for a layout: made from fixed pieces only, no value from the file.
std::string copy_statement(const LoadLayout& layout);

}  // namespace hexctl
