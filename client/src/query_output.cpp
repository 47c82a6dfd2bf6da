#include "query_output.hpp"

#include "core/pg_types.hpp"

namespace hexctl {

std::vector<Column> columns_of(const PGresult* r) {
  std::vector<Column> columns;
  for (int c = 0; c < PQnfields(r); ++c)
    columns.push_back({PQfname(r, c), kind_of_type_oid(PQftype(r, c))});
  return columns;
}

Row row_of(const PGresult* r, int row) {
  Row cells;
  for (int c = 0; c < PQnfields(r); ++c) {
    if (PQgetisnull(r, row, c)) cells.emplace_back(std::nullopt);
    else cells.emplace_back(std::string(PQgetvalue(r, row, c), PQgetlength(r, row, c)));
  }
  return cells;
}

void print_rows(const PGresult* r, RowSink& sink) {
  for (int i = 0; i < PQntuples(r); ++i) sink.row(row_of(r, i));
}

void print_result(const PGresult* r, RowSink& sink) {
  sink.begin(columns_of(r));
  print_rows(r, sink);
  sink.end();
}

void stream_query(Connection& conn, const char* sql, const std::vector<Param>& params, RowSink& sink) {
  conn.send_single_row(sql, params);
  bool begun = false;
  while (ResultPtr r = conn.next_row()) {
    if (!begun) sink.begin(columns_of(r.get()));
    begun = true;
    print_rows(r.get(), sink);
  }
  sink.end();
}

}  // namespace hexctl
