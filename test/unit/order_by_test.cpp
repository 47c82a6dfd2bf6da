// A permutation of positions in key order; equal keys keep their rows' order.
#include <gtest/gtest.h>

#include <string>

#include "core/sort/order_by.hpp"

TEST(OrderBy, PositionsInKeyOrderTiesInRowOrder) {
  std::vector<std::pair<int, std::string>> rows = {{3, "a"}, {1, "b"}, {3, "c"}, {2, "d"}, {1, "e"}};
  std::vector<size_t> order = hexdb::sort::order_by(rows, [](const auto& r) { return r.first; });
  EXPECT_EQ(order, (std::vector<size_t>{1, 4, 3, 0, 2}));
  EXPECT_TRUE(hexdb::sort::order_by(std::vector<int>{}, [](int x) { return x; }).empty());
}
