// hexctl: drives hexdb from the command line. Exit status (SPEC.md): 0 done, 1 refused by the
// database, 2 bad usage, 3 cannot connect.
#include <fmt/format.h>
#include <libpq-fe.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "command_registry.hpp"
#include "errors.hpp"
#include "version.hpp"

namespace hexctl {

namespace {

void add_global_options(CLI::App& app, Context& ctx) {
  app.add_option("-d,--dbname", ctx.dbname,
                 "conninfo or URL (postgresql://user@host:port/db); default: $DATABASE_URL, "
                 "else libpq's PGHOST, PGPORT, PGDATABASE, ...");
  app.add_option("--format", ctx.format_name, "output: table (default), json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  app.set_version_flag("--version", fmt::format("hexctl {} (libpq {})", HEXCTL_VERSION, PQlibVersion()));
  app.require_subcommand(1);
  app.fallthrough();
  app.footer("Global options, before or after the command: -d/--dbname CONNINFO_OR_URL,\n"
             "--format table|json|csv. USER is a user's UUID or email.\n"
             "Exit status: 0 done, 1 refused by the database, 2 bad usage, 3 cannot connect.");
}

int usage_failure(CLI::App& app, const std::string& message) {
  std::cerr << "hexctl: " << message << "\n\n" << app.help();
  return kUsage;
}

int refused(const RefusedError& e) {
  std::cerr << "hexctl: " << e.what();
  if (!e.sqlstate.empty()) std::cerr << " (SQLSTATE " << e.sqlstate << ")";
  std::cerr << '\n';
  if (!e.detail.empty()) std::cerr << "DETAIL: " << e.detail << '\n';
  if (!e.hint.empty()) std::cerr << "HINT: " << e.hint << '\n';
  // Where in the input a COPY failed; other contexts are the server's call stack.
  if (e.context.rfind("COPY", 0) == 0) std::cerr << "CONTEXT: " << e.context << '\n';
  if (e.sqlstate == "3F000" || e.sqlstate == "42883")
    std::cerr << "HINT: is the hexdb extension installed in this database? (CREATE EXTENSION hexdb)\n";
  return kRefused;
}

int run(int argc, char** argv) {
  Context ctx;
  CLI::App app{"hexctl: users, friends, scores and leaderboards of a hexdb database", "hexctl"};
  add_global_options(app, ctx);
  add_registered_commands(app, ctx);
  try {
    app.parse(argc, argv);
    return ctx.exit_status;
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage_failure(app, e.what());
  } catch (const UsageError& e) {
    return usage_failure(app, e.what());
  } catch (const RefusedError& e) {
    return refused(e);
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
