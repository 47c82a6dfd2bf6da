#include "core/import/repeated_rows.hpp"

#include <algorithm>

namespace hexdb::legacy {

void mark_later_duplicates(std::vector<IdAt>& ids, std::vector<bool>& later) {
  std::sort(ids.begin(), ids.end(), [](const IdAt& a, const IdAt& b) {
    return a.id != b.id ? a.id < b.id : a.position < b.position;
  });
  for (size_t i = 1; i < ids.size(); ++i)
    if (ids[i].id == ids[i - 1].id) later[ids[i].row] = true;
}

void mark_later_in_group(std::vector<GroupAt>& rows, std::vector<bool>& later) {
  // ORDER BY id: NULL after every id, as ascending order puts it.
  std::sort(rows.begin(), rows.end(), [](const GroupAt& a, const GroupAt& b) {
    if (a.group != b.group) return a.group < b.group;
    if (a.id.has_value() != b.id.has_value()) return a.id.has_value();
    if (a.id != b.id) return *a.id < *b.id;
    return a.position < b.position;
  });
  for (size_t i = 1; i < rows.size(); ++i)
    if (rows[i].group == rows[i - 1].group) later[rows[i].row] = true;
}

}  // namespace hexdb::legacy
