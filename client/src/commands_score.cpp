// hexctl score submit | load
#include <cstdint>
#include <limits>
#include <memory>

#include "commands.hpp"
#include "input_file.hpp"
#include "score_copy.hpp"
#include "user_ref.hpp"

namespace hexctl {

namespace {

constexpr std::int64_t kMaxBigint = std::numeric_limits<std::int64_t>::max();

struct SubmitOptions {
  std::string user, at;
  std::int64_t score = 0;
};

void submit(Context& ctx, const SubmitOptions& o) {
  std::string id = resolve_user(ctx, o.user);
  Param at = o.at.empty() ? Param{} : Param{o.at};
  // coalesce(..., now()) is submit_score's own default: one statement text for both cases.
  ctx.print_query("SELECT hexdb.submit_score($1::uuid, $2::bigint, coalesce($3::timestamptz, now())) AS score_id",
                  {id, std::to_string(o.score), at}, Shape::scalar);
}

void add_submit(cli::Command score, Context& ctx) {
  auto o = std::make_shared<SubmitOptions>();
  cli::Command cmd = score.command("submit", "record one score (submit_score); prints its id");
  cmd.user("USER", o->user, "whose score");
  cmd.integer("SCORE", o->score, 0, kMaxBigint, "a whole number >= 0");
  cmd.timestamp("--at", o->at, "when it was scored: an ISO 8601 time such as '2026-01-15 20:30:00+09' "
                          "(default: now)");
  cmd.on_run([&ctx, o] { submit(ctx, *o); });
}

struct LoadOptions {
  std::string file, input_format = "auto";
};

void load(Context& ctx, const LoadOptions& o) {
  InputFile in(o.file);  // a missing file is bad usage, found before connecting
  std::string loaded = copy_score_file(ctx.conn(), in, o.input_format);
  auto sink = ctx.sink(Shape::scalar);
  sink->begin({{"loaded", ValueKind::number}});
  sink->row({loaded});
  sink->end();
}

void add_load(cli::Command score, Context& ctx) {
  auto o = std::make_shared<LoadOptions>();
  cli::Command cmd = score.command(
      "load", "bulk-load scores with one COPY; prints how many rows were loaded.\n"
              "FILE ('-' for stdin): one score a line, user_id,score[,created_at] as CSV, or\n"
              "tab-separated (PostgreSQL text format); an optional header line starting user_id.\n"
              "All rows or none are loaded. A progress bar is drawn when stderr is a terminal.");
  cmd.text("FILE", o->file, "the file, or - for stdin");
  cmd.choice("--input-format", o->input_format, {"auto", "csv", "tsv"},
             "auto (default: tab in line 1 means tsv), csv or tsv");
  cmd.on_run([&ctx, o] { load(ctx, *o); });
}

}  // namespace

void add_score_commands(cli::Command root, Context& ctx) {
  cli::Command score = root.group("score", "submit scores, one or a file of millions");
  add_submit(score, ctx);
  add_load(score, ctx);
}

}  // namespace hexctl
