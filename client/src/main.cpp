// hexctl: drives hexdb from the command line. Exit status (SPEC.md): 0 done, 1 refused by the
// database, 2 bad usage, 3 cannot connect.
#include <libpq-fe.h>

#include <iostream>

#include "commands.hpp"
#include "core/man_page.hpp"
#include "errors.hpp"
#include "version.hpp"

namespace hexctl {

namespace {

// The command groups, in the order "hexctl --help" lists them.
constexpr void (*kCommandGroups[])(cli::Command, Context&) = {
    add_user_commands,  add_score_commands, add_friend_commands, add_leaderboard_commands,
    add_visit_commands, add_uuid_command,   add_import_command,  add_check_command,
    add_admin_commands,
};

constexpr const char* kDescription = "hexctl: users, friends, scores and leaderboards of a hexdb database";
constexpr const char* kFooter =
    "Global options, before or after the command: -d/--dbname CONNINFO_OR_URL,\n"
    "--format table|json|csv. USER is a user's UUID or email.\n"
    "Exit status: 0 done, 1 refused by the database, 2 bad usage, 3 cannot connect.";

void add_global_options(cli::Command root, Context& ctx) {
  root.text("-d,--dbname", ctx.dbname,
            "conninfo or URL (postgresql://user@host:port/db); default: $DATABASE_URL, "
            "else libpq's PGHOST, PGPORT, PGDATABASE, ...");
  root.choice("--format", ctx.format_name, {"table", "json", "csv"}, "output: table (default), json or csv");
}

int refused(Context& ctx, const RefusedError& e) {
  std::cerr << "hexctl: " << ctx.label_users(e.what());
  if (!e.sqlstate.empty()) std::cerr << " (SQLSTATE " << e.sqlstate << ")";
  std::cerr << '\n';
  if (!e.detail.empty()) std::cerr << "DETAIL: " << ctx.label_users(e.detail) << '\n';
  if (!e.hint.empty()) std::cerr << "HINT: " << e.hint << '\n';
  // Where in the input a COPY failed; other contexts are the server's call stack.
  if (e.context.rfind("COPY", 0) == 0) std::cerr << "CONTEXT: " << e.context << '\n';
  if (e.sqlstate == "3F000" || e.sqlstate == "42883")
    std::cerr << "HINT: is the hexdb extension installed in this database? (CREATE EXTENSION hexdb)\n";
  if (e.sqlstate == "42P01")
    std::cerr << "HINT: are hexdb's tables set up in this database? (SELECT hexdb.setup())\n";
  return kRefused;
}

int run(int argc, char** argv) {
  Context ctx;
  cli::Parser parser(kDescription, kFooter, "hexctl " HEXCTL_VERSION " (libpq " + std::to_string(PQlibVersion()) + ")");
  add_global_options(parser.root(), ctx);
  for (auto add_group : kCommandGroups) add_group(parser.root(), ctx);
  // "hexctl --man" (not in --help): the manual page, built from every command's --help text.
  if (argc == 2 && std::string(argv[1]) == "--man") {
    std::vector<ManSection> sections;
    for (const auto& page : parser.help_pages()) sections.push_back({page.command, page.text});
    std::cout << man_page(sections, HEXCTL_VERSION);
    return kDone;
  }
  try {
    int status = parser.run(argc, argv);
    return status != kDone ? status : ctx.exit_status;
  } catch (const RefusedError& e) {
    return refused(ctx, e);
  } catch (const ConnectError& e) {
    std::cerr << "hexctl: " << e.what() << '\n';
    return kCannotConnect;
  }
}

}  // namespace

}  // namespace hexctl

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  try {
    return hexctl::run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "hexctl: " << e.what() << '\n';
    return hexctl::kRefused;
  }
}
