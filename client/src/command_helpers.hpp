// Small pieces every command file uses to declare its arguments.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace hexctl {

// A required positional USER (UUID or email), checked before anything connects.
CLI::Option* add_user_argument(CLI::App* cmd, const std::string& name, std::string& target,
                               const std::string& description);

// --month YYYY-MM (target stays empty when not given: the current month).
CLI::Option* add_month_option(CLI::App* cmd, std::string& target);

// A group command ("user", "friend", ...) that only holds subcommands.
CLI::App* add_group(CLI::App& app, const std::string& name, const std::string& description);

}  // namespace hexctl
