// Cryptographically secure random bytes, buffered so that one UUID costs a memcpy instead of a
// system call. Two sources: the kernel's CSPRNG (getrandom, the default) or OpenSSL's DRBG
// (NIST SP 800-90A, seeded and reseeded from the kernel; what PostgreSQL's own
// gen_random_uuid() uses), which on some machines is ten times cheaper per byte.
// No PostgreSQL header: unit-tested alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace hexdb {

class RandomPool {
 public:
  // Fills buf with n bytes from the kernel CSPRNG or throws std::system_error.
  using Source = void (*)(uint8_t* buf, size_t n);
  static void kernel_source(uint8_t* buf, size_t n);
  static void openssl_source(uint8_t* buf, size_t n);

  explicit RandomPool(Source source = kernel_source) noexcept : source_(source) {}

  // Copies n (<= kCapacity) fresh bytes into out. owner names the process drawing them (its
  // pid): bytes buffered by another owner, such as a postmaster that preloaded the library
  // and then forked, are thrown away, so two backends never hand out the same bytes.
  // May throw std::system_error.
  void draw(uint8_t* out, size_t n, long owner) {
    if (owner != owner_ || n > kCapacity - used_) refill(owner);
    std::memcpy(out, buffer_ + used_, n);
    used_ += n;
  }

  // Switches the source; bytes buffered from the old one are discarded.
  void set_source(Source source) noexcept {
    source_ = source;
    wipe(used_, kCapacity - used_);
    used_ = kCapacity;
  }

  static constexpr size_t kCapacity = 8192;

 private:
  void refill(long owner);
  void wipe(size_t from, size_t n) noexcept;

  Source source_;
  long owner_ = -1;
  size_t used_ = kCapacity;
  uint8_t buffer_[kCapacity];
};

}  // namespace hexdb
