// Which verdict import_legacy() gives each staged friendship, in the order its rules apply: an id
// that is no INT, a second row of an id, a friendship hexdb already has (its legacy id decides,
// whatever its other cells), then the two users, the state, the time, a pair hexdb already
// has; then, among the rows that pass, one per unordered pair: the most advanced state wins,
// then the earliest row, then the lowest id. Pure C++: import/import_friendships.cpp parses the
// cells and writes the results.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/friendships/friendship_rules.hpp"
#include "core/import/repeated_rows.hpp"

namespace hexdb::legacy {

enum class FriendshipVerdict : uint8_t {
  kNew,              // imported now
  kPresent,          // already in hexdb (same legacy id)
  kBadId,            // id is no INT
  kDuplicate,        // a second row of an id
  kBadRequester,     // requester_id is no INT
  kBadReceiver,      // receiver_id is no INT
  kOrphanRequester,  // no hexdb user has requester_id as legacy id
  kOrphanReceiver,   // the same for receiver_id
  kSelf,             // requester and receiver are the same user
  kBadStatus,        // not pending, accepted, rejected or blocked
  kBadTime,          // created_at is no DATETIME
  kPairInHexdb,      // hexdb has a friendship of the same two users
  kSamePair,         // another new row of the same two users is kept instead
};

// A staged row's cells as parsed, and what the look-ups found.
struct StagedFriendship {
  std::optional<int32_t> id, requester_id, receiver_id;
  std::optional<friendship::Status> status;
  std::optional<int64_t> created_local;
  bool requester_found = false, receiver_found = false;
  bool same_user = false;      // both name the same hexdb user
  bool duplicate = false;      // another row has the same id at an earlier position
  bool present = false;        // hexdb has a friendship with this legacy id
  bool pair_in_hexdb = false;  // hexdb has a friendship of the same two users
  std::optional<int32_t> kept_instead;  // the id of the pair's row that is kept instead
};

FriendshipVerdict friendship_verdict(const StagedFriendship& f);

// A new row's unordered pair (the lower user first) and what ranks it within the pair.
struct PairAt {
  std::pair<uuid::Bytes, uuid::Bytes> pair;
  friendship::Status status;
  int64_t created_at;
  int32_t id;
  size_t row;
};
// For each row that does not win its pair (blocked before accepted before rejected before
// pending, then the earliest created_at, then the lowest id), kept[row] = the winner's id.
// Reorders rows.
void keep_one_per_pair(std::vector<PairAt>& rows, std::vector<std::optional<int32_t>>& kept);

}  // namespace hexdb::legacy
