#include "command_registry.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace hexctl {

namespace {
// A function-local static: registrations run during static initialisation, in any order.
std::vector<std::pair<int, CommandSetup>>& registry() {
  static std::vector<std::pair<int, CommandSetup>> commands;
  return commands;
}
}  // namespace

CommandRegistration::CommandRegistration(int order, CommandSetup setup) {
  registry().emplace_back(order, setup);
}

void add_registered_commands(CLI::App& app, Context& ctx) {
  auto commands = registry();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [order, setup] : commands) setup(app, ctx);
}

}  // namespace hexctl
