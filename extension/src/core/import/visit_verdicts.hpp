// Which verdict import_legacy() gives each staged game visit, in the order its rules apply: an
// id that is no INT, a second row of an id, then the user, the day and the count, then a second
// row for the same user and day (ranked among all the staged rows by id, then position), then
// a day hexdb already counts (the same count: already present; another: quarantined, hexdb's
// kept). Pure C++: import/import_visits.cpp parses the cells and writes the results.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/import/repeated_rows.hpp"

namespace hexdb::legacy {

enum class VisitVerdict : uint8_t {
  kNew,           // imported now
  kPresent,       // hexdb counts the same visits that day
  kBadId,         // id is no INT
  kDuplicate,     // a second row of an id
  kBadUser,       // user_id is no INT
  kOrphan,        // no hexdb user has that legacy id
  kBadDate,       // visit_date is no DATE
  kBadCount,      // visit_count is no INT, or below 1
  kSecondForDay,  // an earlier row (by id, then position) has the same user and day
  kConflict,      // hexdb counts other visits that day
};

// A staged row's cells as parsed, and what the look-ups found.
struct StagedVisit {
  std::optional<int32_t> id, user_id, day, count;  // day: days since 2000-01-01
  bool user_found = false;
  bool duplicate = false;       // another row has the same id at an earlier position
  bool second_for_day = false;  // see VisitVerdict::kSecondForDay
  std::optional<int32_t> hexdb_count;  // hexdb's count for that user and day, if it has one
};

VisitVerdict visit_verdict(const StagedVisit& v);

}  // namespace hexdb::legacy
