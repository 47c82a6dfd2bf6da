#include "users/bulk_user_locks.hpp"

#include <algorithm>

#include "core/uuid/uuid_order.hpp"
#include "pg/boundary.hpp"
#include "pg/datum.hpp"
#include "users/unknown_user.hpp"

namespace hexdb::users {

pg::Referenced lock_bulk_users(const pg::ForeignKey& fk, std::vector<uuid::Bytes> users, const char* what) {
  std::sort(users.begin(), users.end(), uuid::less);
  users.erase(std::unique(users.begin(), users.end()), users.end());
  std::vector<Datum> keys(users.size());
  for (size_t i = 0; i < users.size(); ++i) keys[i] = pg::uuid_ref(users[i]);
  size_t failed = 0;
  pg::Referenced locked = pg::call([&] { return pg::lock_keys(fk, keys.data(), keys.size(), &failed); });
  if (locked == pg::Referenced::kMissing) {
    const char* text = pg::call([&] { return pg::uuid_cstring(keys[failed]); });
    refuse_unknown_user(text, what);
  }
  return locked;
}

}  // namespace hexdb::users
