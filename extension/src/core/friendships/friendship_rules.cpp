#include "core/friendships/friendship_rules.hpp"

namespace hexdb::friendship {

namespace {

bool same_ids(const Row& a, const Row& b) {
  return a.requester == b.requester && a.receiver == b.receiver;
}
bool swapped_ids(const Row& a, const Row& b) {
  return a.requester == b.receiver && a.receiver == b.requester;
}

// The edges of the state machine; staying in place is always allowed.
bool edge(Status from, Status to) {
  if (from == to) return true;
  switch (from) {
    case Status::pending:
      return to == Status::accepted || to == Status::rejected || to == Status::blocked;
    case Status::rejected: return to == Status::pending || to == Status::blocked;
    case Status::accepted: return to == Status::blocked;
    case Status::blocked: return false;
  }
  return false;
}

std::string pair_text(const Row& r) {
  return "between users " + id_text(r.requester) + " and " + id_text(r.receiver);
}

}  // namespace

std::string id_text(const UserId& id) {
  static const char hex[] = "0123456789abcdef";
  std::string s;
  s.reserve(36);
  for (size_t i = 0; i < id.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += hex[id[i] >> 4];
    s += hex[id[i] & 0x0f];
  }
  return s;
}

const char* name(Status s) {
  switch (s) {
    case Status::pending: return "pending";
    case Status::accepted: return "accepted";
    case Status::rejected: return "rejected";
    case Status::blocked: return "blocked";
  }
  return "?";
}

std::optional<Status> parse_status(std::string_view s) {
  for (Status st : {Status::pending, Status::accepted, Status::rejected, Status::blocked})
    if (s == name(st)) return st;
  return std::nullopt;
}

void refuse_missing_user(const UserId& id) {
  throw SqlError("23503", Rule{"user_unknown", "users"}, "user " + id_text(id) + " does not exist");
}

Status status_or_refuse(std::string_view s) {
  if (auto st = parse_status(s)) return *st;
  throw SqlError("23514", Rule{"friendship_status", "friendships"}, "friendship status \"" + std::string(s) + "\" is not one of pending, accepted, rejected, blocked");
}

void check_new(const Row& row) {
  if (row.requester == row.receiver)
    throw SqlError("23514", Rule{"friendship_self", "friendships"}, "user " + id_text(row.requester) + " cannot be their own friend",
                   "A friendship's requester and receiver must be two different users.");
}

void check_change(const Row& before, const Row& after) {
  check_new(after);
  if (!same_ids(before, after)) {
    if (!swapped_ids(before, after) || after.status != Status::blocked)
      throw SqlError("23514", Rule{"friendship_transition", "friendships"},
                     "the users of a friendship never change (friendship " + pair_text(before) + ")",
                     "Only a block may swap requester and receiver: the blocker becomes the requester.");
    if (before.status == Status::blocked)
      throw SqlError("23514", Rule{"friendship_transition", "friendships"},
                     "user " + id_text(before.receiver) + " cannot take over the block that user " +
                         id_text(before.requester) + " placed on them",
                     "A block is lifted only by its blocker, with remove_friendship.");
  }
  if (!edge(before.status, after.status))
    throw SqlError("23514", Rule{"friendship_transition", "friendships"},
                   std::string("friendship ") + pair_text(before) + " cannot go from " +
                       name(before.status) + " to " + name(after.status),
                   "Allowed: pending to accepted, rejected or blocked; rejected to pending or "
                   "blocked; accepted to blocked. Unfriend or unblock by deleting the row.");
}

Step on_request(const std::optional<Row>& current, const UserId& requester, const UserId& receiver) {
  Row asked{requester, receiver, Status::pending};
  if (!current) return {Write::insert, asked};
  const Row& row = *current;
  bool mine = row.requester == requester;
  switch (row.status) {
    case Status::pending:
      if (mine) return {Write::none, row};
      return {Write::update, Row{row.requester, row.receiver, Status::accepted}};
    case Status::accepted: return {Write::none, row};
    case Status::rejected:
      // Asked again by the same requester: the row goes back to pending. The one who rejected
      // now asking is a new request the other way round: a new row, since ids never swap.
      if (mine) return {Write::update, asked};
      return {Write::replace, asked};
    case Status::blocked:
      if (mine)
        throw SqlError("23514", Rule{"friendship_block_stands", "friendships"},
                       "user " + id_text(requester) + " has blocked user " + id_text(receiver) +
                           " and cannot ask them while the block stands",
                       "", "Remove the block first with remove_friendship.");
      throw SqlError("42501", Rule{"friendship_blocked", "friendships"}, "user " + id_text(receiver) + " has blocked user " + id_text(requester));
  }
  return {Write::none, row};
}

Step on_response(const std::optional<Row>& current, const UserId& receiver, const UserId& requester,
                 bool accept) {
  Status answer = accept ? Status::accepted : Status::rejected;
  std::string request = "friendship request from user " + id_text(requester) + " to user " + id_text(receiver);
  if (!current) throw SqlError("P0002", Rule{"friendship_no_request", "friendships"}, "there is no " + request);
  const Row& row = *current;
  bool theirs = row.requester == requester && row.receiver == receiver;
  if (row.status == Status::pending) {
    if (!theirs)
      throw SqlError("42501", Rule{"friendship_not_yours", "friendships"}, "user " + id_text(receiver) + " cannot answer their own friendship request to user " +
                                  id_text(requester),
                     "Only the receiver of a pending request answers it.");
    return {Write::update, Row{requester, receiver, answer}};
  }
  if (theirs && row.status == answer) return {Write::none, row};  // the same answer, repeated
  throw SqlError("P0002", Rule{"friendship_no_request", "friendships"}, "there is no pending " + request,
                 std::string("The pair's friendship is ") + name(row.status) + ".");
}

Step on_block(const std::optional<Row>& current, const UserId& blocker, const UserId& blocked) {
  Row block{blocker, blocked, Status::blocked};
  if (!current) return {Write::insert, block};
  const Row& row = *current;
  if (row.status == Status::blocked) {
    if (row.requester == blocker) return {Write::none, row};
    throw SqlError("42501", Rule{"friendship_blocked", "friendships"}, "user " + id_text(blocked) + " has already blocked user " + id_text(blocker),
                   "A block is lifted only by its blocker.");
  }
  return {Write::update, block};
}

Step on_remove(const std::optional<Row>& current, const UserId& by, const UserId& other) {
  if (!current) return {Write::none, Row{by, other, Status::pending}};
  const Row& row = *current;
  if (row.status == Status::blocked && row.requester == other)
    throw SqlError("42501", Rule{"friendship_blocked", "friendships"}, "user " + id_text(by) + " cannot remove the block that user " + id_text(other) +
                                " placed on them",
                   "A block is lifted only by its blocker.");
  return {Write::remove, row};
}

}  // namespace hexdb::friendship
