// Tests of the program's allocation (src/cli/huge_pages.cpp), linked into
// this binary as into abcgrade: blocks from 1 MiB up start on a 2 MiB
// boundary (so that huge pages back them) and go back to the system when
// deleted, in every form of new and delete; smaller blocks and failures
// behave as the standard says; after set_up_allocation(), small blocks of
// every thread come from heap advised for huge pages. Under AddressSanitizer
// the file defines no operator new (the sanitizer's allocator stays in
// charge) and these are skipped.
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/huge_pages.hpp"

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kOwnAllocator = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kOwnAllocator = false;
#else
constexpr bool kOwnAllocator = true;
#endif
#else
constexpr bool kOwnAllocator = true;
#endif

constexpr std::size_t kMiB = std::size_t{1} << 20;
constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

bool on_huge_boundary(const void* p) { return address(p) % kHugePage == 0; }

// Whether the page at `address` is mapped (taken as a number: the block may
// be deleted by then).
bool mapped(std::uintptr_t address) {
  // Hides where the number came from: g++ 12 warns of a use after free
  // although mincore(2) only asks about the address.
  asm volatile("" : "+r"(address));
  unsigned char in_core = 0;
  return ::mincore(reinterpret_cast<void*>(address), 4096, &in_core) == 0 || errno != ENOMEM;
}

class OperatorNew : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!kOwnAllocator) GTEST_SKIP() << "the sanitizer's operator new is in charge";
  }
};

TEST_F(OperatorNew, LargeBlocksStartOnAHugePageAndGoBackWhenDeleted) {
  for (std::size_t size : {kMiB, 2 * kMiB, 5 * kMiB + 3}) {
    auto* p = new char[size];
    EXPECT_TRUE(on_huge_boundary(p)) << size;
    std::memset(p, 1, size);  // writable to its end
    EXPECT_EQ(p[size - 1], 1);
    const std::uintptr_t at = address(p);
    delete[] p;
    EXPECT_FALSE(mapped(at)) << size;
  }
}

TEST_F(OperatorNew, EveryFormOfNewAndDeleteAgrees) {
  void* plain = ::operator new(3 * kMiB);
  void* nothrow = ::operator new(3 * kMiB, std::nothrow);
  void* aligned = ::operator new (3 * kMiB, std::align_val_t{4096});
  void* aligned_nothrow = ::operator new[](3 * kMiB, std::align_val_t{64}, std::nothrow);
  std::vector<std::uintptr_t> at;
  for (void* p : {plain, nothrow, aligned, aligned_nothrow}) {
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(on_huge_boundary(p));
    at.push_back(address(p));
  }
  ::operator delete(plain, 3 * kMiB);
  ::operator delete(nothrow, std::nothrow);
  ::operator delete (aligned, std::align_val_t{4096});
  ::operator delete[](aligned_nothrow, std::align_val_t{64}, std::nothrow);
  for (std::uintptr_t a : at) EXPECT_FALSE(mapped(a));
}

// Below 1 MiB a block is malloc's, packed with others: were it mapped on a
// huge page of its own, each would start on a 2 MiB boundary and take 2 MiB.
TEST_F(OperatorNew, SmallBlocksStayMallocsAndWork) {
  std::vector<char*> blocks;
  std::size_t on_boundary = 0;
  for (int i = 0; i < 64; ++i) {
    for (std::size_t size : {std::size_t{1}, std::size_t{4096}, kMiB - 1}) {
      char* p = new char[size];
      std::memset(p, 2, size);
      on_boundary += on_huge_boundary(p);
      blocks.push_back(p);
    }
  }
  EXPECT_LE(on_boundary, 2u);  // malloc may land on one by chance
  for (char* p : blocks) {
    EXPECT_EQ(p[0], 2);
    delete[] p;
  }
}

