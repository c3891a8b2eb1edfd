// User-written numbers -> Decimal (SPEC section 2, "Numbers").
//
// Accepted: an optional sign, digits, an optional decimal point; around them
// spaces, thousands separators in groups of three (`1,234.50`), one currency
// sign before the digits (¥ ￥ $ € £, the sign of the number may stand before
// or after it: `-$5`, `$-5`), and one Chinese unit suffix: 元, 万/万元
// (x 10 000), 亿/亿元 (x 100 000 000), 次. An empty field is 0. Everything
// else fails with a reason: exponents, a lone sign or unit, separators in the
// wrong places (so a decimal comma `1,5` is refused, never read as 15). This
// module does not know about columns or rows.
#pragma once

#include <cstdint>
#include <string_view>

#include "abcgrade/decimal.hpp"
#include "abcgrade/parse_result.hpp"

namespace abcgrade {

// The reasons parse_number gives, so callers and tests can tell them apart.
inline constexpr std::string_view kNotANumber = "not a number";
inline constexpr std::string_view kTooManyDecimals = "more than 8 decimal places";
inline constexpr std::string_view kNumberTooLarge = "too large (the limit is 10^22)";

// Reads one field as a number. Never throws.
ParseResult<Decimal> parse_number(std::string_view text);

// The common case, `-1234.56` (an optional minus, at most 18 digits, at most
// 8 after the point) and nothing else, inline: true and *out set when `text`
// is that form; parse_number handles everything else.
inline bool parse_plain_number(std::string_view text, Decimal* out) {
  static constexpr std::int64_t kScaleOf[] = {100000000, 10000000, 1000000, 100000, 10000,
                                              1000,      100,      10,      1};
  const char* p = text.data();
  const char* const end = p + text.size();
  const bool negative = p < end && *p == '-';
  p += negative;
  std::uint64_t m = 0;
  const char* const first = p;
  while (p < end && static_cast<unsigned char>(*p - '0') < 10)
    m = m * 10 + static_cast<unsigned>(*p++ - '0');
  std::ptrdiff_t digits = p - first, fraction = 0;
  if (p < end && *p == '.') {
    const char* const point = ++p;
    while (p < end && static_cast<unsigned char>(*p - '0') < 10)
      m = m * 10 + static_cast<unsigned>(*p++ - '0');
    fraction = p - point;
    digits += fraction;
  }
  if (p != end || digits == 0 || digits > 18 || fraction > Decimal::kScale) return false;
  const Int128 units = static_cast<Int128>(m) * kScaleOf[fraction];
  *out = Decimal::from_units(negative ? -units : units);
  return true;
}

}  // namespace abcgrade
