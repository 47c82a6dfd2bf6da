// hexctl visit USER [--date D] · hexctl active-users [--from D] [--to D]
#include <memory>

#include "command_helpers.hpp"
#include "command_registry.hpp"
#include "user_ref.hpp"

namespace hexctl {

namespace {

Param optional_param(const std::string& s) { return s.empty() ? Param{} : Param{s}; }

struct VisitOptions {
  std::string user, date;
};

void add_visit(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<VisitOptions>();
  CLI::App* cmd = app.add_subcommand("visit", "count a visit of USER (record_visit); prints that day's count");
  add_user_argument(cmd, "USER", o->user, "the visitor");
  cmd->add_option("--date", o->date, "YYYY-MM-DD (default: today)");
  cmd->callback([&ctx, o] {
    std::string id = resolve_user(ctx.conn(), o->user);
    ctx.print_query("SELECT hexdb.record_visit($1::uuid, coalesce($2::date, current_date)) AS visits",
                    {id, optional_param(o->date)}, Shape::scalar);
  });
}

struct ActiveOptions {
  std::string from, to;
};

void add_active_users(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ActiveOptions>();
  CLI::App* cmd = app.add_subcommand("active-users", "daily active users and visits (daily_active_users)");
  cmd->add_option("--from", o->from, "first day, YYYY-MM-DD (default: 6 days before --to)");
  cmd->add_option("--to", o->to, "last day, YYYY-MM-DD (default: today)");
  cmd->callback([&ctx, o] {
    ctx.print_query(
        "SELECT day, users, visits FROM hexdb.daily_active_users("
        "coalesce($1::date, coalesce($2::date, current_date) - 6), coalesce($2::date, current_date))",
        {optional_param(o->from), optional_param(o->to)});
  });
}

void add_visit_commands(CLI::App& app, Context& ctx) {
  add_visit(app, ctx);
  add_active_users(app, ctx);
}

const CommandRegistration registration{50, add_visit_commands};

}  // namespace

}  // namespace hexctl
