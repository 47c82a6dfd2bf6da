#include "progress_bar.hpp"

#include <unistd.h>

#include <iostream>
#include <utility>

#include "core/progress.hpp"

namespace hexctl {

ProgressBar::ProgressBar(std::uint64_t total, std::string label)
    : total_(total), label_(std::move(label)), enabled_(isatty(STDERR_FILENO)) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::cerr << "\r\033[K" << std::flush;
}

void ProgressBar::update(std::uint64_t done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  std::cerr << "\r" << label_ << ' ' << progress_line(done, total_) << std::flush;
}

}  // namespace hexctl
