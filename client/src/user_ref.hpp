// USER arguments: a UUID is taken as it is; an email is looked up (case-insensitively).
#pragma once
#include <string>

#include "connection.hpp"

namespace hexctl {

// A CLI11 check: "" when arg can name a user, the reason otherwise.
std::string user_ref_problem(const std::string& arg);

// The user_id arg names. Throws RefusedError when no user has that email.
std::string resolve_user(Connection& conn, const std::string& arg);

}  // namespace hexctl
