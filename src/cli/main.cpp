#include <malloc.h>

#include "run.hpp"

int main(int argc, char** argv) {
  // Large buffers (chunks, per-customer tables) come from mmap and go back to
  // the system when freed: glibc's dynamic threshold would otherwise keep
  // tens of MiB per thread after the loading phase (SPEC 6, README
  // "Performance").
  ::mallopt(M_MMAP_THRESHOLD, 1 << 20);
  return abcgrade::cli::run(argc, argv);
}
