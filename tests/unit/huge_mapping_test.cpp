// Unit tests of src/huge_mapping.hpp: the operator new's large blocks and
// MappedArray's storage start on a 2 MiB boundary and span whole 2 MiB
// pages, so that the kernel can back all of them with huge pages; a moved
// mapping keeps its bytes and its alignment, and its old place is gone.
#include "huge_mapping.hpp"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace abcgrade {
namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;

bool mapped(const void* p) {
  unsigned char in_core = 0;
  return ::mincore(const_cast<void*>(p), 4096, &in_core) == 0 || errno != ENOMEM;
}

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

TEST(HugePagesLength, RoundsUpToWholeHugePages) {
  EXPECT_EQ(huge_pages_length(1), 2 * kMiB);
  EXPECT_EQ(huge_pages_length(kMiB), 2 * kMiB);
  EXPECT_EQ(huge_pages_length(2 * kMiB), 2 * kMiB);
  EXPECT_EQ(huge_pages_length(2 * kMiB + 1), 4 * kMiB);
  EXPECT_EQ(huge_pages_length(SIZE_MAX), 0u);  // would overflow
}

TEST(MapHuge, StartsOnAHugePageAndIsZeroAndWritableThroughout) {
  for (std::size_t pages : {1, 3}) {
    const std::size_t length = pages * kHugePage;
    auto* p = static_cast<unsigned char*>(map_huge(length));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(address(p) % kHugePage, 0u);
    std::size_t nonzero = 0;
    for (std::size_t i = 0; i < length; i += 4096) nonzero += p[i] != 0;
    EXPECT_EQ(nonzero, 0u);
    std::memset(p, 0xA5, length);
    EXPECT_EQ(p[length - 1], 0xA5);
    ASSERT_EQ(::munmap(p, length), 0);
    EXPECT_FALSE(mapped(p));
  }
}

TEST(RemapHuge, KeepsTheBytesAndTheAlignmentAndLeavesTheOldPlace) {
  auto* p = static_cast<std::uint32_t*>(map_huge(kHugePage));
  ASSERT_NE(p, nullptr);
  const std::size_t n = kHugePage / sizeof(std::uint32_t);
  for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<std::uint32_t>(i * 2654435761u);
  auto* q = static_cast<std::uint32_t*>(remap_huge(p, kHugePage, 4 * kHugePage));
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(address(q) % kHugePage, 0u);
  EXPECT_FALSE(mapped(p));
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < n; ++i) wrong += q[i] != static_cast<std::uint32_t>(i * 2654435761u);
  for (std::size_t i = n; i < 4 * n; i += 1024) wrong += q[i] != 0;  // the new part reads as zeros
  EXPECT_EQ(wrong, 0u);
  q[4 * n - 1] = 7;  // writable to its end
  ASSERT_EQ(::munmap(q, 4 * kHugePage), 0);
}

}  // namespace
}  // namespace abcgrade
