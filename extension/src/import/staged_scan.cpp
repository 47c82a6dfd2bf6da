// The import steps' shared reads and writes (import/staged_scan.hpp).
extern "C" {
#include "postgres.h"
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"
}

#include <memory>

#include "import/staged_scan.hpp"
#include "pg/spi_arrays.hpp"

namespace hexdb::import {

namespace {
SPIPlanPtr users_plan, ranked_plan, orphan_plan;
}

const char* quoted(const Cell& cell) {
  return cell ? quote_literal_cstr(pnstrdup(cell->data(), cell->size())) : "NULL";
}

UsersByLegacyId users_by_legacy_id() {
  auto rows = spi::read_rows<std::pair<int32_t, uuid::Bytes>>(
      &users_plan, "SELECT u.legacy_id, u.user_id FROM hexdb.users u WHERE u.legacy_id IS NOT NULL", kFetch,
      [](uint64 i, std::pair<int32_t, uuid::Bytes>& r) {
        r.first = spi::get_int32(i, 1);
        spi::get_uuid(i, 2, &r.second);
      });
  return UsersByLegacyId(std::move(rows));
}

RankedUsersByLegacyId ranked_users_by_legacy_id(uint32_t* count) {
  // Read in the primary key's order (uuid's comparison: the bytes', as uuid::less): a row's
  // position is its user's rank.
  auto rows = spi::read_rows<std::pair<int32_t, RankedUser>>(
      &ranked_plan,
      "SELECT u.legacy_id, u.user_id FROM hexdb.users u WHERE u.legacy_id IS NOT NULL "
      "ORDER BY u.user_id USING OPERATOR(pg_catalog.<)",
      kFetch, [](uint64 i, std::pair<int32_t, RankedUser>& r) {
        r.first = spi::get_int32(i, 1);
        spi::get_uuid(i, 2, &r.second.id);
      });
  for (size_t i = 0; i < rows.size(); ++i) rows[i].second.rank = static_cast<uint32_t>(i);
  *count = static_cast<uint32_t>(rows.size());
  return RankedUsersByLegacyId(std::move(rows));
}

std::string orphan_reason(const char* column, int32_t user_id) {
  const char* text = pg::call([&] {
    static const Oid types[2] = {TEXTOID, INT4OID};
    SPIPlanPtr plan = spi::prepared(&orphan_plan, "SELECT hexdb.import_orphan_reason($1, $2)", 2, types);
    Datum v[2] = {CStringGetTextDatum(column), Int32GetDatum(user_id)};
    spi::execute(plan, v, false);
    std::optional<std::string_view> t = spi::get_text(0, 1);
    return t ? pnstrdup(t->data(), t->size()) : "";
  });
  return text;
}

void write_rejects(SPIPlanPtr* plan, const char* sql, const Rejects& r) {
  int n = static_cast<int>(r.sid.size());
  if (n == 0) return;
  std::vector<const char*> reasons(n);
  std::unique_ptr<bool[]> nulls(new bool[n]);
  for (int i = 0; i < n; ++i) reasons[i] = r.reason[i].c_str(), nulls[i] = r.id_null[i];
  pg::call([&] {
    static const Oid types[3] = {TIDARRAYOID, INT4ARRAYOID, TEXTARRAYOID};
    Datum a[3] = {spi::tid_array(r.sid.data(), n), spi::int4_array(r.id.data(), nulls.get(), n),
                  spi::text_array(reasons.data(), n)};
    spi::execute(spi::prepared(plan, sql, 3, types), a, false);
  });
}

Datum counts(FunctionCallInfo fcinfo, std::initializer_list<std::optional<int64>> values) {
  TupleDesc desc;
  if (get_call_result_type(fcinfo, nullptr, &desc) != TYPEFUNC_COMPOSITE || desc->natts != static_cast<int>(values.size()) ||
      values.size() > 8)
    elog(ERROR, "hexdb: an import step needs a record of %d bigints", static_cast<int>(values.size()));
  desc = BlessTupleDesc(desc);
  Datum v[8];
  bool nulls[8] = {};
  int i = 0;
  for (const std::optional<int64>& x : values) {
    nulls[i] = !x;
    v[i++] = Int64GetDatum(x.value_or(0));
  }
  return HeapTupleGetDatum(heap_form_tuple(desc, v, nulls));
}

}  // namespace hexdb::import
