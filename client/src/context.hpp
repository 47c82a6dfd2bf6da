// What every command shares: the global options, the connection (opened on first use, so
// that "--help" never needs a server) and the output.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "connection.hpp"
#include "core/row_sink.hpp"

namespace hexctl {

struct Context {
  std::optional<std::string> dbname;  // -d/--dbname
  std::string format_name = "table";  // --format
  int exit_status = 0;                // set by a command that succeeds but must report (check)

  Connection& conn();
  Format format() const;
  std::unique_ptr<RowSink> sink(Shape shape) const;
  // Runs sql and prints its rows in the chosen format.
  void print_query(const char* sql, const std::vector<Param>& params, Shape shape = Shape::table);

 private:
  std::unique_ptr<Connection> conn_;
};

}  // namespace hexctl
