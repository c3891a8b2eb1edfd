// libFuzzer target: the whole classify pipeline on in-memory input, under
// both bad-row policies, with the table written as CSV, JSON and JSON Lines.
// abcgrade::Error is the expected outcome for bad input; any other exception,
// a crash or a sanitizer report is a finding. The first byte picks options.
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  abcgrade::fuzz::pipeline_case(data, size);
  return 0;
}
