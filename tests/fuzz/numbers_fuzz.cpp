// libFuzzer target: the number parser (SPEC 2 number forms) on any bytes.
// Nothing may crash, and a number that reads must print (8 digits) and read
// back to the same value.
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  abcgrade::fuzz::numbers_case(data, size);
  return 0;
}
