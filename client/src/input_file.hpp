// A file read in large blocks ('-' is stdin), owning its descriptor.
#pragma once
#include <cstdint>
#include <string>

namespace hexctl {

class InputFile {
 public:
  // Throws UsageError when the file cannot be opened.
  explicit InputFile(const std::string& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Up to size bytes into buf; 0 at the end. Throws std::runtime_error on a read error.
  std::size_t read(char* buf, std::size_t size);
  // The size of a regular file, 0 when unknown (a pipe).
  std::uint64_t size() const { return size_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

}  // namespace hexctl
