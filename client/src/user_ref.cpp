#include "user_ref.hpp"

#include "core/arguments.hpp"
#include "errors.hpp"

namespace hexctl {

std::string user_ref_problem(const std::string& arg) {
  if (classify_user_ref(arg) != UserRefKind::invalid) return "";
  return "a USER is a UUID or an email, not '" + arg + "'";
}

std::string resolve_user(Connection& conn, const std::string& arg) {
  switch (classify_user_ref(arg)) {
    case UserRefKind::uuid: return arg;
    case UserRefKind::invalid: throw UsageError(user_ref_problem(arg));
    case UserRefKind::email: break;
  }
  ResultPtr r = conn.exec("SELECT user_id FROM hexdb.users WHERE lower(email) = lower($1::text)", {arg});
  if (PQntuples(r.get()) == 0) throw RefusedError("no user has the email " + arg);
  return PQgetvalue(r.get(), 0, 0);
}

}  // namespace hexctl
