// hexctl user add | show | delete
#include <memory>

#include "commands.hpp"
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
  std::string id = resolve_user(ctx, user);
  ResultPtr r = ctx.conn().exec(
      "SELECT user_id, email, nickname, birth_date, role, created_at, legacy_id "
      "FROM hexdb.users WHERE user_id = $1::uuid",
      {id});
  if (PQntuples(r.get()) == 0) throw RefusedError("no user " + user);
  print_result(r.get(), *ctx.sink(Shape::table));
}

void delete_user(Context& ctx, const std::string& user) {
  std::string id = resolve_user(ctx, user);
  ResultPtr r = ctx.conn().exec("SELECT hexdb.delete_user($1::uuid) AS deleted", {id});
  if (std::string(PQgetvalue(r.get(), 0, 0)) != "t") throw RefusedError("no user " + user);
  print_result(r.get(), *ctx.sink(Shape::scalar));
}

void add_add(cli::Command user, Context& ctx) {
  auto o = std::make_shared<AddOptions>();
  cli::Command cmd = user.command("add", "create a user (create_user); prints the new UUID");
  cmd.text("--email", o->email, "unique, case-insensitive").required();
  cmd.text("--nickname", o->nickname, "1-100 characters").required();
  cmd.date("--birth-date", o->birth_date, "YYYY-MM-DD (ISO 8601)").required();
  cmd.choice("--role", o->role, {"user", "admin"}, "user (default) or admin");
  cmd.flag("--password-stdin", o->password_stdin,
           "read the password from the first line of stdin (else: a prompt on the terminal)");
  cmd.on_run([&ctx, o] { add_user(ctx, *o); });
}

}  // namespace

void add_user_commands(cli::Command root, Context& ctx) {
  cli::Command user = root.group("user", "create, show and delete users");
  add_add(user, ctx);

  auto shown = std::make_shared<std::string>();
  cli::Command show = user.command("show", "a user's account (never the password hash)");
  show.user("USER", *shown, "the user");
  show.on_run([&ctx, shown] { show_user(ctx, *shown); });

  auto deleted = std::make_shared<std::string>();
  cli::Command del = user.command("delete", "delete a user with their scores, friendships and visits (delete_user)");
  del.user("USER", *deleted, "the user");
  del.on_run([&ctx, deleted] { delete_user(ctx, *deleted); });
}

}  // namespace hexctl
