#include "command_helpers.hpp"

#include "core/arguments.hpp"
#include "user_ref.hpp"

namespace hexctl {

CLI::Option* add_user_argument(CLI::App* cmd, const std::string& name, std::string& target,
                               const std::string& description) {
  return cmd->add_option(name, target, description + " (a UUID or an email)")
      ->required()
      ->check(CLI::Validator(user_ref_problem, "USER", "USER"));
}

CLI::Option* add_month_option(CLI::App* cmd, std::string& target) {
  auto month_problem = [](const std::string& s) -> std::string {
    return parse_year_month(s) ? "" : "a month is YYYY-MM (01-12), not '" + s + "'";
  };
  return cmd->add_option("--month", target, "YYYY-MM; default: the current month")
      ->check(CLI::Validator(month_problem, "YYYY-MM", "YYYY-MM"));
}

CLI::App* add_group(CLI::App& app, const std::string& name, const std::string& description) {
  CLI::App* group = app.add_subcommand(name, description);
  group->require_subcommand(1);
  return group;
}

}  // namespace hexctl
