// Mappings that the kernel can back with transparent huge pages: whole
// 2 MiB pages starting on a 2 MiB boundary, advised with MADV_HUGEPAGE
// (Debian ships THP in "madvise" mode). A mapping of any other start or
// length gets 4 KiB pages where it does not cover a whole aligned 2 MiB; on
// the virtual machine this project is measured on, each of those costs
// about 10 us on first touch, as much as zeroing 150 KiB, where a 2 MiB page
// costs about 0.15 ms (README "Performance"). Used by the program's
// operator new (src/cli/huge_pages.cpp) and by MappedArray.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>

namespace abcgrade {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;

// `bytes` rounded up to whole huge pages; 0 when that would overflow.
inline std::size_t huge_pages_length(std::size_t bytes) {
  if (bytes > SIZE_MAX / 2) return 0;
  return (bytes + kHugePage - 1) & ~(kHugePage - 1);
}

namespace huge_mapping_detail {

// A reservation of `length` + one huge page, and the aligned start inside it.
struct Reservation {
  std::uintptr_t base = 0, begin = 0;
};

inline bool reserve(std::size_t length, Reservation* r) {
  void* p = ::mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
  if (p == MAP_FAILED) return false;
  r->base = reinterpret_cast<std::uintptr_t>(p);
  r->begin = (r->base + kHugePage - 1) & ~(kHugePage - 1);
  return true;
}

// Unmaps the reservation's parts before and after [begin, begin + length).
inline void trim(const Reservation& r, std::size_t length) {
  if (r.begin > r.base) ::munmap(reinterpret_cast<void*>(r.base), r.begin - r.base);
  ::munmap(reinterpret_cast<void*>(r.begin + length), r.base + kHugePage - r.begin);
}

inline void advise(std::uintptr_t begin, std::size_t length) {
  // Advice only: where the kernel refuses (THP "never"), pages stay small.
  ::madvise(reinterpret_cast<void*>(begin), length, MADV_HUGEPAGE);
}

}  // namespace huge_mapping_detail

// A new zero-filled mapping of `length` bytes (a multiple of kHugePage)
// starting on a huge page boundary; null when the kernel refuses it.
inline void* map_huge(std::size_t length) {
  huge_mapping_detail::Reservation r;
  if (length == 0 || !huge_mapping_detail::reserve(length, &r)) return nullptr;
  huge_mapping_detail::trim(r, length);
  huge_mapping_detail::advise(r.begin, length);
  return reinterpret_cast<void*>(r.begin);
}

// Moves the mapping [old, old + old_length) to a new place of `length`
// bytes (a multiple of kHugePage, at least old_length) on a huge page
// boundary, as mremap(2) does: the filled pages move, huge ones whole,
// nothing is copied, and the rest reads as zeros. Null, with the old mapping
// untouched, when the kernel refuses.
inline void* remap_huge(void* old, std::size_t old_length, std::size_t length) {
  huge_mapping_detail::Reservation r;
  if (!huge_mapping_detail::reserve(length, &r)) return nullptr;
  void* p = ::mremap(old, old_length, length, MREMAP_MAYMOVE | MREMAP_FIXED,
                     reinterpret_cast<void*>(r.begin));
  if (p == MAP_FAILED) {
    ::munmap(reinterpret_cast<void*>(r.base), length + kHugePage);
    return nullptr;
  }
  huge_mapping_detail::trim(r, length);
  huge_mapping_detail::advise(r.begin, length);
  return p;
}

}  // namespace abcgrade
