// The one translation unit that includes CLI11 (see cli.hpp).
#include "cli.hpp"

// ExistingDirectory asks stat(2) instead of <filesystem> (the same answer, half a CPU-second
// less to compile).
#define CLI11_HAS_FILESYSTEM 0
#include <CLI/CLI.hpp>
#include <iostream>

#include "core/arguments.hpp"
#include "core/suggest.hpp"
#include "errors.hpp"
#include "user_ref.hpp"

namespace hexctl::cli {

namespace {

bool is_argument(const std::string& name) { return !name.empty() && name[0] != '-'; }

// Arguments are required; options are not.
CLI::Option* shaped(CLI::Option* o, const std::string& name) {
  if (is_argument(name)) o->required();
  return o;
}

// The command being parsed when parsing stopped: the deepest one named on the command line.
CLI::App* deepest(CLI::App* app) {
  for (CLI::App* sub : app->get_subcommands()) return deepest(sub);
  return app;
}

std::string full_name(const CLI::App* app);

// What "hexctl friend list --help" prints (help() alone would name only "list").
std::string help_of(const CLI::App* app) {
  return app->get_parent() ? app->help(full_name(app->get_parent())) : app->help();
}

std::string usage_line(CLI::App* app) {
  std::string help = help_of(app);
  auto at = help.find("Usage: ");
  if (at == std::string::npos) return "";
  return help.substr(at, help.find('\n', at) - at);
}

std::string full_name(const CLI::App* app) {
  std::string name = app->get_name();
  for (const CLI::App* p = app->get_parent(); p; p = p->get_parent()) name = p->get_name() + " " + name;
  return name;
}

// A group without a known command after it: "unknown command 'frend'; did you mean 'friend'?",
// or "hexctl user needs one of its commands: add, show, delete". "" for any other failure.
std::string missing_command(CLI::App* app) {
  auto subs = app->get_subcommands([](CLI::App*) { return true; });
  if (subs.empty() || !app->get_subcommands().empty()) return "";
  std::vector<std::string> names;
  for (CLI::App* s : subs) names.push_back(s->get_name());
  // A word a group does not know falls through to the groups above (fallthrough()).
  std::vector<std::string> words;
  for (CLI::App* a = app; a; a = a->get_parent())
    for (const std::string& w : a->remaining()) words.push_back(w);
  for (const std::string& word : words) {
    if (word.empty() || word[0] == '-') continue;
    std::string message = "unknown command '" + word + "'";
    std::string close = closest_word(word, names);
    if (!close.empty()) message += "; did you mean '" + close + "'?";
    return message;
  }
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  return full_name(app) + " needs one of its commands: " + list;
}

int usage_failure(CLI::App* app, const std::string& message) {
  std::cerr << "hexctl: " << message << '\n'
            << usage_line(app) << '\n'
            << "Run '" << full_name(app) << " --help' for more.\n";
  return kUsage;
}

void collect(const CLI::App* app, std::vector<HelpPage>& pages) {
  pages.push_back({full_name(app), help_of(app)});
  for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; })) collect(sub, pages);
}

}  // namespace

Option& Option::excludes(Option other) {
  option_->excludes(other.option_);
  return *this;
}

Option& Option::needs(Option other) {
  option_->needs(other.option_);
  return *this;
}

Option& Option::required() {
  option_->required();
  return *this;
}

Command Command::group(const std::string& name, const std::string& help) {
  CLI::App* g = app_->add_subcommand(name, help);
  g->require_subcommand(1);
  return Command(g);
}

Command Command::command(const std::string& name, const std::string& help) {
  return Command(app_->add_subcommand(name, help));
}

void Command::on_run(Run run) { app_->callback([run = std::move(run)] { run(); }); }

Option Command::user(const std::string& name, std::string& target, const std::string& help) {
  auto check = CLI::Validator(user_ref_problem, "", "USER");
  return Option(
      shaped(app_->add_option(name, target, help + " (a UUID or an email)")->check(check)->type_name("USER"), name));
}

