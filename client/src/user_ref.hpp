// USER arguments: a UUID is taken as it is; an email is looked up (case-insensitively).
#pragma once
#include <string>

#include "context.hpp"

namespace hexctl {

// A CLI check: "" when arg can name a user, the reason otherwise.
std::string user_ref_problem(const std::string& arg);

// The user_id arg names, remembered in ctx so that an error can show what was typed beside
// it. Throws RefusedError when no user has that email.
std::string resolve_user(Context& ctx, const std::string& arg);

}  // namespace hexctl
