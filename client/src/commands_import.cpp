// hexctl import DIR: a `mysqldump --tab` export into hexdb (SPEC "Import from MySQL").
// One transaction: empty the staging tables, COPY every TABLE.txt into them, import_legacy(),
// empty them again, COMMIT. Any failure before COMMIT (a malformed file, a refusal, a lost
// connection: the server rolls back what it never saw committed) leaves hexdb as it was.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <vector>

#include "commands.hpp"
#include "core/legacy_dump.hpp"
#include "errors.hpp"
#include "legacy_copy.hpp"
#include "query_output.hpp"

namespace hexctl {

namespace {

namespace ld = hexdb::legacy_dump;

struct ImportOptions {
  std::string dir, source_timezone = "UTC";
};

constexpr const char* kTruncateStaging =
    "TRUNCATE hexdb.staging_users, hexdb.staging_scores, hexdb.staging_friendships, "
    "hexdb.staging_monthly_scores, hexdb.staging_game_visits";

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

ResultPtr import_dump(Connection& conn, const std::vector<DumpTable>& tables, const ImportOptions& o) {
  conn.exec("BEGIN");
  // import_legacy's per-table NOTICEs ("imported now", "already present") reach stderr.
  conn.exec("SET LOCAL client_min_messages = notice");
  // An unknown zone is refused (22023) before minutes of COPY, not after.
  conn.exec("SELECT now() AT TIME ZONE $1", {o.source_timezone});
  // Also queues a concurrent import here, before it copies anything.
  conn.exec(kTruncateStaging);
  for (const auto& t : tables) copy_dump_table(conn, t);
  ResultPtr report = conn.exec(
      "SELECT table_name, source_rows, imported, quarantined FROM hexdb.import_legacy($1)",
      {o.source_timezone});
  // Every staged row is now in hexdb or in import_rejects (with the whole row).
  conn.exec(kTruncateStaging);
  conn.exec("COMMIT");
  return report;
}

void run_import(Context& ctx, const ImportOptions& o) {
  std::vector<DumpTable> tables;
  try {
    // Every TABLE.sql read and checked before connecting: a wrong export touches nothing.
    for (const auto& table : ld::legacy_tables()) tables.push_back(read_dump_table(o.dir, table));
    ResultPtr report = import_dump(ctx.conn(), tables, o);
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
      "import a MySQL export (mysqldump --tab=DIR) with import_legacy(); prints the report.\n"
      "DIR holds TABLE.sql and TABLE.txt for users, scores, friendships, monthly_scores and\n"
      "game_visits. All or nothing, in one transaction; rows that break a rule are kept in\n"
      "hexdb.import_rejects. A missing or malformed file: exit 1, naming the file and line.\n"
      "A progress bar is drawn when stderr is a terminal.");
  cmd.directory("DIR", o->dir, "the directory mysqldump --tab wrote");
  cmd.text("--source-timezone", o->source_timezone,
           "the old server's time zone, in which its DATETIMEs are read (default UTC)");
  cmd.on_run([&ctx, o] { run_import(ctx, *o); });
}

}  // namespace hexctl
