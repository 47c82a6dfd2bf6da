#include "pg/spi.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/uuid.h"
}

#include <cstring>

#include "pg/args.hpp"
#include "pg/datum.hpp"

namespace hexdb::spi {

void connect() {
  int rc = SPI_connect();
  if (rc != SPI_OK_CONNECT) elog(ERROR, "hexdb: SPI_connect failed: %s", SPI_result_code_string(rc));
}

void finish() {
  int rc = SPI_finish();
  if (rc != SPI_OK_FINISH) elog(ERROR, "hexdb: SPI_finish failed: %s", SPI_result_code_string(rc));
}

SPIPlanPtr prepared(SPIPlanPtr* slot, const char* sql, int nargs, const Oid* types, int cursor_options) {
  if (*slot == nullptr) {
    SPIPlanPtr plan = SPI_prepare_cursor(sql, nargs, const_cast<Oid*>(types), cursor_options);
    if (plan == nullptr)
      elog(ERROR, "hexdb: SPI_prepare failed (%s) for: %s", SPI_result_code_string(SPI_result), sql);
    int rc = SPI_keepplan(plan);
    if (rc != 0) elog(ERROR, "hexdb: SPI_keepplan failed: %s", SPI_result_code_string(rc));
    *slot = plan;
  }
  return *slot;
}

uint64 execute(SPIPlanPtr plan, const Datum* values, bool read_only, long count, const char* nulls) {
  int rc = SPI_execute_plan(plan, const_cast<Datum*>(values), nulls, read_only, count);
  if (rc < 0) elog(ERROR, "hexdb: SPI_execute_plan failed: %s", SPI_result_code_string(rc));
  return SPI_processed;
}

uint64 execute_text(const char* sql, bool read_only) {
  int rc = SPI_execute(sql, read_only, 0);
  if (rc < 0) elog(ERROR, "hexdb: SPI_execute failed (%s) for: %s", SPI_result_code_string(rc), sql);
  return SPI_processed;
}

Datum get_datum(uint64 i, int j, bool* isnull) {
  return SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, j, isnull);
}

int64_t get_int64(uint64 i, int j, bool* isnull) {
  bool null = false;
  Datum d = get_datum(i, j, &null);
  if (isnull) *isnull = null;
  return null ? 0 : DatumGetInt64(d);
}

int32_t get_int32(uint64 i, int j) {
  bool null = false;
  Datum d = get_datum(i, j, &null);
  return null ? 0 : DatumGetInt32(d);
}

int16_t get_int16(uint64 i, int j) {
  bool null = false;
  Datum d = get_datum(i, j, &null);
  return null ? 0 : DatumGetInt16(d);
}

bool get_bool(uint64 i, int j) {
  bool null = false;
  Datum d = get_datum(i, j, &null);
  return !null && DatumGetBool(d);
}

namespace {

void require_type(int j, Oid want, Oid also = InvalidOid) {
  TupleDesc desc = SPI_tuptable->tupdesc;
  Oid type = SPI_gettypeid(desc, j);
  if (type == want || (also != InvalidOid && type == also)) return;
  Oid base = getBaseType(type);  // a domain over the type reads as the type
  if (base == want || (also != InvalidOid && base == also)) return;
  ereport(ERROR, (errcode(ERRCODE_DATATYPE_MISMATCH),
                  errmsg("hexdb reads column \"%s\" as %s, but it has type %s", SPI_fname(desc, j),
                         format_type_be(want), format_type_be(type)),
                  errhint("The column's type was changed: change it back."), pg::rule("column_type"),
                  err_generic_string(PG_DIAG_COLUMN_NAME, SPI_fname(desc, j))));
}

}  // namespace

void get_uuid(uint64 i, int j, uuid::Bytes* out) {
  require_type(j, UUIDOID);
  bool null = false;
  Datum d = get_datum(i, j, &null);
  if (!null) std::memcpy(out->data(), DatumGetUUIDP(d)->data, UUID_LEN);
}

Datum get_text_datum(uint64 i, int j, bool* isnull) {
  require_type(j, TEXTOID, VARCHAROID);
  return get_datum(i, j, isnull);
}

std::optional<std::string_view> get_text(uint64 i, int j) {
  bool null = false;
  Datum d = get_text_datum(i, j, &null);
  if (null) return std::nullopt;
  return pg::text_view(d);
}

}  // namespace hexdb::spi
