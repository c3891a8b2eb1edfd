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

}  // namespace abcgrade
