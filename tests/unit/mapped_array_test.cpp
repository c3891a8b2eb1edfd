// Unit tests of src/mapped_array.hpp: the aggregator's records and order log
// grow by mremap(2), which moves their pages instead of copying them. Every
// value written must survive every move, new elements start as their type's
// default (a customer's record starts with `orders_increasing` set), and
// the records' 64-byte alignment must hold whatever the mapping's address.
#include "mapped_array.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>

namespace abcgrade {
namespace {

// Like the aggregator's Running: aligned to a cache line, with defaults.
struct alignas(64) Record {
  std::uint64_t key = 0;
  bool increasing = true;
  char pad[40] = {};
};

TEST(MappedArray, ValuesSurviveEveryGrowth) {
  // 3 M values of 8 bytes: from the first 64 KiB mapping through nine
  // doublings, past several 2 MiB huge pages.
  MappedArray<std::uint64_t> a;
  constexpr std::uint64_t kN = 3'000'000;
  for (std::uint64_t i = 0; i < kN; ++i) a.push_back(i * 2654435761u);
  ASSERT_EQ(a.size(), kN);
  std::uint64_t wrong = 0;
  for (std::uint64_t i = 0; i < kN; ++i) wrong += a[i] != i * 2654435761u;
  EXPECT_EQ(wrong, 0u);
}

TEST(MappedArray, NewRecordsStartAsDefaultsAndStayAligned) {
  MappedArray<Record> a;
  std::uint64_t wrong = 0;
  for (std::uint64_t i = 0; i < 100'000; ++i) {
    Record& r = a.emplace_back();
    wrong += r.key != 0 || !r.increasing;
    wrong += reinterpret_cast<std::uintptr_t>(&r) % alignof(Record) != 0;
    r.key = i + 1;
    r.increasing = i % 2 == 0;
  }
  EXPECT_EQ(wrong, 0u);
  for (std::uint64_t i = 0; i < a.size(); ++i) {
    wrong += a[i].key != i + 1 || a[i].increasing != (i % 2 == 0);
  }
  EXPECT_EQ(wrong, 0u);
}

TEST(MappedArray, ResizeShrinksKeepsThePrefixAndGrowsWithDefaults) {
  MappedArray<Record> a;
  for (std::uint64_t i = 0; i < 10; ++i) a.emplace_back().key = i + 7;
  a.resize(4);  // the order log's compaction keeps a prefix
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(a[3].key, 10u);
  a.resize(50'000);  // past the first mapping
  ASSERT_EQ(a.size(), 50'000u);
  EXPECT_EQ(a[0].key, 7u);
  EXPECT_EQ(a[3].key, 10u);
  // Grown again after a shrink: defaults, not what was there before.
  EXPECT_EQ(a[4].key, 0u);
  EXPECT_TRUE(a[4].increasing);
  EXPECT_EQ(a[49'999].key, 0u);
}

// Past its first 64 KiB an array lives on whole huge pages on a huge page
// boundary (src/huge_mapping.hpp), however often it has grown: a mapping
// the kernel placed itself after a move need not be aligned, and then its
// ends would get 4 KiB pages.
TEST(MappedArray, GrownArraysStartOnAHugePageBoundary) {
  MappedArray<std::uint64_t> a;
  a.push_back(1);
  std::size_t misaligned = 0, growths = 0;
  const std::uint64_t* data = a.data();
  for (std::uint64_t i = 1; i < 2'000'000; ++i) {
    a.push_back(i + 1);
    if (a.data() != data) {
      data = a.data();
      ++growths;
      misaligned += reinterpret_cast<std::uintptr_t>(data) % kHugePage != 0;
    }
  }
  EXPECT_GE(growths, 3u);  // 64 KiB -> 2 MiB -> 4 MiB -> 8 MiB -> 16 MiB
  EXPECT_EQ(misaligned, 0u);
  EXPECT_EQ(a[1'999'999], 2'000'000u);
}

TEST(MappedArray, MovesHandOverTheMappingAndReleaseEmpties) {
  MappedArray<std::uint32_t> a;
  for (std::uint32_t i = 0; i < 70'000; ++i) a.push_back(i);
  const std::uint32_t* data = a.data();
  MappedArray<std::uint32_t> b = std::move(a);
  EXPECT_EQ(b.data(), data);
  EXPECT_EQ(b.size(), 70'000u);
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
  a = std::move(b);
  EXPECT_EQ(a[69'999], 69'999u);
  a.release();
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(a.data(), nullptr);
  a.push_back(5);  // usable again after a release
  EXPECT_EQ(a[0], 5u);
}

}  // namespace
}  // namespace abcgrade
