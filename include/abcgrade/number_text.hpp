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
#include <cstring>
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

namespace number_text_detail {

inline constexpr std::int64_t kScaleOf[] = {100000000, 10000000, 1000000, 100000, 10000,
                                            1000,      100,      10,      1};

// The form of parse_plain_number for 1-8 characters after the minus (the
// amounts of nearly every row), a word at a time with no branch per
// character: a digit loop's exit was mispredicted on most numbers, half of
// the time spent reading them. False when `body` is not digits with at most
// one point and at least one digit.
inline bool parse_short_plain(const char* body, std::size_t size, std::uint64_t* mantissa,
                              std::size_t* fraction) {
  // The bytes in the word's low `size` bytes (body[0] lowest), zeros above;
  // two overlapping 4-byte loads never read outside the field.
  std::uint64_t w;
  if (size >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, body, 4);
    std::memcpy(&hi, body + size - 4, 4);
    w = lo | (static_cast<std::uint64_t>(hi) << (8 * (size - 4)));
  } else {
    w = 0;
    for (std::size_t i = 0; i < size; ++i)
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(body[i])) << (8 * i);
  }
  // The first '.', if any (the lowest zero byte of w ^ "........" is exact).
  const std::uint64_t x = w ^ 0x2E2E2E2E2E2E2E2EULL;
  const std::uint64_t dots = (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
  const std::size_t point = dots == 0 ? size : static_cast<std::size_t>(__builtin_ctzll(dots)) / 8;
  const bool has_point = point < size;
  const std::size_t digits = size - has_point;
  if (digits == 0) return false;
  // The digits without the point, most significant first from byte 0.
  std::uint64_t d = w;
  if (has_point) {
    const std::uint64_t integer = point == 0 ? 0 : w & (~std::uint64_t{0} >> (64 - 8 * point));
    const std::uint64_t after = point + 1 == 8 ? 0 : w >> (8 * (point + 1));
    d = integer | (after << (8 * point));
  }
  // Right-aligned under '0' padding: eight ASCII digits if all are digits.
  const std::size_t pad = 8 - digits;
  d = pad == 0 ? d : (d << (8 * pad)) | (0x3030303030303030ULL >> (64 - 8 * pad));
  if (((d & 0xF0F0F0F0F0F0F0F0ULL) |
       (((d + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4)) != 0x3333333333333333ULL) {
    return false;  // a byte that is not a digit (a second point, a space, a letter)
  }
  d = (d & 0x0F0F0F0F0F0F0F0FULL) * 2561 >> 8;
  d = (d & 0x00FF00FF00FF00FFULL) * 6553601 >> 16;
  *mantissa = (d & 0x0000FFFF0000FFFFULL) * 42949672960001ULL >> 32;
  *fraction = has_point ? size - point - 1 : 0;
  return true;
}

}  // namespace number_text_detail

// The common case, `-1234.56` (an optional minus, at most 18 digits, at most
// 8 after the point) and nothing else, inline: true and *out set when `text`
// is that form; parse_number handles everything else.
inline bool parse_plain_number(std::string_view text, Decimal* out) {
  using number_text_detail::kScaleOf;
  const char* p = text.data();
  const char* const end = p + text.size();
  const bool negative = p < end && *p == '-';
  p += negative;
  const std::size_t size = static_cast<std::size_t>(end - p);
  if (size >= 1 && size <= 8) {
    std::uint64_t mantissa;
    std::size_t fraction;
    if (!number_text_detail::parse_short_plain(p, size, &mantissa, &fraction)) return false;
    const Int128 units = static_cast<Int128>(mantissa) * kScaleOf[fraction];
    *out = Decimal::from_units(negative ? -units : units);
    return true;
  }
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
