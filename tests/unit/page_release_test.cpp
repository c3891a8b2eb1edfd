// Unit tests of src/page_release.hpp: finishing the totals gives copied
// records back in whole 2 MiB granules, continuing each call where the last
// one stopped; a byte not yet copied must never be released, and no granule
// may be left between two calls.
#include "page_release.hpp"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace abcgrade {
namespace {

constexpr std::uintptr_t kMiB = std::uintptr_t{1} << 20;

TEST(WholeGranules, RoundInwardOnBothSides) {
  struct Case {
    std::uintptr_t begin, end, first, last;
  };
  const Case cases[] = {
      {0, 4 * kMiB, 0, 4 * kMiB},                        // already aligned
      {64, 4 * kMiB + 64, 2 * kMiB, 4 * kMiB},           // a block's data after its header
      {2 * kMiB - 1, 6 * kMiB + 1, 2 * kMiB, 6 * kMiB},  // one byte either side
      {2 * kMiB, 2 * kMiB, 2 * kMiB, 2 * kMiB},          // empty
  };
  for (const Case& c : cases) {
    const GranuleRange r = whole_granules(c.begin, c.end, 2 * kMiB);
    EXPECT_EQ(r.first, c.first) << c.begin << ".." << c.end;
    EXPECT_EQ(r.last, c.last) << c.begin << ".." << c.end;
  }
  // Less than a granule: nothing (first > last).
  const GranuleRange small = whole_granules(kMiB, kMiB + 4096, 2 * kMiB);
  EXPECT_GE(small.first, small.last);
}

// On real memory, released in steps as finish_into does: what was released
// reads as zeros, everything else keeps its bytes, and the steps leave no
// whole granule behind.
TEST(ReleasePages, StepsReleaseEveryWholeGranuleOfTheCopiedPartAndNothingElse) {
  constexpr std::size_t kSize = 16 * kMiB;
  void* mapped = ::mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(mapped, MAP_FAILED);
  char* const block = static_cast<char*>(mapped);
  std::memset(block, 1, kSize);
  const char* const data = block + 100;  // not aligned, like a vector's data
  const std::size_t copied = 13 * kMiB + 12345;
  const char* released_to = data;
  for (std::size_t step = kMiB + 7; step <= copied; step += kMiB + 7)
    released_to = release_pages(released_to, data + step);
  released_to = release_pages(released_to, data + copied);

  const GranuleRange all =
      whole_granules(reinterpret_cast<std::uintptr_t>(data),
                     reinterpret_cast<std::uintptr_t>(data + copied), kReleaseGranule);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(released_to), all.last);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < kSize; i += 512) {
    const std::uintptr_t at = reinterpret_cast<std::uintptr_t>(block + i);
    const char expected = at >= all.first && at < all.last ? 0 : 1;
    wrong += block[i] != expected;
  }
  EXPECT_EQ(wrong, 0u);
  ::munmap(mapped, kSize);
}

}  // namespace
}  // namespace abcgrade
