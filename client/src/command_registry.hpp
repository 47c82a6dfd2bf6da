// Commands register themselves: a file such as commands_friend.cpp defines
//   static const CommandRegistration registration{30, add_friend_commands};
// and main.cpp adds every registered command to the CLI in order. A new command (the coming
// "import") is one new file, with no list to edit.
#pragma once
#include <CLI/CLI.hpp>

#include "context.hpp"

namespace hexctl {

using CommandSetup = void (*)(CLI::App& app, Context& ctx);

struct CommandRegistration {
  CommandRegistration(int order, CommandSetup setup);
};

// Adds every registered command to app, in ascending order.
void add_registered_commands(CLI::App& app, Context& ctx);

}  // namespace hexctl
