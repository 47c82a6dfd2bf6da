#include "password_input.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "errors.hpp"

namespace hexctl {

namespace {

// Turns terminal echo off for its lifetime.
class EchoOff {
 public:
  EchoOff() {
    if (tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~ECHO;
    active_ = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

std::string read_line(std::istream& in) {
  std::string line;
  if (!std::getline(in, line)) throw UsageError("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string prompt(const char* text) {
  std::cerr << text << std::flush;
  EchoOff quiet;
  std::string line = read_line(std::cin);
  std::cerr << '\n';
  return line;
}

}  // namespace

std::string read_password(bool from_stdin, bool confirm) {
  if (from_stdin) return read_line(std::cin);
  if (!isatty(STDIN_FILENO))
    throw UsageError("a password is needed: pipe it with --password-stdin, or run on a terminal");
  std::string password = prompt("Password: ");
  if (confirm && prompt("Repeat password: ") != password)
    throw UsageError("the two passwords differ");
  return password;
}

}  // namespace hexctl
