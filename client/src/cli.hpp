// hexctl's command line, as the command files declare it. Only cli.cpp sees the parser library
// (CLI11, header-only): keeping it out of every other file keeps the build fast, and keeps
// the rules of an argument (a USER, a month, a day, a whole number in a range) in one place.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace hexctl::cli {

// An option or argument, to say how it relates to another one.
class Option {
 public:
  explicit Option(CLI::Option* option) : option_(option) {}
  // Giving both is bad usage.
  Option& excludes(Option other);
  // This one is bad usage without other.
  Option& needs(Option other);
  // An option that must be given.
  Option& required();

 private:
  CLI::Option* option_;
};

// What a command does, once every argument is parsed and checked: any callable without
// arguments. A holder of its own rather than std::function, whose header (<functional>) every
// command file would compile for nothing else (docs/benchmarks.md).
class Run {
 public:
  template <class F>
  Run(F f) : run_(std::make_shared<Holder<F>>(std::move(f))) {}  // implicit: on_run([...] { ... })
  void operator()() const { run_->run(); }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual void run() = 0;
  };
  template <class F>
  struct Holder : Base {
    explicit Holder(F f) : f_(std::move(f)) {}
    void run() override { f_(); }
    F f_;
  };
  std::shared_ptr<Base> run_;
};

// A command ("leaderboard") or a group of commands ("friend"). Names of arguments are
// upper case ("USER"), options start with "-" ("-n,--count").
class Command {
 public:
  explicit Command(CLI::App* app) : app_(app) {}

  // A group holds commands and is bad usage without one of them.
  Command group(const std::string& name, const std::string& help);
  Command command(const std::string& name, const std::string& help);
  void on_run(Run run);

  // A user's UUID or email (required when it is an argument).
  Option user(const std::string& name, std::string& target, const std::string& help);
  // A whole number from lo to hi (required when it is an argument).
  Option integer(const std::string& name, std::int64_t& target, std::int64_t lo, std::int64_t hi,
                 const std::string& help);
  // YYYY-MM; target stays empty when the option is not given.
  Option month(std::string& target);
  // An ISO 8601 day, YYYY-MM-DD.
  Option date(const std::string& name, std::string& target, const std::string& help);
  // An ISO 8601 time (a day, or a day and a time, with an optional zone).
  Option timestamp(const std::string& name, std::string& target, const std::string& help);
  // One of choices.
  Option choice(const std::string& name, std::string& target, std::vector<std::string> choices,
                const std::string& help);
  // A directory that exists (a required argument).
  Option directory(const std::string& name, std::string& target, const std::string& help);
  // Given or not: an optional option.
  Option choice(const std::string& name, std::optional<std::string>& target, std::vector<std::string> choices,
                const std::string& help);
  Option text(const std::string& name, std::optional<std::string>& target, const std::string& help);
  // Any text (required when it is an argument).
  Option text(const std::string& name, std::string& target, const std::string& help);
  Option flag(const std::string& name, bool& target, const std::string& help);

 private:
  CLI::App* app_;
};

// Every command's help, in the order of the command line (hexctl, hexctl user, hexctl user add, ...).
struct HelpPage {
  std::string command;  // "hexctl friend list"
  std::string text;     // exactly what "hexctl friend list --help" prints
};

class Parser {
 public:
  Parser(const std::string& description, const std::string& footer, const std::string& version);
  ~Parser();
  Command root();
  // Parses argv and runs the chosen command. Prints help, the version, or a usage error (one
  // line, then the command's usage line) and returns the exit status for it; returns 0 after
  // the command ran. The command's own failures (RefusedError, ...) pass through.
  int run(int argc, char** argv);
  std::vector<HelpPage> help_pages() const;

 private:
  std::unique_ptr<CLI::App> app_;
};

}  // namespace hexctl::cli
