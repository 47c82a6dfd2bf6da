// Results to a RowSink: a whole PGresult, or a single-row-mode stream.
#pragma once
#include <libpq-fe.h>

#include "connection.hpp"
#include "core/row_sink.hpp"

namespace hexctl {

std::vector<Column> columns_of(const PGresult* r);
Row row_of(const PGresult* r, int row);
// Rows of r, without begin() and end(): for results that arrive in pages.
void print_rows(const PGresult* r, RowSink& sink);
void print_result(const PGresult* r, RowSink& sink);
// Runs sql in single-row mode: the client holds one row at a time, however many there are.
void stream_query(Connection& conn, const char* sql, const std::vector<Param>& params, RowSink& sink);

}  // namespace hexctl
