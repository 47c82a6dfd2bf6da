#include "context.hpp"

#include <cstdlib>
#include <iostream>

#include "core/conninfo.hpp"
#include "core/user_labels.hpp"
#include "query_output.hpp"

namespace hexctl {

Connection& Context::conn() {
  if (!conn_) conn_ = open_connection();
  return *conn_;
}

std::unique_ptr<Connection> Context::open_connection() const {
  return std::make_unique<Connection>(choose_conninfo(dbname, std::getenv("DATABASE_URL")));
}

Format Context::format() const { return parse_format(format_name.value_or("table")).value_or(Format::table); }

std::unique_ptr<RowSink> Context::sink(Shape shape) const { return make_sink(format(), shape, std::cout); }

void Context::print_query(const char* sql, const std::vector<Param>& params, Shape shape) {
  ResultPtr r = conn().exec(sql, params);
  print_result(r.get(), *sink(shape));
}

std::string Context::label_users(const std::string& message) {
  std::map<std::string, std::string> labels;
  for (const auto& id : uuids_in(message)) {
    auto named = users_named.find(id);
    if (named == users_named.end()) continue;
    labels[id] = named->second;
    if (!named->second.empty() || !conn_) continue;
    // Typed as a UUID: its nickname, if the connection can still ask (not inside a failed
    // transaction); the error itself matters more than the label.
    try {
      ResultPtr r = conn_->exec("SELECT nickname FROM hexdb.users WHERE user_id = $1::uuid", {id});
      if (PQntuples(r.get()) == 1) labels[id] = PQgetvalue(r.get(), 0, 0);
    } catch (const std::exception&) {
    }
  }
  return label_uuids(message, labels);
}

}  // namespace hexctl
