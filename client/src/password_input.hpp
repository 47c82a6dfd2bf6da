// Passwords never come from the command line: from stdin (--password-stdin, one line), or
// typed at a terminal prompt without echo.
#pragma once
#include <string>

namespace hexctl {

// Throws UsageError when there is neither --password-stdin nor a terminal, when stdin is
// empty, or when the two entries of a confirmed prompt differ.
std::string read_password(bool from_stdin, bool confirm);

}  // namespace hexctl
