// Gives memory that a step has read for the last time back to the system
// before its block is freed, so that the next step's new pages are these
// ones. On the machine this project is measured on (a virtual machine whose
// free memory goes back to its host), a page the process has not had
// recently costs about ten times as much to fault in as one it just gave
// back (README "Performance"). Private to the aggregator.
#pragma once

#include <sys/mman.h>

#include <cstdint>

#include "huge_mapping.hpp"

namespace abcgrade {

// Whole huge pages at a time: advice on part of one would split the 2 MiB
// page the block was given (src/cli/huge_pages.cpp), and the rest of it
// would stay.
constexpr std::uintptr_t kReleaseGranule = kHugePage;

// The whole granules inside [begin, end): [first, last), empty when
// first >= last. REQUIRES: granule is a power of two.
struct GranuleRange {
  std::uintptr_t first = 0, last = 0;
};
inline GranuleRange whole_granules(std::uintptr_t begin, std::uintptr_t end,
                                   std::uintptr_t granule) {
  return {(begin + granule - 1) & ~(granule - 1), end & ~(granule - 1)};
}

// Releases the whole granules inside [begin, end) and returns where the
// released part ends (`begin` when there is none), which is where the next
// call over the same block starts, so that no granule is left between two
// calls. REQUIRES: nothing reads or writes the released bytes again (they
// would read as zeros); the block that holds them is still freed as usual.
inline const char* release_pages(const char* begin, const char* end) {
  const GranuleRange r = whole_granules(reinterpret_cast<std::uintptr_t>(begin),
                                        reinterpret_cast<std::uintptr_t>(end), kReleaseGranule);
  if (r.first >= r.last) return begin;
  // Advice only: where it fails, the pages are freed with their block.
  ::madvise(reinterpret_cast<void*>(r.first), r.last - r.first, MADV_DONTNEED);
  return reinterpret_cast<const char*>(r.last);
}

}  // namespace abcgrade
