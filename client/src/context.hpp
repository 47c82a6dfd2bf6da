// What every command shares: the global options, the connection (opened on first use, so
// that "--help" never needs a server) and the output.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "connection.hpp"
#include "core/row_sink.hpp"

namespace hexctl {

struct Context {
  std::optional<std::string> dbname;  // -d/--dbname
  std::optional<std::string> format_name;  // --format; table when not given
  int exit_status = 0;                // set by a command that succeeds but must report (check)
  // Users the command line named: canonical UUID -> the email typed ("" when a UUID was typed).
  std::map<std::string, std::string> users_named;

  Connection& conn();
  // Another connection to the same database, for work beside conn()'s (hexctl import).
  std::unique_ptr<Connection> open_connection() const;
  Format format() const;
  std::unique_ptr<RowSink> sink(Shape shape) const;
  // Runs sql and prints its rows in the chosen format.
  void print_query(const char* sql, const std::vector<Param>& params, Shape shape = Shape::table);
  // message with the email typed (or else the nickname) beside each UUID of a named user.
  std::string label_users(const std::string& message);

 private:
  std::unique_ptr<Connection> conn_;
};

}  // namespace hexctl
