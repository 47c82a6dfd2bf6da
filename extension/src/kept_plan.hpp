// SPI plans prepared once per backend and kept across calls (SPI_keepplan).
#pragma once

extern "C" {
#include "postgres.h"
#include "executor/spi.h"
}

namespace hexdb::spi {

// The plan in slot, preparing and keeping it on first use. May elog. Call inside SPI_connect.
// sql is a constant text with $n parameters: no value is ever spliced into it.
inline SPIPlanPtr kept_plan(SPIPlanPtr& slot, const char* sql, int nargs, Oid* types) {
  if (slot) return slot;
  SPIPlanPtr plan = SPI_prepare(sql, nargs, types);
  if (!plan) elog(ERROR, "hexdb: SPI_prepare failed (%s): %s", SPI_result_code_string(SPI_result), sql);
  if (SPI_keepplan(plan) != 0) elog(ERROR, "hexdb: SPI_keepplan failed");
  slot = plan;
  return plan;
}

// Runs a kept plan, raising on an SPI failure. May elog.
inline uint64 run(SPIPlanPtr plan, Datum* values, const char* nulls, long limit) {
  int rc = SPI_execute_plan(plan, values, nulls, false, limit);
  if (rc < 0) elog(ERROR, "hexdb: SPI_execute_plan failed: %s", SPI_result_code_string(rc));
  return SPI_processed;
}

}  // namespace hexdb::spi
