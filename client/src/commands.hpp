// The command groups of hexctl, one commands_*.cpp each; main.cpp lists them in the order
// "hexctl --help" shows them.
#pragma once
#include "cli.hpp"
#include "context.hpp"

namespace hexctl {

void add_user_commands(cli::Command root, Context& ctx);         // commands_user.cpp
void add_score_commands(cli::Command root, Context& ctx);        // commands_score.cpp
void add_friend_commands(cli::Command root, Context& ctx);       // commands_friend.cpp
void add_leaderboard_commands(cli::Command root, Context& ctx);  // commands_leaderboard.cpp
void add_visit_commands(cli::Command root, Context& ctx);        // commands_visit.cpp
void add_uuid_command(cli::Command root, Context& ctx);          // commands_uuid.cpp
void add_import_command(cli::Command root, Context& ctx);        // commands_import.cpp
void add_check_command(cli::Command root, Context& ctx);         // commands_check.cpp
void add_admin_commands(cli::Command root, Context& ctx);        // commands_admin.cpp

}  // namespace hexctl
