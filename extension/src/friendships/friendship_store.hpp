// Reading and writing rows of hexdb.friendships, for the trigger and the friendship functions:
// rows through SPI plans kept across calls, users through a direct probe of their primary key.
// Every function here may elog; none owns anything with a destructor (Row and Locked are
// trivially destructible). lock_pair, insert, update and remove run inside SPI_connect.
#pragma once

extern "C" {
#include "postgres.h"
#include "fmgr.h"
}

#include <optional>
#include <type_traits>

#include "core/friendships/friendship_rules.hpp"

namespace hexdb::friendship::store {

struct Locked {
  int64 id;
  Row row;
};
static_assert(std::is_trivially_destructible_v<std::optional<Locked>>);

// Both users exist (as the running statement sees hexdb.users), or 23503 naming the first
// that does not. Needs no SPI connection.
void require_users(const UserId& a, const UserId& b);

// The pair's row, locked FOR UPDATE; nullopt when the pair has none.
std::optional<Locked> lock_pair(const UserId& a, const UserId& b);

// Inserts row; false when another transaction's row for the pair won (ON CONFLICT DO NOTHING).
bool insert(const Row& row);
void update(int64 id, const Row& row);
void remove(int64 id);

}  // namespace hexdb::friendship::store
