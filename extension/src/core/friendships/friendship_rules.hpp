// The friendship rules, all of them: what any writer may do to a row of hexdb.friendships
// (enforced by the trigger, whoever writes), and what a request, an answer, a block or a
// removal means (used by the SQL functions). No PostgreSQL header: unit-tested alone.
//
// A row is (requester, receiver, status). For status blocked the requester is the blocker.
//   pending  -> accepted | rejected | blocked
//   rejected -> pending (asked again, same requester) | blocked
//   accepted -> blocked              (never back to pending; unfriending deletes the row)
//   blocked  -> nothing              (unblocking deletes the row)
// Any status may stay as it is. The ids never change, except that the update to blocked may
// swap them (the blocker becomes the requester). A new row may carry any status (imports).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/sql_error.hpp"
#include "core/uuid/uuid_layout.hpp"

namespace hexdb::friendship {

using UserId = uuid::Bytes;

// The canonical text form, 8-4-4-4-12 lower-case hex, for messages.
std::string id_text(const UserId& id);

enum class Status : uint8_t { pending, accepted, rejected, blocked };

const char* name(Status s);
std::optional<Status> parse_status(std::string_view s);

struct Row {
  UserId requester;
  UserId receiver;
  Status status;
};

// ---- What any writer may do (the trigger). Each throws SqlError with SPEC.md's SQLSTATE.

// 23503: a user that does not exist.
[[noreturn]] void refuse_missing_user(const UserId& id);
// 23514: a status that is not one of the four.
Status status_or_refuse(std::string_view s);
// 23514: a new row whose requester is its receiver.
void check_new(const Row& row);
// 23514: an update that the state machine above forbids.
void check_change(const Row& before, const Row& after);

// ---- What the functions mean. Each looks at the pair's current row (locked by the caller,
// nullopt when there is none) and says what to write; the trigger checks that write again.

enum class Write : uint8_t {
  none,     // nothing changes; result is the current status
  insert,   // insert row
  update,   // update the current row to row
  remove,   // delete the current row
  replace,  // delete the current row, then insert row
};

struct Step {
  Write write;
  Row row;  // the pair's row after the step (for remove: the row removed)
};

// request_friendship(requester, receiver): pending; accepted when the receiver had asked
// first; pending again after a rejection. 42501 when the receiver blocked the requester.
Step on_request(const std::optional<Row>& current, const UserId& requester, const UserId& receiver);
// respond_friendship(receiver, requester, accept): only the receiver of a pending request
// answers it (42501); no such request is P0002. Repeating the same answer changes nothing.
Step on_response(const std::optional<Row>& current, const UserId& receiver, const UserId& requester,
                 bool accept);
// block_user(blocker, blocked): whatever the pair had becomes a block by blocker. 42501 when
// the other user already blocks the blocker (a block is lifted only by its own blocker).
Step on_block(const std::optional<Row>& current, const UserId& blocker, const UserId& blocked);
// remove_friendship(by, other): unfriend, cancel, or unblock; 42501 when `by` is the blocked one.
Step on_remove(const std::optional<Row>& current, const UserId& by, const UserId& other);

}  // namespace hexdb::friendship
