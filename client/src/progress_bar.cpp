#include "progress_bar.hpp"

#include <unistd.h>

#include <iostream>
#include <mutex>
#include <utility>

#include "core/progress.hpp"

namespace hexctl {

namespace {
std::mutex line;  // a whole redraw at a time
}  // namespace

ProgressBar::ProgressBar(std::uint64_t total, std::string label)
    : total_(total), label_(std::move(label)), enabled_(isatty(STDERR_FILENO)) {}

ProgressBar::~ProgressBar() {
  if (!drawn_) return;
  std::lock_guard<std::mutex> hold(line);
  std::cerr << "\r\033[K" << std::flush;
}

void ProgressBar::update(std::uint64_t done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  std::lock_guard<std::mutex> hold(line);
  std::cerr << "\r" << label_ << ' ' << progress_line(done, total_) << "\033[K" << std::flush;
}

}  // namespace hexctl
