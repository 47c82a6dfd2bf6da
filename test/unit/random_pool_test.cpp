#include "core/uuid/random_pool.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <stdexcept>
#include <string>

using hexdb::RandomPool;

namespace {
int refills = 0;
uint8_t next_byte = 0;
void counting_source(uint8_t* buf, size_t n) {
  ++refills;
  for (size_t i = 0; i < n; ++i) buf[i] = next_byte++;
}
void failing_source(uint8_t*, size_t) { throw std::runtime_error("no entropy"); }
}  // namespace

TEST(RandomPool, RefillsOnlyWhenTheBufferRunsOut) {
  refills = 0;
  RandomPool pool(counting_source);
  uint8_t out[16];
  for (size_t i = 0; i < RandomPool::kCapacity / 16; ++i) pool.draw(out, 16, 1);
  EXPECT_EQ(refills, 1);
  pool.draw(out, 16, 1);
  EXPECT_EQ(refills, 2);
}

TEST(RandomPool, ANewOwnerNeverSeesTheParentsBytes) {
  refills = 0;
  next_byte = 0;
  RandomPool pool(counting_source);
  uint8_t parent[16], child[16];
  pool.draw(parent, 16, 100);
  pool.draw(child, 16, 200);  // a forked backend: same memory, different pid
  EXPECT_EQ(refills, 2);
  EXPECT_EQ(child[0], static_cast<uint8_t>(RandomPool::kCapacity % 256));
}

TEST(RandomPool, KernelBytesDoNotRepeat) {
  RandomPool pool;
  std::set<std::string> seen;
  uint8_t out[16];
  for (int i = 0; i < 100000; ++i) {
    pool.draw(out, 16, 1);
    ASSERT_TRUE(seen.emplace(reinterpret_cast<char*>(out), 16).second);
  }
}

TEST(RandomPool, AFailingSourceThrowsAndLeavesNothingStale) {
  RandomPool pool(failing_source);
  uint8_t out[16];
  EXPECT_THROW(pool.draw(out, 16, 1), std::runtime_error);
  EXPECT_THROW(pool.draw(out, 16, 1), std::runtime_error);
}

TEST(RandomPool, OpenSSLBytesDoNotRepeat) {
  RandomPool pool(RandomPool::openssl_source);
  std::set<std::string> seen;
  uint8_t out[16];
  for (int i = 0; i < 100000; ++i) {
    pool.draw(out, 16, 1);
    ASSERT_TRUE(seen.emplace(reinterpret_cast<char*>(out), 16).second);
  }
}

TEST(RandomPool, SwitchingSourceDiscardsBufferedBytes) {
  refills = 0;
  RandomPool pool(counting_source);
  uint8_t out[16];
  pool.draw(out, 16, 1);
  pool.set_source(counting_source);
  pool.draw(out, 16, 1);
  EXPECT_EQ(refills, 2);
}
