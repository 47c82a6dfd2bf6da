#include "mysql_source.hpp"

#include <mysql.h>

#include "core/legacy_dump.hpp"
#include "errors.hpp"
#include "progress_bar.hpp"

namespace hexctl {

namespace ld = hexdb::legacy_dump;

namespace {

struct ResultFree {
  void operator()(MYSQL_RES* r) const { mysql_free_result(r); }
};

// Only identifiers from the legacy schema go into the text (legacy_tables, staging_columns).
std::string select_of(const std::string& table) {
  std::string sql = "SELECT ";
  const auto& columns = ld::staging_columns(table);
  for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", `" : "`") + columns[i] + "`";
  return sql + " FROM `" + table + "`";
}

// Ends a COPY the server must drop (the caller's transaction is aborted) and throws.
[[noreturn]] void abort_copy(Connection& conn, const std::string& message) {
  conn.copy_abort(message.c_str());
  throw RefusedError(message);
}

}  // namespace

void MysqlSource::Close::operator()(MYSQL* db) const { mysql_close(db); }

void MysqlSource::fail_connect() const { throw ConnectError(label_ + ": " + mysql_error(db_.get())); }

MysqlSource::MysqlSource(const MysqlUrl& url, const std::string& password)
    : label_(describe(url)), db_(mysql_init(nullptr)) {
  if (!db_) throw ConnectError("out of memory for a MySQL connection");
  mysql_options(db_.get(), MYSQL_SET_CHARSET_NAME, "utf8mb4");
  const char* pw = password.empty() ? nullptr : password.c_str();
  if (!mysql_real_connect(db_.get(), url.host.c_str(), url.user.c_str(), pw, url.database.c_str(), url.port, nullptr, 0))
    fail_connect();
  // DATETIMEs are read as stored whatever the zone; TIMESTAMPs, should a column be one, in UTC
  // as mariadb-dump --tab writes them. One snapshot for the five tables.
  for (const char* sql : {"SET SESSION time_zone = '+00:00'", "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                          "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY"})
    if (mysql_query(db_.get(), sql) != 0) fail_connect();
}

std::uint64_t MysqlSource::copy_table(Connection& conn, const std::string& table) {
  const std::string select = select_of(table);
  if (mysql_real_query(db_.get(), select.data(), select.size()) != 0)
    throw RefusedError(label_ + ": " + select + ": " + mysql_error(db_.get()));
  std::unique_ptr<MYSQL_RES, ResultFree> result(mysql_use_result(db_.get()));  // streamed, row by row
  if (!result) throw RefusedError(label_ + ": " + select + ": " + mysql_error(db_.get()));
  const unsigned columns = mysql_num_fields(result.get());
  const std::string copy =
      "COPY hexdb.staging_" + table + " (" + ld::copy_column_list(ld::staging_columns(table)) + ") FROM STDIN";
  conn.copy_in(copy.c_str());
  std::string block;
  block.reserve(kCopyBlock + (64 << 10));
  std::uint64_t rows = 0, sent = 0;
  ProgressBar bar(0, table);  // the size is not known ahead: the MiB sent so far
  while (MYSQL_ROW row = mysql_fetch_row(result.get())) {
    const unsigned long* lengths = mysql_fetch_lengths(result.get());
    const std::size_t start = block.size();
    ++rows;
    for (unsigned c = 0; c < columns; ++c) {
      if (c > 0) block += '\t';
      if (!ld::append_copy_value(block, row[c], lengths[c]))
        abort_copy(conn, label_ + "/" + table + ": row " + std::to_string(rows) + ": a NUL byte in column " +
                             ld::staging_columns(table)[c] + ": PostgreSQL text cannot hold it");
    }
    if (!ld::valid_utf8(block.data() + start, block.size() - start))
      abort_copy(conn, label_ + "/" + table + ": row " + std::to_string(rows) + ": invalid UTF-8");
    block += '\n';
    if (block.size() >= kCopyBlock) {
      conn.copy_data(block.data(), block.size());
      sent += block.size();
      block.clear();
      bar.update(sent);
    }
  }
  if (mysql_errno(db_.get()) != 0) abort_copy(conn, label_ + "/" + table + ": " + mysql_error(db_.get()));
  conn.copy_data(block.data(), block.size());
  conn.copy_end();
  return rows;
}

}  // namespace hexctl