Option Command::integer(const std::string& name, std::int64_t& target, std::int64_t lo, std::int64_t hi,
                        const std::string& help) {
  // A text option converted here, so that CLI11 never rounds or clamps: the value is exact or refused.
  auto convert = [&target, lo, hi](const std::string& s) { target = *parse_integer(s, lo, hi); };
  CLI::Option* o = app_->add_option_function<std::string>(name, convert, help);
  auto check = [lo, hi](const std::string& s) { return integer_problem(s, lo, hi); };
  o->check(CLI::Validator(check, "", "N"))->type_name("N");
  return Option(shaped(o, name));
}

Option Command::month(std::string& target) {
  auto check = [](const std::string& s) -> std::string {
    return parse_year_month(s) ? "" : "must be a month, YYYY-MM (01-12), not '" + s + "'";
  };
  return Option(app_->add_option("--month", target,
                                 "YYYY-MM; default: the current month in hexdb's time zone (configure_monthly)")
                    ->check(CLI::Validator(check, "", "YYYY-MM"))
                    ->type_name("YYYY-MM"));
}

Option Command::date(const std::string& name, std::string& target, const std::string& help) {
  auto check = [](const std::string& s) -> std::string {
    return is_iso_date(s) ? "" : "must be a day, YYYY-MM-DD (ISO 8601), not '" + s + "'";
  };
  auto check_day = CLI::Validator(check, "", "YYYY-MM-DD");
  return Option(shaped(app_->add_option(name, target, help)->check(check_day)->type_name("YYYY-MM-DD"), name));
}

Option Command::timestamp(const std::string& name, std::string& target, const std::string& help) {
  auto check = [](const std::string& s) -> std::string {
    return is_iso_timestamp(s) ? "" : "must be an ISO 8601 time, YYYY-MM-DD[ HH:MM[:SS]][+HH:MM], not '" + s + "'";
  };
  auto check_time = CLI::Validator(check, "", "TIME");
  return Option(shaped(app_->add_option(name, target, help)->check(check_time)->type_name("TIME"), name));
}

Option Command::choice(const std::string& name, std::string& target, std::vector<std::string> choices,
                       const std::string& help) {
  return Option(shaped(app_->add_option(name, target, help)->check(CLI::IsMember(std::move(choices))), name));
}

Option Command::choice(const std::string& name, std::optional<std::string>& target,
                       std::vector<std::string> choices, const std::string& help) {
  auto set = [&target](const std::string& s) { target = s; };
  return Option(app_->add_option_function<std::string>(name, set, help)->check(CLI::IsMember(std::move(choices))));
}

Option Command::text(const std::string& name, std::optional<std::string>& target, const std::string& help) {
  auto set = [&target](const std::string& s) { target = s; };
  return Option(app_->add_option_function<std::string>(name, set, help));
}

Option Command::directory(const std::string& name, std::string& target, const std::string& help) {
  return Option(app_->add_option(name, target, help)->required()->check(CLI::ExistingDirectory));
}

Option Command::text(const std::string& name, std::string& target, const std::string& help) {
  return Option(shaped(app_->add_option(name, target, help), name));
}

Option Command::flag(const std::string& name, bool& target, const std::string& help) {
  return Option(app_->add_flag(name, target, help));
}

Parser::Parser(const std::string& description, const std::string& footer, const std::string& version)
    : app_(std::make_unique<CLI::App>(description, "hexctl")) {
  app_->set_version_flag("--version", version);
  app_->require_subcommand(1);
  app_->fallthrough();
  app_->footer(footer);
}

Parser::~Parser() = default;

Command Parser::root() { return Command(app_.get()); }

int Parser::run(int argc, char** argv) {
  try {
    app_->parse(argc, argv);
    return kDone;
  } catch (const CLI::Success& e) {  // --help, --version
    return app_->exit(e);
  } catch (const CLI::ParseError& e) {
    CLI::App* failed = deepest(app_.get());
    std::string unknown = missing_command(failed);
    return usage_failure(failed, unknown.empty() ? e.what() : unknown);
  } catch (const UsageError& e) {
    return usage_failure(deepest(app_.get()), e.what());
  }
}

std::vector<HelpPage> Parser::help_pages() const {
  std::vector<HelpPage> pages;
  collect(app_.get(), pages);
  return pages;
}

}  // namespace hexctl::cli
