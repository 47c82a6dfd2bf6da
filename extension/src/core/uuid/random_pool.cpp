#include "core/uuid/random_pool.hpp"

#include <openssl/rand.h>
#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace hexdb {

void RandomPool::kernel_source(uint8_t* buf, size_t n) {
  while (n > 0) {
    ssize_t got = getrandom(buf, n, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "getrandom failed");
    }
    buf += got;
    n -= static_cast<size_t>(got);
  }
}

void RandomPool::openssl_source(uint8_t* buf, size_t n) {
  if (RAND_bytes(buf, static_cast<int>(n)) != 1)
    throw std::runtime_error("OpenSSL RAND_bytes failed");
}

void RandomPool::refill(long owner) {
  used_ = kCapacity;  // if the source throws, nothing stale stays usable
  source_(buffer_, kCapacity);
  owner_ = owner;
  used_ = 0;
}

// Unused bytes of an abandoned source are erased rather than left in memory.
void RandomPool::wipe(size_t from, size_t n) noexcept {
  volatile uint8_t* p = buffer_ + from;
  for (size_t i = 0; i < n; ++i) p[i] = 0;
}

}  // namespace hexdb
