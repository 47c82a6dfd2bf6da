// A kept plan's rows read in batches through an SPI cursor, so that a large result never sits
// in memory whole. SPI connected. May throw.
#pragma once

extern "C" {
#include "postgres.h"
#include "executor/spi.h"
}

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

}  // namespace hexdb::spi
