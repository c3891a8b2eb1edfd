// Unit tests of src/two_halves.hpp: ranking and arranging 1 M customers run
// as two halves on two threads; every index must be covered exactly once,
// and a failure on either thread must come back as an exception.
#include "two_halves.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <new>
#include <stdexcept>
#include <thread>
#include <vector>

namespace abcgrade {
namespace {

TEST(InTwoHalves, BelowTheThresholdRunsOnceOverEverythingHere) {
  std::vector<int> calls;
  const std::thread::id here = std::this_thread::get_id();
  const bool split = in_two_halves(10, 11, [&](int half, std::size_t begin, std::size_t end) {
    EXPECT_EQ(std::this_thread::get_id(), here);
    calls.push_back(half);
    EXPECT_EQ(begin, 0u);
    EXPECT_EQ(end, 10u);
  });
  EXPECT_FALSE(split);
  EXPECT_EQ(calls, std::vector<int>{0});
}

TEST(InTwoHalves, FromTheThresholdEachIndexIsCoveredOnceByTwoHalves) {
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: no split";
  constexpr std::size_t n = 11;  // odd: the second half is the longer
  std::vector<std::atomic<int>> seen(n);
  std::atomic<int> calls{0};
  const bool split = in_two_halves(n, n, [&](int half, std::size_t begin, std::size_t end) {
    ++calls;
    EXPECT_EQ(begin, half == 0 ? 0u : n / 2);
    EXPECT_EQ(end, half == 0 ? n / 2 : n);
    for (std::size_t i = begin; i < end; ++i) ++seen[i];
  });
  EXPECT_TRUE(split);
  EXPECT_EQ(calls.load(), 2);
  for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(seen[i].load(), 1) << "index " << i;
}

TEST(InTwoHalves, AFailureOnTheOtherThreadIsRethrownAfterBothHalvesFinish) {
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: no split";
  std::atomic<bool> second_done{false};
  EXPECT_THROW(in_two_halves(100, 2,
                             [&](int half, std::size_t, std::size_t) {
                               if (half == 0) throw std::bad_alloc();
                               second_done = true;
                             }),
               std::bad_alloc);
  EXPECT_TRUE(second_done.load());
}

TEST(InTwoHalves, AFailureOnThisThreadWaitsForTheOtherHalf) {
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: no split";
  std::atomic<bool> first_done{false};
  EXPECT_THROW(in_two_halves(100, 2,
                             [&](int half, std::size_t, std::size_t) {
                               if (half == 1) throw std::runtime_error("second half");
                               std::this_thread::sleep_for(std::chrono::milliseconds(20));
                               first_done = true;
                             }),
               std::runtime_error);
  EXPECT_TRUE(first_done.load());
}

}  // namespace
}  // namespace abcgrade
