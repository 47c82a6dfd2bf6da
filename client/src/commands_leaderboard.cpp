// hexctl leaderboard [--month] [--limit] [--around USER | --friends-of USER] · hexctl rank USER
#include <cstdint>
#include <limits>
#include <memory>

#include "commands.hpp"
#include "core/arguments.hpp"
#include "user_ref.hpp"

namespace hexctl {

namespace {

constexpr std::int64_t kMaxInt = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kMaxBigint = std::numeric_limits<std::int64_t>::max();

// Year and month parameters; NULL for both when no --month was given, which the statements
// below turn into hexdb.current_month(): the current month in the zone configure_monthly set.
std::vector<Param> month_params(const std::string& month) {
  auto ym = parse_year_month(month);
  if (!ym) return {Param{}, Param{}};
  return {std::to_string(ym->year), std::to_string(ym->month)};
}

#define HEXDB_YEAR "coalesce($2::int, extract(year FROM hexdb.current_month())::int)"
#define HEXDB_MONTH "coalesce($3::int, extract(month FROM hexdb.current_month())::int)"
#define HEXDB_BOARD_COLUMNS "SELECT rank, user_id, nickname, score, achieved_at FROM "

struct BoardOptions {
  std::string month, around, friends_of;
  std::int64_t limit = 10, radius = 5, after_rank = 0;
};

void leaderboard(Context& ctx, const BoardOptions& o) {
  auto params = month_params(o.month);
  if (!o.around.empty()) {
    params.insert(params.begin(), resolve_user(ctx, o.around));
    params.push_back(std::to_string(o.radius));
    ctx.print_query(HEXDB_BOARD_COLUMNS "hexdb.leaderboard_around($1::uuid, " HEXDB_YEAR ", " HEXDB_MONTH ", $4::int)",
                    params);
  } else if (!o.friends_of.empty()) {
    params.insert(params.begin(), resolve_user(ctx, o.friends_of));
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

void add_leaderboard(cli::Command root, Context& ctx) {
  auto o = std::make_shared<BoardOptions>();
  cli::Command cmd = root.command("leaderboard", "a month's ranking: the top, around a user, or among friends");
  cmd.month(o->month);
  auto limit = cmd.integer("--limit", o->limit, 1, kMaxInt, "how many rows (default 10)");
  auto after_rank = cmd.integer("--after-rank", o->after_rank, 0, kMaxBigint, "start below this rank (paging the top list)");
  auto around = cmd.user("--around", o->around, "USER and the players ranked near them (leaderboard_around)");
  auto radius = cmd.integer("--radius", o->radius, 0, kMaxInt, "with --around: ranks above and below (default 5)");
  auto friends = cmd.user("--friends-of", o->friends_of, "USER and their accepted friends (friends_leaderboard)");
  around.excludes(friends).excludes(limit).excludes(after_rank);
  friends.excludes(after_rank);
  radius.needs(around);
  cmd.on_run([&ctx, o] { leaderboard(ctx, *o); });
}

struct RankOptions {
  std::string user, month;
};

void rank(Context& ctx, const RankOptions& o) {
  auto params = month_params(o.month);
  params.insert(params.begin(), resolve_user(ctx, o.user));
  ctx.print_query("SELECT rank, score, total FROM hexdb.monthly_rank($1::uuid, " HEXDB_YEAR ", " HEXDB_MONTH ")",
                  params);
}

void add_rank(cli::Command root, Context& ctx) {
  auto o = std::make_shared<RankOptions>();
  cli::Command cmd = root.command("rank", "a user's rank, score and the number of ranked players "
                                          "(monthly_rank); no row when they have no score that month");
  cmd.user("USER", o->user, "whose rank");
  cmd.month(o->month);
  cmd.on_run([&ctx, o] { rank(ctx, *o); });
}

}  // namespace

void add_leaderboard_commands(cli::Command root, Context& ctx) {
  add_leaderboard(root, ctx);
  add_rank(root, ctx);
}

}  // namespace hexctl
