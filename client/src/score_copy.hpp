// A file of scores into hexdb.scores with one COPY, streamed (hexctl score load).
#pragma once
#include <string>

#include "connection.hpp"
#include "input_file.hpp"

namespace hexctl {

// input_format: auto, csv or tsv. Returns how many rows were loaded. Throws UsageError when
// the file's first line has no known layout.
std::string copy_score_file(Connection& conn, InputFile& in, const std::string& input_format);

}  // namespace hexctl
