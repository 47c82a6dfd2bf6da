#include "core/friendships/friendship_notice.hpp"

namespace hexdb::friendship {

// Every value is a number, a UUID or a status name: nothing needs JSON escaping.
std::string notice_json(Op op, int64_t id, const Row& row, std::optional<Status> old_status) {
  static const char* const ops[] = {"insert", "update", "delete"};
  std::string s;
  s.reserve(192);
  s += "{\"op\":\"";
  s += ops[static_cast<int>(op)];
  s += "\",\"id\":";
  s += std::to_string(id);
  s += ",\"requester_id\":\"" + id_text(row.requester);
  s += "\",\"receiver_id\":\"" + id_text(row.receiver);
  s += "\",\"status\":\"";
  s += name(row.status);
  s += "\",\"old_status\":";
  s += old_status ? std::string("\"") + name(*old_status) + "\"" : std::string("null");
  s += "}";
  return s;
}

}  // namespace hexdb::friendship
