// A legacy table's ids in hexdb (scores, friendships): the legacy ids hexdb already has, and the
// ids new rows take: each its legacy id, unless a row of hexdb's own has that id; it then takes
// the next of the table's sequence, moved past the legacy ids first (as import_legacy's INSERT
// did). SPI connected. May throw.
#pragma once

extern "C" {
#include "postgres.h"
#include "executor/spi.h"
}

#include <cstdint>
#include <vector>

namespace hexdb::import {

// One table's statements, each constant text, and their kept plans.
struct LegacyIds {
  const char* present;  // its legacy ids: SELECT t.legacy_id FROM ... WHERE t.legacy_id IS NOT NULL
  const char* advance;  // SELECT hexdb.import_advance_sequence('<sequence>'::regclass, $1)
  const char* max_id;   // SELECT max(t.id) FROM ...
  const char* taken;    // SELECT t.id FROM ... WHERE t.id = ANY ($1)
  const char* nextval;  // SELECT nextval('<sequence>'::regclass) FROM generate_series(1, $1)
  SPIPlanPtr plans[5] = {};
};

// The legacy ids hexdb has, sorted.
std::vector<int32_t> present_ids(LegacyIds& t);

// The ids of new rows with these (distinct) legacy ids, in their order.
std::vector<int64_t> assign_ids(LegacyIds& t, const std::vector<int32_t>& legacy);

// Each row's id (int64) from its legacy_id (int32) by assign_ids.
template <typename Row>
void set_ids(LegacyIds& t, std::vector<Row>& rows) {
  std::vector<int32_t> legacy(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) legacy[i] = rows[i].legacy_id;
  std::vector<int64_t> ids = assign_ids(t, legacy);
  for (size_t i = 0; i < rows.size(); ++i) rows[i].id = ids[i];
}

}  // namespace hexdb::import
