// Which staged rows repeat another: a second row of an id, a second row of a group (a user's
// day, a user's month). The import's rules keep the first and quarantine the rest. Pure C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace hexdb::legacy {

// A row's id and position (its ctid, as one number in physical order).
struct IdAt {
  int32_t id;
  uint64_t position;
  size_t row;
};
// Sets later[row] for each row whose id a lower position also has (a dump's duplicate ids:
// the first row in the table keeps the id). Reorders ids.
void mark_later_duplicates(std::vector<IdAt>& ids, std::vector<bool>& later);

// A row's group, id (nullopt sorts after every id) and position.
struct GroupAt {
  uint64_t group;
  std::optional<int32_t> id;
  uint64_t position;
  size_t row;
};
// Sets later[row] for each row that is not the first of its group by (id, position): SQL's
// row_number() OVER (PARTITION BY group ORDER BY id, position) > 1. Reorders rows.
void mark_later_in_group(std::vector<GroupAt>& rows, std::vector<bool>& later);

}  // namespace hexdb::legacy
