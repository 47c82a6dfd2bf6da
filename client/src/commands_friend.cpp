// hexctl friend request | accept | reject | block | remove | list
#include <memory>

#include "command_helpers.hpp"
#include "command_registry.hpp"
#include "errors.hpp"
#include "query_output.hpp"
#include "user_ref.hpp"

namespace hexctl {

namespace {

struct Pair {
  std::string first, second;
};

// A command on two users whose one-value result is printed: request, accept, reject, block.
void add_pair_command(CLI::App* friend_cmd, Context& ctx, const char* name, const char* help,
                      const char* first, const char* second, const char* sql) {
  auto p = std::make_shared<Pair>();
  CLI::App* cmd = friend_cmd->add_subcommand(name, help);
  add_user_argument(cmd, first, p->first, first);
  add_user_argument(cmd, second, p->second, second);
  cmd->callback([&ctx, p, sql] {
    auto& conn = ctx.conn();
    ctx.print_query(sql, {resolve_user(conn, p->first), resolve_user(conn, p->second)}, Shape::scalar);
  });
}

void remove(Context& ctx, const Pair& p) {
  auto& conn = ctx.conn();
  ResultPtr r = conn.exec("SELECT hexdb.remove_friendship($1::uuid, $2::uuid) AS removed",
                          {resolve_user(conn, p.first), resolve_user(conn, p.second)});
  if (std::string(PQgetvalue(r.get(), 0, 0)) != "t")
    throw RefusedError("no friendship, request or block between " + p.first + " and " + p.second);
  print_result(r.get(), *ctx.sink(Shape::scalar));
}

struct ListOptions {
  std::string user, status = "accepted", after;
  int limit = 0;
};

// All of a user's friends, fetched in pages of the keyset cursor friends(..., after, lim).
void list(Context& ctx, const ListOptions& o) {
  const int page = 1000;
  auto& conn = ctx.conn();
  std::string id = resolve_user(conn, o.user);
  Param after = o.after.empty() ? Param{} : Param{o.after};
  auto sink = ctx.sink(Shape::table);
  long remaining = o.limit > 0 ? o.limit : -1;
  bool begun = false;
  for (;;) {
    int want = remaining >= 0 && remaining < page ? static_cast<int>(remaining) : page;
    ResultPtr r = conn.exec(
        "SELECT friend_id, nickname, status, direction, since "
        "FROM hexdb.friends($1::uuid, $2::text, $3::uuid, $4::int)",
        {id, o.status, after, std::to_string(want)});
    if (!begun) sink->begin(columns_of(r.get()));
    begun = true;
    print_rows(r.get(), *sink);
    int n = PQntuples(r.get());
    if (remaining >= 0) remaining -= n;
    if (n < want || n == 0 || remaining == 0) break;
    after = PQgetvalue(r.get(), n - 1, 0);
  }
  sink->end();
}

void add_list(CLI::App* friend_cmd, Context& ctx) {
  auto o = std::make_shared<ListOptions>();
  CLI::App* cmd = friend_cmd->add_subcommand("list", "a user's friends, requests or blocks (friends)");
  add_user_argument(cmd, "USER", o->user, "whose list");
  cmd->add_option("--status", o->status, "accepted (default), pending, rejected or blocked");
  cmd->add_option("--after", o->after, "start after this friend_id (keyset cursor)");
  cmd->add_option("--limit", o->limit, "at most N rows (default: all)")->check(CLI::PositiveNumber);
  cmd->callback([&ctx, o] { list(ctx, *o); });
}

void add_friend_commands(CLI::App& app, Context& ctx) {
  CLI::App* f = add_group(app, "friend", "friend requests, answers, blocks and lists");
  add_pair_command(f, ctx, "request", "ask RECEIVER to be friends: prints pending, or accepted "
                   "when RECEIVER had already asked (request_friendship)", "REQUESTER", "RECEIVER",
                   "SELECT hexdb.request_friendship($1::uuid, $2::uuid) AS status");
  add_pair_command(f, ctx, "accept", "RECEIVER accepts REQUESTER's pending request (respond_friendship)",
                   "RECEIVER", "REQUESTER",
                   "SELECT hexdb.respond_friendship($1::uuid, $2::uuid, true) AS status");
  add_pair_command(f, ctx, "reject", "RECEIVER rejects REQUESTER's pending request (respond_friendship)",
                   "RECEIVER", "REQUESTER",
                   "SELECT hexdb.respond_friendship($1::uuid, $2::uuid, false) AS status");
  add_pair_command(f, ctx, "block", "BLOCKER blocks BLOCKED, who can no longer ask (block_user)",
                   "BLOCKER", "BLOCKED",
                   "SELECT 'blocked'::text AS status FROM hexdb.block_user($1::uuid, $2::uuid)");
  auto p = std::make_shared<Pair>();
  CLI::App* rm = f->add_subcommand("remove", "unfriend, cancel a request, or (by the blocker) "
                                   "unblock (remove_friendship)");
  add_user_argument(rm, "A", p->first, "one user");
  add_user_argument(rm, "B", p->second, "the other");
  rm->callback([&ctx, p] { remove(ctx, *p); });
  add_list(f, ctx);
}

const CommandRegistration registration{30, add_friend_commands};

}  // namespace

}  // namespace hexctl
