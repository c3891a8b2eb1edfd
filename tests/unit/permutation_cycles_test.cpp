// Unit tests of src/permutation_cycles.hpp: the listing that splits the
// in-place reordering of customers between two threads. Each cycle must be
// listed whole, once, in the order p, order[p], ..., with fixed points left
// out, and `order` must come back unchanged; checked against the definition
// for permutations of every shape the ranking can give.
#include "permutation_cycles.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace abcgrade {
namespace {

// The number of cycles of length 2 or more, by marking one cycle at a time.
std::size_t cycles_by_definition(const std::vector<std::uint32_t>& order) {
  std::vector<bool> seen(order.size(), false);
  std::size_t cycles = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (seen[i] || order[i] == i) continue;
    ++cycles;
    for (std::size_t j = i; !seen[j]; j = order[j]) seen[j] = true;
  }
  return cycles;
}

void expect_cycles_listed(const std::vector<std::uint32_t>& order) {
  std::vector<std::uint32_t> scratch = order, walk, starts;
  list_cycles(scratch, walk, starts);
  ASSERT_EQ(scratch, order) << "order is not restored";
  ASSERT_FALSE(starts.empty());
  ASSERT_EQ(starts.back(), walk.size());
  EXPECT_EQ(starts.size() - 1, cycles_by_definition(order));
  std::vector<int> times(order.size(), 0);
  for (std::uint32_t p : walk) ++times[p];
  for (std::size_t p = 0; p < order.size(); ++p)
    ASSERT_EQ(times[p], order[p] == p ? 0 : 1) << "position " << p;
  for (std::size_t c = 0; c + 1 < starts.size(); ++c) {
    const std::size_t first = starts[c], end = starts[c + 1];
    ASSERT_LT(first + 1, end) << "a cycle of one position";
    for (std::size_t m = first; m + 1 < end; ++m)
      ASSERT_EQ(order[walk[m]], walk[m + 1]) << "cycle " << c << ", move " << m;
    ASSERT_EQ(order[walk[end - 1]], walk[first]) << "cycle " << c << " does not close";
  }
}

std::vector<std::uint32_t> identity(std::size_t n) {
  std::vector<std::uint32_t> v(n);
  std::iota(v.begin(), v.end(), 0u);
  return v;
}

TEST(ListCycles, EmptyAndIdentityHaveNoCycle) {
  for (std::size_t n : {0, 1, 2, 17, 1000}) expect_cycles_listed(identity(n));
}

TEST(ListCycles, ReversedIsAllPairs) {
  expect_cycles_listed([] {
    std::vector<std::uint32_t> v = identity(1001);
    std::reverse(v.begin(), v.end());
    return v;
  }());
}

TEST(ListCycles, OneCycleThroughEveryPosition) {
  // More positions than walkers, so that the walkers meet inside it.
  for (std::size_t n : {2, 3, 15, 16, 17, 100, 4099}) {
    for (std::size_t step : {std::size_t{1}, n - 1}) {  // forward and backward
      std::vector<std::uint32_t> v(n);
      for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint32_t>((i + step) % n);
      expect_cycles_listed(v);
    }
  }
}

TEST(ListCycles, RandomPermutations) {
  std::mt19937 rng(20261125);
  for (std::size_t n : {5, 31, 64, 65, 1000, 100003}) {
    for (int round = 0; round < 5; ++round) {
      std::vector<std::uint32_t> v = identity(n);
      std::shuffle(v.begin(), v.end(), rng);
      expect_cycles_listed(v);
    }
  }
}

TEST(ListCycles, MostlyFixedWithScatteredSwaps) {
  // Ranking input that is nearly in order: long runs of fixed points.
  std::mt19937 rng(7);
  std::vector<std::uint32_t> v = identity(50000);
  std::uniform_int_distribution<std::size_t> any(0, v.size() - 1);
  for (int swaps = 0; swaps < 300; ++swaps) std::swap(v[any(rng)], v[any(rng)]);
  expect_cycles_listed(v);
}

}  // namespace
}  // namespace abcgrade
