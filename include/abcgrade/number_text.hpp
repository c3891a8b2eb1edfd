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

// `size` (1-8) bytes from `p` in a word's low bytes (p[0] lowest), zeros
// above: two overlapping 4-byte loads never read outside the field.
inline std::uint64_t load_short(const char* p, std::size_t size) {
  if (size >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + size - 4, 4);
    return lo | (static_cast<std::uint64_t>(hi) << (8 * (size - 4)));
  }
  std::uint64_t w = 0;
  for (std::size_t i = 0; i < size; ++i)
    w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return w;
}

// The value of `digits` (1-8) ASCII digits in a word's low bytes, most
// significant first from byte 0, with no branch per digit; false when a
// byte is not a digit. They are right-aligned under '0' padding, checked
// all at once and combined by three multiplies.
inline bool short_digits_value(std::uint64_t d, std::size_t digits, std::uint64_t* value) {
  const std::size_t pad = 8 - digits;
  d = pad == 0 ? d : (d << (8 * pad)) | (0x3030303030303030ULL >> (64 - 8 * pad));
  if (((d & 0xF0F0F0F0F0F0F0F0ULL) |
       (((d + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4)) != 0x3333333333333333ULL) {
    return false;  // a byte that is not a digit (a second point, a space, a letter)
  }
  d = (d & 0x0F0F0F0F0F0F0F0FULL) * 2561 >> 8;
  d = (d & 0x00FF00FF00FF00FFULL) * 6553601 >> 16;
  *value = (d & 0x0000FFFF0000FFFFULL) * 42949672960001ULL >> 32;
  return true;
}

// The form of parse_plain_number for 1-8 characters after the minus (the
// amounts of nearly every row), a word at a time with no branch per
// character: a digit loop's exit was mispredicted on most numbers, half of
// the time spent reading them. False when `body` is not digits with at most
// one point and at least one digit.
inline bool parse_short_plain(const char* body, std::size_t size, std::uint64_t* mantissa,
                              std::size_t* fraction) {
  const std::uint64_t w = load_short(body, size);
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
  if (!short_digits_value(d, digits, mantissa)) return false;
  *fraction = has_point ? size - point - 1 : 0;
  return true;
}

}  // namespace number_text_detail

// The value of `text` when it is 1-18 ASCII digits and nothing else, else
// false; up to 16 digits a word at a time (order ids are such numbers).
inline bool parse_digits(std::string_view text, std::uint64_t* value) {
  using number_text_detail::load_short;
  using number_text_detail::short_digits_value;
  const std::size_t size = text.size();
  if (size == 0 || size > 18) return false;
  if (size <= 8) return short_digits_value(load_short(text.data(), size), size, value);
  if (size <= 16) {
    std::uint64_t last8, high, low;
    std::memcpy(&last8, text.data() + size - 8, 8);
    if (!short_digits_value(load_short(text.data(), size - 8), size - 8, &high) ||
        !short_digits_value(last8, 8, &low)) {
      return false;
    }
    *value = high * 100000000 + low;
    return true;
  }
  std::uint64_t v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  *value = v;
  return true;
}

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
