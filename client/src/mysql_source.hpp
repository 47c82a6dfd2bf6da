// hexctl import's live source: the five legacy tables read from a running MySQL 8 or MariaDB
// server (libmariadb) and streamed into the same staging tables as a `--tab` export, in one
// consistent snapshot of the source (START TRANSACTION WITH CONSISTENT SNAPSHOT, as
// mariadb-dump --single-transaction reads).
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "connection.hpp"
#include "core/mysql_url.hpp"

struct st_mysql;

namespace hexctl {

class MysqlSource {
 public:
  // Connects (utf8mb4, loopback or TCP) and opens the snapshot. password: empty for none.
  // Throws ConnectError (exit 3) when the server cannot be reached or refuses the login.
  MysqlSource(const MysqlUrl& url, const std::string& password);

  // COPY hexdb.staging_TABLE FROM STDIN, fed row by row from `SELECT <the legacy columns> FROM
  // TABLE`; returns the rows sent. A value PostgreSQL cannot hold (a NUL byte, invalid UTF-8)
  // aborts the COPY and throws RefusedError naming the table and row, as the dump path names
  // the file and line.
  std::uint64_t copy_table(Connection& conn, const std::string& table);

 private:
  struct Close {
    void operator()(st_mysql* db) const;
  };
  [[noreturn]] void fail_connect() const;  // ConnectError: the source and what it said

  std::string label_;
  std::unique_ptr<st_mysql, Close> db_;
};

}  // namespace hexctl
