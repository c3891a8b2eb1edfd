// Unit tests of src/block_set.hpp: the operator new's set of mapped blocks.
// operator delete asks it whether a block is one of its own, so a block in
// the set must always be found (else it goes to free(), which crashes) and
// one not in it never (else malloc's block is unmapped). Removal shifts the
// rest of a probe run back instead of leaving a tombstone; a wrong shift
// loses an entry, which the reference comparison below catches.
#include "block_set.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>

namespace abcgrade {
namespace {

constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;

TEST(BlockSet, FindsWhatWasAddedAndNothingElse) {
  BlockSet<64> set;
  EXPECT_EQ(set.remove(5 * kHuge), 0u);
  ASSERT_TRUE(set.add(5 * kHuge, 3 * kHuge));
  EXPECT_EQ(set.remove(6 * kHuge), 0u);
  EXPECT_EQ(set.remove(5 * kHuge), 3 * kHuge);
  EXPECT_EQ(set.remove(5 * kHuge), 0u);  // once only
  EXPECT_EQ(set.size(), 0u);
}

TEST(BlockSet, RefusesPastHalfFullAndTakesMoreOnceOneLeaves) {
  BlockSet<16> set;
  for (std::uintptr_t i = 1; i <= 8; ++i) ASSERT_TRUE(set.add(i * kHuge, i)) << i;
  EXPECT_FALSE(set.add(9 * kHuge, 9));
  EXPECT_EQ(set.remove(9 * kHuge), 0u);  // the refused one is not in the set
  EXPECT_EQ(set.remove(4 * kHuge), 4u);
  EXPECT_TRUE(set.add(9 * kHuge, 9));
  for (std::uintptr_t i : {1, 2, 3, 5, 6, 7, 8, 9}) EXPECT_EQ(set.remove(i * kHuge), i) << i;
}

// Random adds and removes on a small table, so that probe runs are long,
// collide and wrap around its end, checked against std::map after each step.
TEST(BlockSet, AgreesWithAMapThroughRandomAddsAndRemoves) {
  BlockSet<64> set;
  std::map<std::uintptr_t, std::size_t> reference;
  std::mt19937_64 rng(42);
  std::uint64_t disagreements = 0;
  for (int step = 0; step < 200'000; ++step) {
    const std::uintptr_t block = (1 + rng() % 100) * kHuge;  // reused addresses
    const auto found = reference.find(block);
    if (found == reference.end() && rng() % 2 == 0) {
      const std::size_t length = 1 + rng() % 1000;
      const bool added = set.add(block, length);
      disagreements += added != (reference.size() < 32);
      if (added) reference.emplace(block, length);
    } else {
      const std::size_t expected = found == reference.end() ? 0 : found->second;
      disagreements += set.remove(block) != expected;
      if (found != reference.end()) reference.erase(found);
    }
    disagreements += set.size() != reference.size();
  }
  EXPECT_EQ(disagreements, 0u);
  for (const auto& [block, length] : reference) EXPECT_EQ(set.remove(block), length);
  EXPECT_EQ(set.size(), 0u);
}

}  // namespace
}  // namespace abcgrade
