// The value-or-reason that per-field parsers return (STYLE D.2): a bad field
// is an expected event that the loader turns into a rejected row or an error,
// so parsers never throw for it.
#pragma once

#include <string_view>

namespace abcgrade {

template <class T>
struct ParseResult {
  T value{};
  // Why the text did not read; empty when it did. A static string, so that a
  // failed parse costs no allocation. Phrased to follow `cannot read "x" as a
  // number`: e.g. "more than 8 decimal places".
  std::string_view failure;
  // True when the text did not read at all (as opposed to read but out of range).
  bool ok() const { return failure.empty(); }

  static ParseResult success(T v) { return ParseResult{v, {}}; }
  static ParseResult fail(std::string_view why) { return ParseResult{T{}, why}; }
};

}  // namespace abcgrade
