// A progress line on stderr, only when stderr is a terminal; redrawn at most 10 times a second.
// Bars of two threads (hexctl import's two sessions) take turns on the one line.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace hexctl {

class ProgressBar {
 public:
  // label starts the line ("loading", "users.txt").
  explicit ProgressBar(std::uint64_t total, std::string label = "loading");
  ~ProgressBar();  // clears the line
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::uint64_t done);

 private:
  std::uint64_t total_;
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace hexctl
