#include "context.hpp"

#include <cstdlib>
#include <iostream>

#include "core/conninfo.hpp"
#include "query_output.hpp"

namespace hexctl {

Connection& Context::conn() {
  if (!conn_) conn_ = std::make_unique<Connection>(choose_conninfo(dbname, std::getenv("DATABASE_URL")));
  return *conn_;
}

Format Context::format() const { return parse_format(format_name).value_or(Format::table); }

std::unique_ptr<RowSink> Context::sink(Shape shape) const { return make_sink(format(), shape, std::cout); }

void Context::print_query(const char* sql, const std::vector<Param>& params, Shape shape) {
  ResultPtr r = conn().exec(sql, params);
  print_result(r.get(), *sink(shape));
}

}  // namespace hexctl
