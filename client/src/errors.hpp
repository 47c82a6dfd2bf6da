// The three ways a command fails, one per exit status (SPEC.md): main.cpp maps them.
#pragma once
#include <stdexcept>
#include <string>

namespace hexctl {

enum ExitStatus { kDone = 0, kRefused = 1, kUsage = 2, kCannotConnect = 3 };

// Bad usage: exit 2, printed with the command's help.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The database refused (or found nothing to act on): exit 1. sqlstate is empty when the
// refusal is hexctl's own finding (no such user, nothing removed).
struct RefusedError : std::runtime_error {
  RefusedError(const std::string& message, std::string state = "", std::string detail_text = "",
               std::string hint_text = "", std::string context_text = "")
      : std::runtime_error(message), sqlstate(std::move(state)), detail(std::move(detail_text)),
        hint(std::move(hint_text)), context(std::move(context_text)) {}
  std::string sqlstate, detail, hint, context;
};

// The server cannot be reached or refused the connection: exit 3.
struct ConnectError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace hexctl
