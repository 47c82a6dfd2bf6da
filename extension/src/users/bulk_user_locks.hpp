// The users a bulk write references (an import's scores, friendships, months, visits), locked as
// the foreign key's check would lock each for every row: each distinct user once, in key order,
// so that two bulk writers lock in the same order (pg/referenced_row.hpp's lock_keys).
#pragma once

extern "C" {
#include "postgres.h"
}

#include <vector>

#include "core/uuid/uuid_layout.hpp"
#include "pg/referenced_row.hpp"

namespace hexdb::users {

// kLocked; kUnsure where fk's key moved since the caller examined it (nothing refused: the
// caller examines again and runs its SQL). A user that does not exist is refused with 23503
// user_unknown, naming `what` ("an imported visit"). Consumes users. May throw.
pg::Referenced lock_bulk_users(const pg::ForeignKey& fk, std::vector<uuid::Bytes> users, const char* what);

}  // namespace hexdb::users
