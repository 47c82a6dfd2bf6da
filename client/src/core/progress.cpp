#include "core/progress.hpp"

#include <fmt/format.h>

namespace hexctl {

std::string progress_line(std::uint64_t done, std::uint64_t total, int bar_width) {
  std::string size = fmt::format("{:.1f} MiB", done / (1024.0 * 1024.0));
  if (total == 0) return size;
  if (done > total) done = total;
  int filled = static_cast<int>(bar_width * done / total);
  int percent = static_cast<int>(100 * done / total);
  return fmt::format("[{}{}] {:3d}%  {}", std::string(filled, '#'),
                     std::string(bar_width - filled, '.'), percent, size);
}

}  // namespace hexctl
