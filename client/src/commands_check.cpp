// hexctl check: every row of check_integrity(); exit 1 when any check found a problem.
#include <cstdlib>
#include <iostream>

#include "commands.hpp"
#include "query_output.hpp"

namespace hexctl {

namespace {

void check(Context& ctx) {
  ResultPtr r = ctx.conn().exec("SELECT check_name, problems, detail FROM hexdb.check_integrity()");
  print_result(r.get(), *ctx.sink(Shape::table));
  int failing = 0;
  for (int i = 0; i < PQntuples(r.get()); ++i)
    if (!PQgetisnull(r.get(), i, 1) && std::strtoll(PQgetvalue(r.get(), i, 1), nullptr, 10) > 0) ++failing;
  if (failing == 0) return;
  std::cerr << "hexctl: " << failing << " of " << PQntuples(r.get()) << " checks found problems\n";
  ctx.exit_status = 1;
}

}  // namespace

void add_check_command(cli::Command root, Context& ctx) {
  cli::Command cmd = root.command("check", "integrity checks (check_integrity); exit 1 when any reports problems");
  cmd.on_run([&ctx] { check(ctx); });
}

}  // namespace hexctl
