// hexctl leaderboard [--month] [--limit] [--around USER | --friends-of USER] · hexctl rank USER
#include <memory>

#include "command_helpers.hpp"
#include "command_registry.hpp"
#include "core/arguments.hpp"
#include "user_ref.hpp"

namespace hexctl {

namespace {

// Year and month parameters; NULL for both when no --month was given, which the statements
// below turn into the current month in the session's time zone.
std::vector<Param> month_params(const std::string& month) {
  auto ym = parse_year_month(month);
  if (!ym) return {Param{}, Param{}};
  return {std::to_string(ym->year), std::to_string(ym->month)};
}

#define HEXDB_YEAR "coalesce($2::int, extract(year FROM now())::int)"
#define HEXDB_MONTH "coalesce($3::int, extract(month FROM now())::int)"
#define HEXDB_BOARD_COLUMNS "SELECT rank, user_id, nickname, score, achieved_at FROM "

struct BoardOptions {
  std::string month, around, friends_of;
  int limit = 10, radius = 5;
  long long after_rank = 0;
};

void leaderboard(Context& ctx, const BoardOptions& o) {
  auto params = month_params(o.month);
  if (!o.around.empty()) {
    params.insert(params.begin(), resolve_user(ctx.conn(), o.around));
    params.push_back(std::to_string(o.radius));
    ctx.print_query(HEXDB_BOARD_COLUMNS "hexdb.leaderboard_around($1::uuid, " HEXDB_YEAR ", " HEXDB_MONTH ", $4::int)",
                    params);
  } else if (!o.friends_of.empty()) {
    params.insert(params.begin(), resolve_user(ctx.conn(), o.friends_of));
    params.push_back(std::to_string(o.limit));
    ctx.print_query(HEXDB_BOARD_COLUMNS "hexdb.friends_leaderboard($1::uuid, " HEXDB_YEAR ", " HEXDB_MONTH ", $4::int)",
                    params);
  } else {
    params.insert(params.begin(), std::to_string(o.after_rank));
    params.push_back(std::to_string(o.limit));
    ctx.print_query(HEXDB_BOARD_COLUMNS "hexdb.monthly_leaderboard(" HEXDB_YEAR ", " HEXDB_MONTH ", $4::int, $1::bigint)",
                    params);
  }
}

void add_leaderboard(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<BoardOptions>();
  CLI::App* cmd = app.add_subcommand("leaderboard", "a month's ranking: the top, around a user, or among friends");
  add_month_option(cmd, o->month);
  cmd->add_option("--limit", o->limit, "how many rows (default 10)")->check(CLI::PositiveNumber);
  cmd->add_option("--after-rank", o->after_rank, "start below this rank (paging the top list)")
      ->check(CLI::NonNegativeNumber);
  auto around = cmd->add_option("--around", o->around, "USER and the players ranked near them (leaderboard_around)")
                    ->check(CLI::Validator(user_ref_problem, "USER", "USER"));
  cmd->add_option("--radius", o->radius, "with --around: ranks above and below (default 5)")
      ->check(CLI::NonNegativeNumber);
  auto friends = cmd->add_option("--friends-of", o->friends_of, "USER and their accepted friends (friends_leaderboard)")
                     ->check(CLI::Validator(user_ref_problem, "USER", "USER"));
  around->excludes(friends);
  cmd->callback([&ctx, o] { leaderboard(ctx, *o); });
}

struct RankOptions {
  std::string user, month;
};

void rank(Context& ctx, const RankOptions& o) {
  auto params = month_params(o.month);
  params.insert(params.begin(), resolve_user(ctx.conn(), o.user));
  ctx.print_query("SELECT rank, score, total FROM hexdb.monthly_rank($1::uuid, " HEXDB_YEAR ", " HEXDB_MONTH ")",
                  params);
}

void add_rank(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<RankOptions>();
  CLI::App* cmd = app.add_subcommand("rank", "a user's rank, score and the number of ranked players "
                                     "(monthly_rank); no row when they have no score that month");
  add_user_argument(cmd, "USER", o->user, "whose rank");
  add_month_option(cmd, o->month);
  cmd->callback([&ctx, o] { rank(ctx, *o); });
}

void add_board_commands(CLI::App& app, Context& ctx) {
  add_leaderboard(app, ctx);
  add_rank(app, ctx);
}

const CommandRegistration registration{40, add_board_commands};

}  // namespace

}  // namespace hexctl
