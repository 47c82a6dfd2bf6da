// A legacy table's ids in hexdb (import/legacy_ids.hpp).
extern "C" {
#include "postgres.h"
#include "catalog/pg_type.h"
}

#include <algorithm>

#include "import/legacy_ids.hpp"
#include "import/staged_scan.hpp"
#include "pg/spi_arrays.hpp"

namespace hexdb::import {

std::vector<int32_t> present_ids(LegacyIds& t) {
  std::vector<int32_t> ids = spi::read_rows<int32_t>(&t.plans[0], t.present, kFetch,
                                                     [](uint64 i, int32_t& id) { id = spi::get_int32(i, 1); });
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<int64_t> assign_ids(LegacyIds& t, const std::vector<int32_t>& legacy) {
  std::vector<int64_t> ids(legacy.begin(), legacy.end());
  if (ids.empty()) return ids;
  auto [lo, hi] = std::minmax_element(ids.begin(), ids.end());
  int64_t low = *lo, high = *hi;
  bool null;
  int64 max_id = pg::call([&] {
    static const Oid types[1] = {INT8OID};
    Datum v[1] = {Int64GetDatum(high)};
    spi::execute(spi::prepared(&t.plans[1], t.advance, 1, types), v, false);
    spi::execute(spi::prepared(&t.plans[2], t.max_id, 0, nullptr), nullptr, false);
    return spi::get_int64(0, 1, &null);
  });
  if (null || max_id < low) return ids;  // no id of hexdb's own among the legacy ones
  uint64 n = pg::call([&] {
    static const Oid types[1] = {INT8ARRAYOID};
    Datum v[1] = {spi::int8_array(ids.data(), static_cast<int>(ids.size()))};
    return spi::execute(spi::prepared(&t.plans[3], t.taken, 1, types), v, false);
  });
  if (n == 0) return ids;
  std::vector<int64_t> taken(n), fresh(n);
  pg::call([&] {
    for (uint64 i = 0; i < n; ++i) taken[i] = spi::get_int64(i, 1);
    static const Oid types[1] = {INT4OID};
    Datum v[1] = {Int32GetDatum(static_cast<int32>(n))};
    spi::execute(spi::prepared(&t.plans[4], t.nextval, 1, types), v, false);
    for (uint64 i = 0; i < n; ++i) fresh[i] = spi::get_int64(i, 1);
  });
  std::sort(taken.begin(), taken.end());
  size_t next = 0;
  for (int64_t& id : ids)
    if (std::binary_search(taken.begin(), taken.end(), id)) id = fresh[next++];
  return ids;
}

}  // namespace hexdb::import
