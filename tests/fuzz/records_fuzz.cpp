// libFuzzer target: the RFC 4180 record reader. The same bytes read in one
// chunk and in 7-byte chunks must give the same records (a line break inside
// quotes must never cut a chunk wrongly), and nothing may crash or read out
// of bounds. Errors (an unterminated quote, ...) must be abcgrade::Error.
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  abcgrade::fuzz::records_case(data, size);
  return 0;
}
