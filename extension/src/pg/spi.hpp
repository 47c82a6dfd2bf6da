// hexdb's one way to talk SPI: a checked connection, plans prepared once and kept, statements
// run with every return code checked, and typed reads of SPI_tuptable. Every function here may
// elog; C++ callers that own objects reach them through pg::call.
#pragma once

extern "C" {
#include "postgres.h"
#include "executor/spi.h"
}

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/uuid/uuid_layout.hpp"

namespace hexdb::spi {

// SPI_connect / SPI_finish, raising on failure. May elog.
void connect();
void finish();

// The plan for sql, prepared on first use and kept for the backend's life (SPI_keepplan).
// sql is constant text with $n parameters: no value is ever spliced into it. A kept plan is
// re-planned by the plan cache when the tables it reads change. cursor_options as
// SPI_prepare_cursor's (CURSOR_OPT_CUSTOM_PLAN: planned for each call's values). May elog.
SPIPlanPtr prepared(SPIPlanPtr* slot, const char* sql, int nargs, const Oid* types, int cursor_options = 0);

// Runs plan, raising unless it succeeded; returns SPI_processed. nulls as SPI_execute_plan's
// (nullptr: none). read_only runs it in the caller's snapshot, so a STABLE function's queries
// see one consistent state. Pass no row limit to a data-changing statement: with one, the
// executor stops before ModifyTable sees the end of its input and AFTER ... FOR EACH STATEMENT
// triggers never fire. May elog.
uint64 execute(SPIPlanPtr plan, const Datum* values, bool read_only, long count = 0,
               const char* nulls = nullptr);

// Runs a constant statement without parameters (LOCK, TRUNCATE, ...), raising on failure.
// May elog.
uint64 execute_text(const char* sql, bool read_only);

// Column j (1-based) of row i of SPI_tuptable; NULL reads as 0 (or *isnull). May elog.
int64_t get_int64(uint64 i, int j, bool* isnull = nullptr);
int32_t get_int32(uint64 i, int j);
int16_t get_int16(uint64 i, int j);
bool get_bool(uint64 i, int j);
Datum get_datum(uint64 i, int j, bool* isnull);
// The reads that follow a pointer check the column's type first and refuse another with 42804:
// a table's owner may change a column's type, and a by-value column read as a pointer would
// crash the server. get_uuid leaves *out as it was for NULL; text includes varchar.
void get_uuid(uint64 i, int j, uuid::Bytes* out);
Datum get_text_datum(uint64 i, int j, bool* isnull);
std::optional<std::string_view> get_text(uint64 i, int j);

}  // namespace hexdb::spi
