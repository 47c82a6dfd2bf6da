#include "core/mysql_url.hpp"

#include <stdexcept>

namespace hexctl {

namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

[[noreturn]] void bad(const std::string& why) {
  throw std::invalid_argument(why + " (expected mysql://USER@HOST[:PORT]/DB)");
}

unsigned parse_port(const std::string& text) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string::npos) bad("bad port \"" + text + "\"");
  unsigned port = static_cast<unsigned>(std::stoul(text));
  if (port == 0 || port > 65535) bad("port " + text + " is outside 1-65535");
  return port;
}

}  // namespace

std::optional<MysqlUrl> parse_mysql_url(const std::string& text) {
  std::string rest;
  if (starts_with(text, "mysql://")) rest = text.substr(8);
  else if (starts_with(text, "mariadb://")) rest = text.substr(10);
  else return std::nullopt;
  MysqlUrl url;
  size_t at = rest.rfind('@', rest.find('/'));
  if (at == std::string::npos || at == 0) bad("no user");
  url.user = rest.substr(0, at);
  if (url.user.find(':') != std::string::npos)
    bad("a password in the URL would be visible to every local user: give it in MYSQL_PWD, at the prompt or with --password-stdin");
  rest = rest.substr(at + 1);
  size_t slash = rest.find('/');
  if (slash == std::string::npos || slash + 1 == rest.size()) bad("no database");
  url.database = rest.substr(slash + 1);
  if (url.database.find_first_of("/?#") != std::string::npos) bad("options after the database are not supported");
  std::string host = rest.substr(0, slash);
  size_t colon = host.rfind(':');
  if (colon != std::string::npos && host.find(']') == std::string::npos) {
    url.port = parse_port(host.substr(colon + 1));
    host = host.substr(0, colon);
  }
  if (host.empty()) bad("no host");
  url.host = host;
  return url;
}

std::string describe(const MysqlUrl& url) {
  return "mysql://" + url.user + "@" + url.host + ":" + std::to_string(url.port) + "/" + url.database;
}

}  // namespace hexctl
