#include "input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "errors.hpp"

namespace hexctl {

InputFile::InputFile(const std::string& path) : path_(path) {
  fd_ = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw UsageError("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) size_ = st.st_size;
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
}

InputFile::~InputFile() {
  if (fd_ > STDIN_FILENO) ::close(fd_);
}

std::size_t InputFile::read(char* buf, std::size_t size) {
  for (;;) {
    ssize_t n = ::read(fd_, buf, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) throw std::runtime_error("cannot read " + path_ + ": " + std::strerror(errno));
  }
}

}  // namespace hexctl
