// hexctl score submit | load
#include <cstdint>
#include <memory>

#include "command_helpers.hpp"
#include "command_registry.hpp"
#include "score_load.hpp"
#include "user_ref.hpp"

namespace hexctl {

namespace {

struct SubmitOptions {
  std::string user, at;
  std::int64_t score = 0;
};

void submit(Context& ctx, const SubmitOptions& o) {
  std::string id = resolve_user(ctx.conn(), o.user);
  Param at = o.at.empty() ? Param{} : Param{o.at};
  // coalesce(..., now()) is submit_score's own default: one statement text for both cases.
  ctx.print_query("SELECT hexdb.submit_score($1::uuid, $2::bigint, coalesce($3::timestamptz, now())) AS score_id",
                  {id, std::to_string(o.score), at}, Shape::scalar);
}

void add_submit(CLI::App* score, Context& ctx) {
  auto o = std::make_shared<SubmitOptions>();
  CLI::App* cmd = score->add_subcommand("submit", "record one score (submit_score); prints its id");
  add_user_argument(cmd, "USER", o->user, "whose score");
  cmd->add_option("SCORE", o->score, "an integer >= 0")->required();
  cmd->add_option("--at", o->at, "when it was scored (timestamp; default: now)");
  cmd->callback([&ctx, o] { submit(ctx, *o); });
}

void add_score_commands(CLI::App& app, Context& ctx) {
  CLI::App* score = add_group(app, "score", "submit scores, one or a file of millions");
  add_submit(score, ctx);
  add_score_load(score, ctx);
}

const CommandRegistration registration{20, add_score_commands};

}  // namespace

}  // namespace hexctl
