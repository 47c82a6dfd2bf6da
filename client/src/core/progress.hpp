// The progress line "score load" draws on a terminal.
#pragma once
#include <cstdint>
#include <string>

namespace hexctl {
// "[#######.............]  35%  12.0 MiB" when total is known (> 0), "12.0 MiB" otherwise.
std::string progress_line(std::uint64_t done, std::uint64_t total, int bar_width = 30);
}
