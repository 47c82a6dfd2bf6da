// hexctl friend request | accept | reject | block | remove | list
#include <cstdint>
#include <limits>
#include <memory>

#include "commands.hpp"
#include "errors.hpp"
#include "query_output.hpp"
#include "user_ref.hpp"

namespace hexctl {

namespace {

struct Pair {
  std::string first, second;
};

// A command on two users whose one-value result is printed: request, accept, reject, block.
void add_pair_command(cli::Command group, Context& ctx, const char* name, const char* help, const char* first,
                      const char* second, const char* sql) {
  auto p = std::make_shared<Pair>();
  cli::Command cmd = group.command(name, help);
  cmd.user(first, p->first, first);
  cmd.user(second, p->second, second);
  cmd.on_run([&ctx, p, sql] {
    ctx.print_query(sql, {resolve_user(ctx, p->first), resolve_user(ctx, p->second)}, Shape::scalar);
  });
}

void remove(Context& ctx, const Pair& p) {
  ResultPtr r = ctx.conn().exec("SELECT hexdb.remove_friendship($1::uuid, $2::uuid) AS removed",
                                {resolve_user(ctx, p.first), resolve_user(ctx, p.second)});
  if (std::string(PQgetvalue(r.get(), 0, 0)) != "t")
    throw RefusedError("no friendship, request or block between " + p.first + " and " + p.second);
  print_result(r.get(), *ctx.sink(Shape::scalar));
}

struct ListOptions {
  std::string user, status = "accepted", after;
  std::int64_t limit = 0;  // 0: all
};

// All of a user's friends, fetched in pages of the keyset cursor friends(..., after, lim).
void list(Context& ctx, const ListOptions& o) {
  const std::int64_t page = 1000;
  std::string id = resolve_user(ctx, o.user);
  Param status = o.status == "all" ? Param{} : Param{o.status};  // friends(status => NULL): every status
  Param after = o.after.empty() ? Param{} : Param{o.after};
  auto sink = ctx.sink(Shape::table);
  std::int64_t remaining = o.limit > 0 ? o.limit : -1;
  bool begun = false;
  for (;;) {
    std::int64_t want = remaining >= 0 && remaining < page ? remaining : page;
    ResultPtr r = ctx.conn().exec(
        "SELECT friend_id, nickname, status, direction, since "
        "FROM hexdb.friends($1::uuid, $2::text, $3::uuid, $4::int)",
        {id, status, after, std::to_string(want)});
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

void add_list(cli::Command group, Context& ctx) {
  auto o = std::make_shared<ListOptions>();
  cli::Command cmd = group.command("list", "a user's friends, requests or blocks (friends)");
  cmd.user("USER", o->user, "whose list");
  cmd.choice("--status", o->status, {"accepted", "pending", "rejected", "blocked", "all"},
             "accepted (default), pending, rejected, blocked, or all of them");
  cmd.text("--after", o->after, "start after this friend_id (keyset cursor)");
  cmd.integer("--limit", o->limit, 1, std::numeric_limits<std::int64_t>::max(), "at most N rows (default: all)");
  cmd.on_run([&ctx, o] { list(ctx, *o); });
}

}  // namespace

void add_friend_commands(cli::Command root, Context& ctx) {
  cli::Command f = root.group("friend", "friend requests, answers, blocks and lists");
  add_pair_command(f, ctx, "request", "ask RECEIVER to be friends: prints pending, or accepted "
                   "when RECEIVER had already asked (request_friendship)", "REQUESTER", "RECEIVER",
                   "SELECT hexdb.request_friendship($1::uuid, $2::uuid) AS status");
  add_pair_command(f, ctx, "accept", "RECEIVER accepts REQUESTER's pending request (respond_friendship)",
                   "RECEIVER", "REQUESTER", "SELECT hexdb.respond_friendship($1::uuid, $2::uuid, true) AS status");
  add_pair_command(f, ctx, "reject", "RECEIVER rejects REQUESTER's pending request (respond_friendship)",
                   "RECEIVER", "REQUESTER", "SELECT hexdb.respond_friendship($1::uuid, $2::uuid, false) AS status");
  add_pair_command(f, ctx, "block", "BLOCKER blocks BLOCKED, who can no longer ask (block_user)", "BLOCKER",
                   "BLOCKED", "SELECT 'blocked'::text AS status FROM hexdb.block_user($1::uuid, $2::uuid)");
  auto p = std::make_shared<Pair>();
  cli::Command rm = f.command("remove", "unfriend, cancel a request, or (by the blocker) unblock (remove_friendship)");
  rm.user("A", p->first, "one user");
  rm.user("B", p->second, "the other");
  rm.on_run([&ctx, p] { remove(ctx, *p); });
  add_list(f, ctx);
}

}  // namespace hexctl
