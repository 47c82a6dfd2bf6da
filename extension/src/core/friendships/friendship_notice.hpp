// The payload of pg_notify('hexdb_friendship', ...): one JSON object per changed row.
//   {"op":"insert|update|delete","id":N,"requester_id":"…","receiver_id":"…",
//    "status":"…","old_status":"…"|null}
// For delete, status is the status the row had. No PostgreSQL header.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/friendships/friendship_rules.hpp"

namespace hexdb::friendship {

// The channel the notices go to (SPEC: clients LISTEN on it).
constexpr const char* kNoticeChannel = "hexdb_friendship";

enum class Op : uint8_t { insert, update, remove };

std::string notice_json(Op op, int64_t id, const Row& row, std::optional<Status> old_status);

}  // namespace hexdb::friendship
