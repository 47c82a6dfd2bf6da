// hexctl uuid [--v4|--v7] [-n N]: N UUIDs, one a line, streamed in single-row mode. The
// series is a set-returning function in a select list (ProjectSet, one row per call): in FROM
// it would be materialised on the server before the first row left.
#include <cstdint>
#include <limits>
#include <memory>

#include "commands.hpp"
#include "query_output.hpp"

namespace hexctl {

namespace {

struct UuidOptions {
  bool v4 = false, v7 = false;
  std::int64_t count = 1;
};

}  // namespace

void add_uuid_command(cli::Command root, Context& ctx) {
  auto o = std::make_shared<UuidOptions>();
  cli::Command cmd = root.command("uuid", "generate UUIDs on the server, one a line (version 7 by default)");
  auto v4 = cmd.flag("--v4", o->v4, "random (uuid_generate_v4)");
  auto v7 = cmd.flag("--v7", o->v7, "time-ordered (uuid_generate_v7), the default");
  v4.excludes(v7);
  cmd.integer("-n,--count", o->count, 0, std::numeric_limits<std::int64_t>::max(), "how many (default 1)");
  cmd.on_run([&ctx, o] {
    const char* sql = o->v4 ? "SELECT hexdb.uuid_generate_v4() AS uuid FROM (SELECT generate_series(1, $1::bigint)) n"
                            : "SELECT hexdb.uuid_generate_v7() AS uuid FROM (SELECT generate_series(1, $1::bigint)) n";
    stream_query(ctx.conn(), sql, {std::to_string(o->count)}, *ctx.sink(Shape::lines));
  });
}

}  // namespace hexctl
