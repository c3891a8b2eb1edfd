// The program's allocation set-up (src/cli/huge_pages.cpp, which also
// replaces operator new): linked into abcgrade and stage_bench only.
#pragma once

namespace abcgrade::cli {

// Call first thing in main(), before any thread starts. Sets glibc's malloc
// up so that memory comes on transparent huge pages where it matters: blocks
// from 1 MiB up are mapped by operator new on whole huge pages, glibc maps
// none of its own under that size, every thread allocates from the one main
// heap (no per-thread arenas), and the heap's first 64 MiB are reserved at
// once and advised for huge pages. Under AddressSanitizer it only sets the
// mmap threshold (the sanitizer's allocator is in charge).
void set_up_allocation();

}  // namespace abcgrade::cli
