// One table of a `mysqldump --tab` export into its staging table, for `hexctl import`:
// TABLE.sql gives the column order, TABLE.txt is rewritten row by row into COPY text
// (core/legacy_dump) and sent in blocks, so the client holds one block, never the file.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "connection.hpp"

namespace hexctl {

struct DumpTable {
  std::string table;                 // a legacy table name (legacy_dump::legacy_tables())
  std::string txt_path;
  std::vector<std::string> columns;  // in the order of TABLE.txt's fields
};

// DIR/TABLE.sql parsed and checked against hexdb.staging_TABLE, DIR/TABLE.txt openable.
// Throws legacy_dump::DumpError naming the file (and line) when either is missing or wrong.
DumpTable read_dump_table(const std::string& dir, const std::string& table);

// COPY hexdb.staging_TABLE (columns) FROM STDIN, fed from TABLE.txt; returns the rows sent.
// A malformed row aborts the COPY and throws legacy_dump::DumpError (file:line: reason).
std::uint64_t copy_dump_table(Connection& conn, const DumpTable& t);

}  // namespace hexctl
