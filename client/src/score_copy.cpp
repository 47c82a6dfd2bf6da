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

constexpr std::size_t kBlock = 1 << 20;

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

void put(Connection& conn, const char* data, std::size_t size) {
  if (size && PQputCopyData(conn.raw(), data, static_cast<int>(size)) != 1) conn.check(nullptr);
}

// Sends the rest of the file after the first block; aborts the COPY if the file cannot be read.
std::uint64_t send_rest(Connection& conn, InputFile& in, std::vector<char>& buf, std::uint64_t sent) {
  ProgressBar bar(in.size());
  try {
    for (std::size_t n; (n = in.read(buf.data(), buf.size())) > 0;) {
      put(conn, buf.data(), n);
      bar.update(sent += n);
    }
  } catch (const std::runtime_error& e) {
    PQputCopyEnd(conn.raw(), e.what());
    conn.check(ResultPtr(PQgetResult(conn.raw())));
    throw;
  }
  return sent;
}

}  // namespace

std::string copy_score_file(Connection& conn, InputFile& in, const std::string& input_format) {
  std::vector<char> buf(kBlock);
  std::size_t n = in.read(buf.data(), buf.size());
  if (n == 0) return "0";
  LoadLayout layout = layout_of(std::string_view(buf.data(), n), input_format);
  conn.exec(copy_statement(layout).c_str());
  std::size_t skip = 0;
  if (layout.header) {
    auto newline = std::string_view(buf.data(), n).find('\n');
    skip = newline == std::string_view::npos ? n : newline + 1;
  }
  put(conn, buf.data() + skip, n - skip);
  send_rest(conn, in, buf, n);
  if (PQputCopyEnd(conn.raw(), nullptr) != 1) conn.check(nullptr);
  ResultPtr r = conn.check(ResultPtr(PQgetResult(conn.raw())));
  while (ResultPtr extra{PQgetResult(conn.raw())}) conn.check(std::move(extra));
  return PQcmdTuples(r.get());
}

}  // namespace hexctl
