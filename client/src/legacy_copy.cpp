#include "legacy_copy.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/legacy_dump.hpp"
#include "progress_bar.hpp"

namespace hexctl {

namespace ld = hexdb::legacy_dump;

namespace {

std::string join(const std::string& dir, const std::string& name) {
  return !dir.empty() && dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::ifstream open_or_fail(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ld::DumpError(path, 0, std::string("cannot open: ") + std::strerror(errno));
  return in;
}

}  // namespace

DumpTable read_dump_table(const std::string& dir, const std::string& table) {
  const std::string sql_path = join(dir, table + ".sql");
  std::ifstream sql = open_or_fail(sql_path);
  DumpTable t{table, join(dir, table + ".txt"), ld::parse_create_table(sql, sql_path)};
  ld::check_columns(table, t.columns, sql_path);
  open_or_fail(t.txt_path);
  return t;
}

std::uint64_t copy_dump_table(Connection& conn, const DumpTable& t) {
  std::ifstream in = open_or_fail(t.txt_path);
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  // Only identifiers go into the text: the table is one of legacy_tables() and the columns
  // were checked against its staging table's.
  const std::string copy = "COPY hexdb.staging_" + t.table + " (" + ld::copy_column_list(t.columns) +
                           ") FROM STDIN";
  conn.copy_in(copy.c_str());
  ld::TxtToCopy rows(in, t.txt_path, t.columns.size());
  ProgressBar bar(size, t.table + ".txt");
  std::string block;
  block.reserve(kCopyBlock + (64 << 10));
  try {
    while (rows.next(block)) {
      if (block.size() < kCopyBlock) continue;
      conn.copy_data(block.data(), block.size());
      block.clear();
      bar.update(rows.bytes_read());
    }
    conn.copy_data(block.data(), block.size());
  } catch (const ld::DumpError& e) {
    // The server drops what it received of this COPY; the caller's transaction is aborted.
    conn.copy_abort(e.what());
    throw;
  }
  conn.copy_end();
  return rows.rows();
}

}  // namespace hexctl
