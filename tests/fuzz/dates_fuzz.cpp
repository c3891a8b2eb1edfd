// libFuzzer target: the date parser (SPEC 2 date forms and --date-format
// patterns) on any bytes. Nothing may crash; a date that reads must be a
// real day that prints as ISO and reads back; the first line is also tried
// as a --date-format pattern for the rest, which may only fail as a usage
// error.
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  abcgrade::fuzz::dates_case(data, size);
  return 0;
}
