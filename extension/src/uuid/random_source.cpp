extern "C" {
#include "postgres.h"
#include "miscadmin.h"
}

#include "uuid/random_source.hpp"

#include "core/uuid/random_pool.hpp"

namespace hexdb::uuid {

namespace {
// Per backend and trivially destructible, so no exit-time destructor runs in a backend.
RandomPool random_pool;
}  // namespace

// Bytes carry the pid that drew them: a backend forked from a postmaster that preloaded the
// library never reuses the postmaster's buffered bytes.
void draw_random(uint8_t* buf, size_t n) { random_pool.draw(buf, n, MyProcPid); }

void use_random_source(settings::RandomSource source) noexcept {
  random_pool.set_source(source == settings::kOpenSSL ? RandomPool::openssl_source
                                                      : RandomPool::kernel_source);
}

}  // namespace hexdb::uuid