// A run allocates and frees many large blocks (every vector that doubles);
// the set that tells them from malloc's must not fill up with blocks long
// gone, or later blocks would silently lose their huge pages.
TEST_F(OperatorNew, ManyLargeBlocksComeAndGoWithoutFillingTheSet) {
  std::mt19937_64 rng(7);
  std::vector<std::pair<char*, std::size_t>> live;
  std::size_t misaligned = 0, wrong = 0;
  for (int step = 0; step < 6000; ++step) {
    if (live.size() < 100 && (live.empty() || rng() % 2 == 0)) {
      const std::size_t size = kMiB + rng() % (8 * kMiB);
      char* p = new char[size];
      misaligned += !on_huge_boundary(p);
      p[0] = p[size - 1] = static_cast<char>(size);
      live.emplace_back(p, size);
    } else {
      const std::size_t i = rng() % live.size();
      auto [p, size] = live[i];
      wrong += p[0] != static_cast<char>(size) || p[size - 1] != static_cast<char>(size);
      delete[] p;
      live[i] = live.back();
      live.pop_back();
    }
  }
  for (auto [p, size] : live) delete[] p;
  EXPECT_EQ(misaligned, 0u);
  EXPECT_EQ(wrong, 0u);
}

TEST_F(OperatorNew, ImpossibleSizesThrowOrGiveNull) {
  const std::size_t huge = SIZE_MAX / 2;
  EXPECT_THROW((void)::operator new(huge), std::bad_alloc);
  EXPECT_THROW((void)::operator new (huge, std::align_val_t{64}), std::bad_alloc);
  EXPECT_EQ(::operator new(huge, std::nothrow), nullptr);
  EXPECT_EQ(::operator new[](huge, std::align_val_t{64}, std::nothrow), nullptr);
}

TEST_F(OperatorNew, AGrowingVectorKeepsItsValues) {
  std::vector<std::uint32_t> v;
  for (std::uint32_t i = 0; i < 10'000'000; ++i) v.push_back(i * 2654435761u);
  std::size_t wrong = 0;
  for (std::uint32_t i = 0; i < v.size(); ++i) wrong += v[i] != i * 2654435761u;
  EXPECT_EQ(wrong, 0u);
  EXPECT_TRUE(on_huge_boundary(v.data()));
}

// One mapping of /proc/self/smaps (proc(5)).
struct Mapping {
  std::uintptr_t from = 0, to = 0;
  bool heap = false;              // the [heap]
  bool advised_for_huge = false;  // "hg" in its VmFlags
};

std::vector<Mapping> mappings() {
  std::vector<Mapping> out;
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  while (std::getline(smaps, line)) {
    if (line.rfind("VmFlags:", 0) == 0) {
      if (!out.empty()) out.back().advised_for_huge = line.find(" hg") != std::string::npos;
      continue;
    }
    Mapping m;
    char dash = 0;
    std::istringstream head(line);
    // A mapping's first line starts "from-to perms ..."; its other lines "Name:  value".
    if (line.find(':') < line.find(' ') || !(head >> std::hex >> m.from >> dash >> m.to) ||
        dash != '-') {
      continue;
    }
    m.heap = line.find("[heap]") != std::string::npos;
    out.push_back(m);
  }
  return out;
}

// The chunk buffers and per-chunk row tables (a few hundred KiB each) are
// filled first thing by the reading thread and the workers; with per-thread
// arenas on 4 KiB pages they took 2,300 faults on the 1 M-row file. After
// set_up_allocation() (called by main below, as by abcgrade's) the heap has
// 64 MiB advised for huge pages, and a worker's blocks come from that part
// of that heap, not from an arena of its own.
TEST_F(OperatorNew, AfterSetUpThreadsAllocateFromAHeapOnHugePages) {
  void* block = nullptr;
  std::thread([&] { block = std::malloc(300 << 10); }).join();
  ASSERT_NE(block, nullptr);
  std::uintptr_t advised_heap = 0;
  bool block_on_advised_heap = false;
  for (const Mapping& m : mappings()) {
    if (!m.heap || !m.advised_for_huge) continue;
    advised_heap += m.to - m.from;
    block_on_advised_heap =
        block_on_advised_heap || (m.from <= address(block) && address(block) < m.to);
  }
  EXPECT_GE(advised_heap, std::uintptr_t{60} << 20);
  EXPECT_TRUE(block_on_advised_heap);
  std::free(block);
}

}  // namespace

// As abcgrade's main: the allocation is set up before anything else runs.
int main(int argc, char** argv) {
  abcgrade::cli::set_up_allocation();
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
