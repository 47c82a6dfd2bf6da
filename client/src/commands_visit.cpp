// hexctl visit USER [--date D] · hexctl active-users [--from D] [--to D]
#include <memory>

#include "commands.hpp"
#include "user_ref.hpp"

namespace hexctl {

namespace {

Param optional_param(const std::string& s) { return s.empty() ? Param{} : Param{s}; }

struct VisitOptions {
  std::string user, date;
};

void add_visit(cli::Command root, Context& ctx) {
  auto o = std::make_shared<VisitOptions>();
  cli::Command cmd = root.command("visit", "count a visit of USER (record_visit); prints that day's count");
  cmd.user("USER", o->user, "the visitor");
  cmd.date("--date", o->date, "YYYY-MM-DD (default: today)");
  cmd.on_run([&ctx, o] {
    std::string id = resolve_user(ctx, o->user);
    ctx.print_query("SELECT hexdb.record_visit($1::uuid, coalesce($2::date, current_date)) AS visits",
                    {id, optional_param(o->date)}, Shape::scalar);
  });
}

struct ActiveOptions {
  std::string from, to;
};

void add_active_users(cli::Command root, Context& ctx) {
  auto o = std::make_shared<ActiveOptions>();
  cli::Command cmd = root.command("active-users", "daily active users and visits (daily_active_users)");
  cmd.date("--from", o->from, "first day, YYYY-MM-DD (default: 6 days before --to)");
  cmd.date("--to", o->to, "last day, YYYY-MM-DD (default: today)");
  cmd.on_run([&ctx, o] {
    ctx.print_query(
        "SELECT day, users, visits FROM hexdb.daily_active_users("
        "coalesce($1::date, coalesce($2::date, current_date) - 6), coalesce($2::date, current_date))",
        {optional_param(o->from), optional_param(o->to)});
  });
}

}  // namespace

void add_visit_commands(cli::Command root, Context& ctx) {
  add_visit(root, ctx);
  add_active_users(root, ctx);
}

}  // namespace hexctl
