// hexctl admin ensure: the admin account from ADMIN_EMAIL, ADMIN_NICKNAME, ADMIN_PASSWORD and
// ADMIN_BIRTH_DATE, created or brought up to date. Idempotent: when everything already
// matches, no row is written.
#include <cstdlib>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "errors.hpp"
#include "core/users/password.hpp"  // the extension's (extension/src/core/)
#include "password_input.hpp"
#include "query_output.hpp"

namespace hexctl {

namespace {

struct Admin {
  std::string email, nickname, birth_date, password;
};

std::string required_env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) throw UsageError(std::string(name) + " is not set");
  return v;
}

Admin admin_from_env(bool password_stdin) {
  Admin a{required_env("ADMIN_EMAIL"), required_env("ADMIN_NICKNAME"), required_env("ADMIN_BIRTH_DATE"), ""};
  const char* pw = std::getenv("ADMIN_PASSWORD");
  a.password = pw && *pw ? pw : read_password(password_stdin, true);
  return a;
}

// Sets a new password hash unless check_password already accepts the password.
bool ensure_password(Connection& conn, const std::string& id, const Admin& a) {
  ResultPtr ok = conn.exec("SELECT hexdb.check_password($1::text, $2::text) = $3::uuid", {a.email, a.password, id});
  if (std::string(PQgetvalue(ok.get(), 0, 0)) == "t") return false;
  ResultPtr cost = conn.exec("SELECT coalesce(current_setting('hexdb.password_cost', true), '11')");
  std::string hash = hexdb::password::hash(a.password, std::atoi(PQgetvalue(cost.get(), 0, 0)));
  conn.exec("UPDATE hexdb.users SET password_hash = $2::text WHERE user_id = $1::uuid", {id, hash});
  return true;
}

bool ensure_profile(Connection& conn, const std::string& id, const Admin& a) {
  ResultPtr r = conn.exec(
      "UPDATE hexdb.users SET email = $2::text, nickname = $3::text, birth_date = $4::date, role = 'admin' "
      "WHERE user_id = $1::uuid "
      "AND (email, nickname, birth_date, role) IS DISTINCT FROM ($2::text, $3::text, $4::date, 'admin')",
      {id, a.email, a.nickname, a.birth_date});
  return std::string(PQcmdTuples(r.get())) != "0";
}

// Returns the admin's user_id and what was done: created, updated or unchanged.
std::pair<std::string, std::string> ensure(Connection& conn, const Admin& a) {
  // Two concurrent "admin ensure" runs must not both create the admin.
  conn.exec("SELECT pg_advisory_xact_lock(hashtext('hexctl admin ensure'))");
  ResultPtr found = conn.exec("SELECT user_id FROM hexdb.users WHERE lower(email) = lower($1::text) FOR UPDATE",
                              {a.email});
  if (PQntuples(found.get()) == 0) {
    ResultPtr r = conn.exec("SELECT hexdb.create_user($1::text, $2::text, $3::text, $4::date, 'admin')",
                            {a.email, a.nickname, a.password, a.birth_date});
    return {PQgetvalue(r.get(), 0, 0), "created"};
  }
  std::string id = PQgetvalue(found.get(), 0, 0);
  bool changed = ensure_profile(conn, id, a);
  changed = ensure_password(conn, id, a) || changed;
  return {id, changed ? "updated" : "unchanged"};
}

void run_ensure(Context& ctx, bool password_stdin) {
  Admin a = admin_from_env(password_stdin);
  Connection& conn = ctx.conn();
  conn.exec("BEGIN");
  auto [id, action] = ensure(conn, a);
  conn.exec("COMMIT");
  // The bare word is what a deploy script compares; --format asks for the whole row.
  if (!ctx.format_name) {
    std::cout << action << '\n';
    return;
  }
  auto sink = ctx.sink(Shape::table);
  sink->begin({{"user_id", ValueKind::text}, {"email", ValueKind::text}, {"action", ValueKind::text}});
  sink->row({id, a.email, action});
  sink->end();
}

}  // namespace

void add_admin_commands(cli::Command root, Context& ctx) {
  cli::Command admin = root.group("admin", "administration");
  auto password_stdin = std::make_shared<bool>(false);
  cli::Command cmd = admin.command(
      "ensure", "create or update the admin from ADMIN_EMAIL, ADMIN_NICKNAME, ADMIN_BIRTH_DATE\n"
                "and ADMIN_PASSWORD (when unset: --password-stdin or a prompt). Idempotent:\n"
                "prints created, updated or unchanged (with --format: user_id, email, action).");
  cmd.flag("--password-stdin", *password_stdin, "read the password from stdin when ADMIN_PASSWORD is unset");
  cmd.on_run([&ctx, password_stdin] { run_ensure(ctx, *password_stdin); });
}

}  // namespace hexctl
