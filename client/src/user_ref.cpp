#include "user_ref.hpp"

#include "core/arguments.hpp"
#include "core/user_labels.hpp"
#include "errors.hpp"

namespace hexctl {

std::string user_ref_problem(const std::string& arg) {
  if (classify_user_ref(arg) != UserRefKind::invalid) return "";
  return "must be a user's UUID or email, not '" + arg + "'";
}

std::string resolve_user(Context& ctx, const std::string& arg) {
  switch (classify_user_ref(arg)) {
    case UserRefKind::uuid: {
      std::string id = canonical_uuid(arg);
      ctx.users_named.emplace(id, "");
      return id;
    }
    case UserRefKind::invalid: throw UsageError(user_ref_problem(arg));
    case UserRefKind::email: break;
  }
  ResultPtr r = ctx.conn().exec("SELECT user_id FROM hexdb.users WHERE lower(email) = lower($1::text)", {arg});
  if (PQntuples(r.get()) == 0) throw RefusedError("no user has the email " + arg);
  std::string id = PQgetvalue(r.get(), 0, 0);
  ctx.users_named[id] = arg;
  return id;
}

}  // namespace hexctl
