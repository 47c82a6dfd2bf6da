// A version 7 UUID for now, from the backend's monotonic clock: what hexdb.uuid_generate_v7()
// returns, for a bulk writer that gives many rows their ids (uuid/uuid_functions.cpp).
#pragma once

#include "core/uuid/uuid_layout.hpp"

namespace hexdb::uuid {
Bytes generate_v7();  // May throw SqlError when the random source fails.
}
