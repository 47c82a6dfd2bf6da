// hexctl import DIR|mysql://...: a `mysqldump --tab` export, or the tables of a running MySQL
// or MariaDB server, into hexdb (SPEC "Import from MySQL"). One transaction: empty
// staging_users, COPY users.txt (or the users table, in one snapshot of the source with the
// others) into it, import_legacy(), empty the staging tables again, COMMIT. The other four
// tables are copied meanwhile by a staging session (staging_session.hpp), whose commits
// import_legacy() waits for. Any failure before COMMIT (a malformed file, a refusal, a lost connection: the
// server rolls back what it never saw committed) leaves hexdb as it was, staging emptied.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "commands.hpp"
#include "core/legacy_dump.hpp"
#include "core/mysql_url.hpp"
#include "errors.hpp"
#include "legacy_copy.hpp"
#include "mysql_source.hpp"
#include "password_input.hpp"
#include "query_output.hpp"
#include "staging_session.hpp"

namespace hexctl {

namespace {

namespace ld = hexdb::legacy_dump;

struct ImportOptions {
  std::string source, source_timezone = "UTC";
  bool password_stdin = false;
};

constexpr const char* kTruncateStaging =
    "TRUNCATE hexdb.staging_users, hexdb.staging_scores, hexdb.staging_friendships, "
    "hexdb.staging_monthly_scores, hexdb.staging_game_visits";

// Fills the staging tables: the users through the import's connection, each of the other four
// through the staging session's (`other`). `others_first`: the four may be copied while the
// users are (files); otherwise after them (one MySQL connection, one snapshot).
struct Stages {
  std::function<void(Connection&)> users;
  StagingSession::CopyTable other;
  bool others_first;
};

// The four tables through `conn`, when there is no staging session.
void copy_others(Connection& conn, const Stages& stages) {
  for (const std::string& table : StagingSession::tables()) stages.other(conn, table);
}

std::int64_t column_sum(const PGresult* r, int column) {
  std::int64_t sum = 0;
  for (int i = 0; i < PQntuples(r); ++i) sum += std::strtoll(PQgetvalue(r, i, column), nullptr, 10);
  return sum;
}

// The report goes to stdout (in --format); this line to stderr, where a person looks.
void print_summary(const PGresult* report) {
  const std::int64_t rows = column_sum(report, 1), quarantined = column_sum(report, 3);
  if (quarantined == 0) {
    std::cerr << "hexctl: all " << rows << " rows imported, none quarantined\n";
    return;
  }
  std::cerr << "hexctl: " << rows - quarantined << " of " << rows << " rows imported, " << quarantined
            << " quarantined: each is in hexdb.import_rejects with its reason and whole row\n"
               "        (SELECT table_name, legacy_id, reason, \"row\" FROM hexdb.import_rejects)\n";
}

// One import at a time (staging_session.hpp): taken before this import or its staging
// session touches a staging table, held to the end of its transaction.
constexpr const char* kGate =
    "SELECT pg_catalog.pg_advisory_xact_lock("
    "'hexdb.staging_scores'::pg_catalog.regclass::pg_catalog.oid::pg_catalog.int8)";

// The staging session, with as many connections as the server gives it (up to
// StagingSession::kConnections); none where it refuses a second one (a role's or a database's
// CONNECTION LIMIT, max_connections): the four tables then go through the import's.
std::unique_ptr<StagingSession> open_staging(const Context& ctx) {
  std::vector<std::unique_ptr<Connection>> conns;
  try {
    while (conns.size() < StagingSession::kConnections) conns.push_back(ctx.open_connection());
  } catch (const ConnectError& e) {
    if (conns.empty()) {
      std::cerr << "hexctl: no second connection (" << e.what() << "); every table is copied through one\n";
      return nullptr;
    }
  }
  return std::make_unique<StagingSession>(std::move(conns));
}

ResultPtr import_in_transaction(const Context& ctx, Connection& conn, const ImportOptions& o, const Stages& stages,
                                std::unique_ptr<StagingSession>& staging) {
  conn.exec("BEGIN ISOLATION LEVEL READ COMMITTED");  // sees the staging session's commit
  conn.exec(kGate);
  // import_legacy's per-table NOTICEs ("imported now", "already present") reach stderr.
  conn.exec("SET LOCAL client_min_messages = notice");
  // An unknown zone is refused (22023) before minutes of COPY, not after.
  conn.exec("SELECT now() AT TIME ZONE $1", {o.source_timezone});
  staging = open_staging(ctx);
  conn.exec(staging ? "TRUNCATE hexdb.staging_users" : kTruncateStaging);
  if (staging && stages.others_first) staging->start(stages.other, conn);
  stages.users(conn);
  if (!staging)
    copy_others(conn, stages);
  else if (!stages.others_first)
    staging->start(stages.other, conn);
  ResultPtr report = conn.exec(
      "SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy($1)",
      {o.source_timezone});
  if (staging) staging->finish();
  // Every staged row is now in hexdb or in import_rejects (with the whole row).
  conn.exec(kTruncateStaging);
  conn.exec("COMMIT");
  return report;
}

// One import, in the import's transaction and the staging session beside it
// (staging_session.hpp); any failure rolls both back and empties the staging tables.
ResultPtr import_staged(Context& ctx, const ImportOptions& o, const Stages& stages) {
  Connection& conn = ctx.conn();
  std::unique_ptr<StagingSession> staging;
  try {
    return import_in_transaction(ctx, conn, o, stages, staging);
  } catch (...) {
    if (staging) {
      staging->stop();
      staging->discard();  // while this import still holds the gate
    }
    conn.rollback();
    // A failed COPY of the staging session cancelled the import: report the COPY's error.
    if (staging && staging->failure()) std::rethrow_exception(staging->failure());
    throw;
  }
}

// The source's password: MYSQL_PWD (as the mysql client reads it), --password-stdin, a prompt
// on a terminal; none when there is neither.
std::string source_password(const ImportOptions& o) {
  if (o.password_stdin) return read_password(true, false);
  if (const char* env = std::getenv("MYSQL_PWD")) return env;
  if (isatty(0)) return read_password(false, false);
  return "";
}

ResultPtr import_live(Context& ctx, const MysqlUrl& url, const ImportOptions& o) {
  MysqlSource source(url, source_password(o));
  // One MySQL connection (one snapshot of the five tables), used by one thread at a time: the
  // staging session's thread starts after the users are copied.
  auto users = [&](Connection& conn) { source.copy_table(conn, "users"); };
  auto other = [&](Connection& conn, const std::string& table) { source.copy_table(conn, table); };
  return import_staged(ctx, o, {users, other, false});
}

ResultPtr import_dir(Context& ctx, const ImportOptions& o) {
  struct stat st;
  if (stat(o.source.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw UsageError("SOURCE: " + o.source + " is neither a directory nor a mysql:// URL");
  std::vector<DumpTable> tables;
  // Every TABLE.sql read and checked before connecting: a wrong export touches nothing.
  for (const auto& table : ld::legacy_tables()) tables.push_back(read_dump_table(o.source, table));
  auto copy = [&](Connection& conn, const std::string& table) {
    for (const auto& t : tables)
      if (t.table == table) copy_dump_table(conn, t);
  };
  return import_staged(ctx, o, {[&](Connection& conn) { copy(conn, "users"); }, copy, true});
}

void run_import(Context& ctx, const ImportOptions& o) {
  std::optional<MysqlUrl> url;
  try {
    url = parse_mysql_url(o.source);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("SOURCE: ") + e.what());
  }
  try {
    ResultPtr report = url ? import_live(ctx, *url, o) : import_dir(ctx, o);
    print_result(report.get(), *ctx.sink(Shape::table));
    print_summary(report.get());
  } catch (const ld::DumpError& e) {
    throw RefusedError(e.what());  // bad input data: exit 1, "DIR/TABLE.txt:LINE: reason"
  }
}

}  // namespace

void add_import_command(cli::Command root, Context& ctx) {
  auto o = std::make_shared<ImportOptions>();
  cli::Command cmd = root.command(
      "import",
      "import the legacy MySQL data with import_legacy(); prints the report. SOURCE is either\n"
      "a directory that mysqldump --tab wrote (TABLE.sql and TABLE.txt for users, scores,\n"
      "friendships, monthly_scores and game_visits) or a running MySQL or MariaDB server,\n"
      "mysql://USER@HOST[:PORT]/DB (or mariadb://), read in one consistent snapshot; its password\n"
      "from MYSQL_PWD, --password-stdin or a prompt, never the URL. All or nothing, in one\n"
      "transaction (up to two more connections copy friendships, game_visits, scores and\n"
      "monthly_scores meanwhile); rows that break a rule are kept in hexdb.import_rejects. A missing or\n"
      "malformed file: exit 1, naming the file and line; an unreachable server: exit 3.\n"
      "A progress line is drawn when stderr is a terminal.");
  cmd.text("SOURCE", o->source, "a mysqldump --tab directory, or mysql://USER@HOST[:PORT]/DB");
  cmd.text("--source-timezone", o->source_timezone,
           "the old server's time zone, in which its DATETIMEs are read (default UTC)");
  cmd.flag("--password-stdin", o->password_stdin, "read the MySQL password from the first line of stdin");
  cmd.on_run([&ctx, o] { run_import(ctx, *o); });
}

}  // namespace hexctl
