// One COPY ... FROM STDIN, fed in 1 MiB blocks straight from the file: the client holds one
// block at a time and the server parses the rows, as psql's \copy does, without its
// line-by-line reading.
#include "score_copy.hpp"

#include <memory>
#include <vector>

#include "core/load_layout.hpp"
#include "errors.hpp"
#include "input_file.hpp"
#include "progress_bar.hpp"

namespace hexctl {

namespace {

LoadLayout layout_of(std::string_view first_block, const std::string& input_format) {
  std::optional<FileFormat> forced;
  if (input_format == "csv") forced = FileFormat::csv;
  if (input_format == "tsv") forced = FileFormat::tsv;
  auto layout = detect_layout(first_block.substr(0, first_block.find('\n')), forced);
  if (!layout)
    throw UsageError("the first line of the file must have 2 or 3 fields: "
                     "user_id, score[, created_at]");
  return *layout;
}

// Sends the rest of the file after the first block; aborts the COPY if the file cannot be read.
std::uint64_t send_rest(Connection& conn, InputFile& in, std::vector<char>& buf, std::uint64_t sent) {
  ProgressBar bar(in.size());
  try {
    for (std::size_t n; (n = in.read(buf.data(), buf.size())) > 0;) {
      conn.copy_data(buf.data(), n);
      bar.update(sent += n);
    }
  } catch (const std::runtime_error& e) {
    conn.check(conn.copy_abort(e.what()));
    throw;
  }
  return sent;
}

}  // namespace

std::string copy_score_file(Connection& conn, InputFile& in, const std::string& input_format) {
  std::vector<char> buf(kCopyBlock);
  std::size_t n = in.read(buf.data(), buf.size());
  if (n == 0) return "0";
  LoadLayout layout = layout_of(std::string_view(buf.data(), n), input_format);
  conn.copy_in(copy_statement(layout).c_str());
  std::size_t skip = 0;
  if (layout.header) {
    auto newline = std::string_view(buf.data(), n).find('\n');
    skip = newline == std::string_view::npos ? n : newline + 1;
  }
  conn.copy_data(buf.data() + skip, n - skip);
  send_rest(conn, in, buf, n);
  ResultPtr r = conn.copy_end();
  return PQcmdTuples(r.get());
}

}  // namespace hexctl
