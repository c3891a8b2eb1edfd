// The program's operator new: blocks from 1 MiB up are mapped on whole
// transparent huge pages (src/huge_mapping.hpp), the rest come from glibc's
// malloc. With 1 M customers the per-customer tables (hash slots, totals,
// the table rows) are hundreds of MiB read in random order: on 4 KiB pages
// nearly every row costs a TLB miss (aggregation 1.54 s -> 0.92 s on one
// thread with huge pages), and on the virtual machine this project is
// measured on every 4 KiB page costs about 10 us on first touch (README
// "Performance"). Debian ships THP in "madvise" mode, so a block gets huge
// pages only when asked.
//
// Every plain, nothrow and aligned form is replaced together, so no block
// is freed by another allocator's delete: operator delete gives a mapped
// block back with munmap (the set of mapped blocks says which they are) and
// anything else to free() (aligned small blocks come from posix_memalign).
//
// Under AddressSanitizer the sanitizer's own operator new must stay in
// charge (it checks new/delete pairing), so this file then defines no
// operator new, and set_up_allocation() only sets the mmap threshold.
#include "huge_pages.hpp"

#include <malloc.h>

#if defined(__SANITIZE_ADDRESS__)
#define ABCGRADE_SANITIZED_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ABCGRADE_SANITIZED_ALLOCATOR 1
#endif
#endif

#ifdef ABCGRADE_SANITIZED_ALLOCATOR
void abcgrade::cli::set_up_allocation() { ::mallopt(M_MMAP_THRESHOLD, 1 << 20); }
#else
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "../block_set.hpp"
#include "../huge_mapping.hpp"

namespace {

using abcgrade::kHugePage;

// Blocks from 1 MiB up are mapped here, on whole huge pages
// (src/huge_mapping.hpp), not by glibc: its blocks start 16 bytes into a
// mapping of any length, so no huge page fits one under 4 MiB and larger
// ones get 4 KiB pages at both ends. The 1 M-row file's run faulted 11,500
// small pages, most in blocks of 1-4 MiB that glibc mapped, freed and mapped
// again in one place; 5,900 with this, 540 with set_up_allocation() too
// (README "Performance"). A block takes at most one huge page more than it
// asks for.
constexpr std::size_t kOwnFrom = std::size_t{1} << 20;

// The blocks mapped here, so that operator delete tells them from malloc's.
// Constant-initialised: operator new may run before any constructor does.
constinit abcgrade::BlockSet<4096> own_blocks;

// The block that set_up_allocation() puts below the heap's first huge page
// boundary, kept for the program's life.
void* volatile filler = nullptr;

void* allocate_aligned(std::size_t size, std::size_t align) {
  if (size >= kOwnFrom && align <= kHugePage) {
    const std::size_t length = abcgrade::huge_pages_length(size);
    if (void* p = length == 0 ? nullptr : abcgrade::map_huge(length)) {
      if (own_blocks.add(reinterpret_cast<std::uintptr_t>(p), length)) return p;
      ::munmap(p, length);
    }
  }
  void* p = nullptr;
  if (::posix_memalign(&p, std::max(sizeof(void*), align), size == 0 ? 1 : size) != 0)
    throw std::bad_alloc();
  return p;
}

void* allocate(std::size_t size) {
  if (size >= kOwnFrom) return allocate_aligned(size, __STDCPP_DEFAULT_NEW_ALIGNMENT__);
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void* allocate_aligned(std::size_t size, std::align_val_t alignment) {
  return allocate_aligned(size, static_cast<std::size_t>(alignment));
}

// Our blocks start on a 2 MiB boundary; anything else is malloc's.
void release(void* p) noexcept {
  const std::uintptr_t address = reinterpret_cast<std::uintptr_t>(p);
  if (address != 0 && (address & (kHugePage - 1)) == 0) {
    if (const std::size_t length = own_blocks.remove(address)) {
      ::munmap(p, length);
      return;
    }
  }
  std::free(p);
}

}  // namespace

void abcgrade::cli::set_up_allocation() {
  // Blocks from 1 MiB up come from operator new's own mappings (above);
  // glibc would map such blocks 16 bytes into a mapping of any length, and
  // its dynamic threshold would keep tens of MiB per thread after loading.
  // Set last: until then the heap is laid out below, with blocks of up to
  // 2 MiB that glibc must not map.
  struct MmapThreshold {
    ~MmapThreshold() { ::mallopt(M_MMAP_THRESHOLD, 1 << 20); }
  } set_last;
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  // Everything smaller comes from the main heap, on huge pages: with
  // per-thread arenas and 4 KiB pages, the chunk buffers and per-chunk row
  // tables that the reading thread and the workers fill first thing took
  // 2,300 small-page faults on the 1 M-row file (about 23 ms of CPU at the
  // start of the load, where the workers waited for chunks). One arena: the
  // workers allocate only when a table grows, never per row, so its lock is
  // not contended. The heap grows by 64 MiB at a time and keeps what is
  // freed (only touched pages take memory), so that the advice below, given
  // once, covers it: a later extension would be a region of its own,
  // without it.
  constexpr std::size_t kHeapStep = std::size_t{64} << 20;
  ::mallopt(M_ARENA_MAX, 1);
  ::mallopt(M_TOP_PAD, static_cast<int>(kHeapStep));
  ::mallopt(M_TRIM_THRESHOLD, static_cast<int>(4 * kHeapStep));
  // A block larger than the heap's first top makes glibc grow it now, by
  // kHeapStep beyond the block (volatile: a malloc and free of an unused
  // block may be left out altogether).
  void* volatile grow = std::malloc(std::size_t{512} << 10);
  if (grow == nullptr) return;
  // Where its chunk starts (glibc puts two words of header before a block),
  // and so where the heap's free top starts once it is freed.
  const std::uintptr_t top = reinterpret_cast<std::uintptr_t>(grow) - 2 * sizeof(std::size_t);
  std::free(grow);
  // The heap is [end - its size, end): no thread has an arena of its own yet.
  const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  const std::uintptr_t size = ::mallinfo2().arena;
  if (size == 0 || size > end || top >= end) return;
  const std::uintptr_t begin = (end - size + kHugePage - 1) & ~(kHugePage - 1);
  if (begin >= end) return;
  // Advice only: where the kernel refuses (THP "never"), pages stay small.
  ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  // Blocks are carved from the top upwards, so the first ones would sit
  // below the first huge page boundary, on small pages: a block that is never
  // freed takes that stretch (only its first and last pages are touched).
  // Best effort: if glibc lays its heap out otherwise, some early blocks stay
  // on small pages. (The 64 bytes leave the filler above glibc's smallest
  // chunk when the top starts just below a boundary: it then fills to the
  // next one.)
  const std::uintptr_t boundary = (top + 64 + kHugePage - 1) & ~(kHugePage - 1);
  if (boundary < end) filler = std::malloc(boundary - top - sizeof(std::size_t));
}

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }

void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }

void* operator new(std::size_t size, std::align_val_t a) { return allocate_aligned(size, a); }
void* operator new[](std::size_t size, std::align_val_t a) { return allocate_aligned(size, a); }
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept {
  try {
    return allocate_aligned(size, a);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t& tag) noexcept {
  return operator new(size, a, tag);
}
void operator delete(void* p, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }

#endif  // ABCGRADE_SANITIZED_ALLOCATOR
