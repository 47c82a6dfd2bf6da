#include "legacy_copy.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/legacy_dump.hpp"
#include "progress_bar.hpp"

namespace hexctl {

namespace ld = hexdb::legacy_dump;

namespace {

constexpr std::size_t kBlock = 1 << 20;

std::string join(const std::string& dir, const std::string& name) {
  return !dir.empty() && dir.back() == '/' ? dir + name : dir + "/" + name;
}

std::ifstream open_or_fail(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ld::DumpError(path, 0, std::string("cannot open: ") + std::strerror(errno));
  return in;
}

void put(Connection& conn, const std::string& block) {
  if (!block.empty() && PQputCopyData(conn.raw(), block.data(), static_cast<int>(block.size())) != 1)
    conn.check(nullptr);
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
  conn.exec(copy.c_str());
  ld::TxtToCopy rows(in, t.txt_path, t.columns.size());
  ProgressBar bar(size, t.table + ".txt");
  std::string block;
  block.reserve(kBlock + (64 << 10));
  try {
    while (rows.next(block)) {
      if (block.size() < kBlock) continue;
      put(conn, block);
      block.clear();
      bar.update(rows.bytes_read());
    }
    put(conn, block);
  } catch (const ld::DumpError& e) {
    // The server drops what it received of this COPY; the caller's transaction is aborted.
    PQputCopyEnd(conn.raw(), e.what());
    while (ResultPtr r{PQgetResult(conn.raw())}) {}
    throw;
  }
  if (PQputCopyEnd(conn.raw(), nullptr) != 1) conn.check(nullptr);
  conn.check(ResultPtr(PQgetResult(conn.raw())));
  while (ResultPtr extra{PQgetResult(conn.raw())}) conn.check(std::move(extra));
  return rows.rows();
}

}  // namespace hexctl
