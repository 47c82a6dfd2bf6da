// A kept plan's rows read in batches through an SPI cursor, so that a large result never sits
// in memory whole. SPI connected. May throw.
#pragma once

extern "C" {
#include "postgres.h"
#include "executor/spi.h"
}

#include <vector>

#include "pg/boundary.hpp"
#include "pg/spi.hpp"

namespace hexdb::spi {

// Runs the plan (prepared once into *slot) as a cursor and hands each batch of up to `fetch`
// rows (in SPI_tuptable) to each(n), which runs outside pg::call (it may throw) and reads
// SPI_tuptable through pg::call itself.
template <typename Each>
void for_each_batch(SPIPlanPtr* slot, const char* sql, int nargs, const Oid* types, const Datum* values,
                    bool read_only, long fetch, Each each) {
  Portal portal = pg::call([&] {
    SPIPlanPtr plan = prepared(slot, sql, nargs, types);
    return SPI_cursor_open(nullptr, plan, const_cast<Datum*>(values), nullptr, read_only);
  });
  for (;;) {
    uint64 n = pg::call([&] {
      SPI_cursor_fetch(portal, true, fetch);
      return SPI_processed;
    });
    if (n == 0) break;
    each(n);
    pg::call([] { SPI_freetuptable(SPI_tuptable); });
  }
  pg::call([&] { SPI_cursor_close(portal); });
}

// Every row of a parameterless plan's result, row i of each batch read by read(i, row) from
// SPI_tuptable inside pg::call (it may elog, and must not throw).
template <typename Row, typename Read>
std::vector<Row> read_rows(SPIPlanPtr* slot, const char* sql, long fetch, Read read) {
  std::vector<Row> rows;
  for_each_batch(slot, sql, 0, nullptr, nullptr, false, fetch, [&](uint64 n) {
    size_t base = rows.size();
    rows.resize(base + n);
    pg::call([&] {
      for (uint64 i = 0; i < n; ++i) read(i, rows[base + i]);
    });
  });
  return rows;
}

}  // namespace hexdb::spi
