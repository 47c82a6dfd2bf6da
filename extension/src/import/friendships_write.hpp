// import_friendships()'s new rows written as an INSERT of them would
// (import/import_friendships_write.cpp).
#pragma once

#include <cstdint>
#include <vector>

#include "core/friendships/friendship_rules.hpp"

namespace hexdb::import {

struct NewFriendship {
  int64_t id;
  friendship::Row row;
  int64_t created_at;  // TimestampTz; updated_at too, the source's only time
  int32_t legacy_id;
};

// May throw. Writes rows (reordered), each checked by the friendship trigger's rules, as an
// INSERT by the caller would; false, nothing written, where that is not the same (the caller
// then runs it).
bool insert_friendships_direct(std::vector<NewFriendship>& rows);

}  // namespace hexdb::import
