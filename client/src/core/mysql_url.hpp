// The live source of `hexctl import`: mysql://USER@HOST[:PORT]/DB (or mariadb://), a running
// MySQL 8 or MariaDB server. No libmariadb here: parsing only, unit-tested.
#pragma once
#include <optional>
#include <string>

namespace hexctl {

struct MysqlUrl {
  std::string user, host, database;
  unsigned port = 3306;
};

// nullopt when text is not a mysql:// or mariadb:// URL (a directory, say). Throws
// std::invalid_argument, with what to write instead, for such a URL without a user, a host or
// a database, with a bad port, or with a password (argv is visible to every local user: the
// password comes from MYSQL_PWD, a prompt or --password-stdin).
std::optional<MysqlUrl> parse_mysql_url(const std::string& text);

// The URL without anything secret, for messages: mysql://USER@HOST:PORT/DB.
std::string describe(const MysqlUrl& url);

}  // namespace hexctl
