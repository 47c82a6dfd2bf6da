// hexctl user add | show | delete
#include <memory>

#include "command_helpers.hpp"
#include "command_registry.hpp"
#include "errors.hpp"
#include "password_input.hpp"
#include "query_output.hpp"
#include "user_ref.hpp"

namespace hexctl {

namespace {

struct AddOptions {
  std::string email, nickname, birth_date, role = "user";
  bool password_stdin = false;
};

void add_user(Context& ctx, const AddOptions& o) {
  std::string password = read_password(o.password_stdin, true);
  ctx.print_query(
      "SELECT hexdb.create_user($1::text, $2::text, $3::text, $4::date, $5::text) AS user_id",
      {o.email, o.nickname, password, o.birth_date, o.role}, Shape::scalar);
}

void show_user(Context& ctx, const std::string& user) {
  std::string id = resolve_user(ctx.conn(), user);
  ResultPtr r = ctx.conn().exec(
      "SELECT user_id, email, nickname, birth_date, role, created_at, legacy_id "
      "FROM hexdb.users WHERE user_id = $1::uuid",
      {id});
  if (PQntuples(r.get()) == 0) throw RefusedError("no user " + user);
  print_result(r.get(), *ctx.sink(Shape::table));
}

void delete_user(Context& ctx, const std::string& user) {
  std::string id = resolve_user(ctx.conn(), user);
  ResultPtr r = ctx.conn().exec("SELECT hexdb.delete_user($1::uuid) AS deleted", {id});
  if (std::string(PQgetvalue(r.get(), 0, 0)) != "t") throw RefusedError("no user " + user);
  print_result(r.get(), *ctx.sink(Shape::scalar));
}

void add_add(CLI::App* user, Context& ctx) {
  auto o = std::make_shared<AddOptions>();
  CLI::App* cmd = user->add_subcommand("add", "create a user (create_user); prints the new UUID");
  cmd->add_option("--email", o->email, "unique, case-insensitive")->required();
  cmd->add_option("--nickname", o->nickname, "1-100 characters")->required();
  cmd->add_option("--birth-date", o->birth_date, "YYYY-MM-DD")->required();
  cmd->add_option("--role", o->role, "user (default) or admin")->check(CLI::IsMember({"user", "admin"}));
  cmd->add_flag("--password-stdin", o->password_stdin,
                "read the password from the first line of stdin (else: a prompt on the terminal)");
  cmd->callback([&ctx, o] { add_user(ctx, *o); });
}

void add_user_commands(CLI::App& app, Context& ctx) {
  CLI::App* user = add_group(app, "user", "create, show and delete users");
  add_add(user, ctx);

  auto shown = std::make_shared<std::string>();
  CLI::App* show = user->add_subcommand("show", "a user's account (never the password hash)");
  add_user_argument(show, "USER", *shown, "the user");
  show->callback([&ctx, shown] { show_user(ctx, *shown); });

  auto deleted = std::make_shared<std::string>();
  CLI::App* del = user->add_subcommand(
      "delete", "delete a user with their scores, friendships and visits (delete_user)");
  add_user_argument(del, "USER", *deleted, "the user");
  del->callback([&ctx, deleted] { delete_user(ctx, *deleted); });
}

const CommandRegistration registration{10, add_user_commands};

}  // namespace

}  // namespace hexctl
