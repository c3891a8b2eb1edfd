#include "huge_pages.hpp"
#include "run.hpp"

int main(int argc, char** argv) {
  // Large buffers (chunks, per-customer tables) go back to the system when
  // freed, and memory comes on huge pages (src/cli/huge_pages.hpp; SPEC 6,
  // README "Performance").
  abcgrade::cli::set_up_allocation();
  return abcgrade::cli::run(argc, argv);
}
