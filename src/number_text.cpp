#include "abcgrade/number_text.hpp"

#include <cstdint>

#include "abcgrade/text.hpp"

namespace abcgrade {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }

bool consume(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

void skip_spaces(std::string_view& s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
}

bool consume_currency(std::string_view& s) {
  // SPEC 2: ¥ (U+00A5), ￥ (U+FFE5), $, € (U+20AC), £ (U+00A3).
  return consume(s, "$") || consume(s, "\xC2\xA5") || consume(s, "\xEF\xBF\xA5") ||
         consume(s, "\xE2\x82\xAC") || consume(s, "\xC2\xA3");
}

// The power of ten a unit suffix multiplies by, or -1 when `s` is not one.
int suffix_exponent(std::string_view s) {
  if (s == "\xE5\x85\x83" /*元*/ || s == "\xE6\xAC\xA1" /*次*/) return 0;
  if (s == "\xE4\xB8\x87" /*万*/ || s == "\xE4\xB8\x87\xE5\x85\x83" /*万元*/) return 4;
  if (s == "\xE4\xBA\xBF" /*亿*/ || s == "\xE4\xBA\xBF\xE5\x85\x83" /*亿元*/) return 8;
  return -1;
}

// Digits with optional 3-digit groups, then an optional fraction. Collects the
// significant digits into `mantissa` and counts the fractional ones.
struct Digits {
  Int128 mantissa = 0;
  int fraction_digits = 0;
  int significant = 0;      // digits from the first non-zero one on
  int int_significant = 0;  // of those, the ones before the decimal point
  bool any = false;
};

bool read_digits(std::string_view& s, Digits& d) {
  // Zeros after the first significant digit wait in `zeros` until a non-zero
  // digit (or the decimal point) shows they matter: trailing fractional zeros
  // never count, however many there are.
  int zeros = 0;
  auto flush = [&d, &zeros]() {
    for (; zeros > 0; --zeros) {
      if (d.significant < 38) d.mantissa *= 10;
      ++d.significant;
    }
  };
  auto take = [&](char c, bool fraction) {
    d.any = true;
    if (fraction) ++d.fraction_digits;
    if (c == '0') {
      if (d.significant > 0 || zeros > 0) ++zeros;
      return;
    }
    flush();
    if (d.significant < 38) d.mantissa = d.mantissa * 10 + (c - '0');
    ++d.significant;
  };
  std::size_t group = 0;  // digits in the current group
  bool grouped = false;
  const bool leading_zero = !s.empty() && s.front() == '0';
  while (!s.empty()) {
    const char c = s.front();
    if (is_digit(c)) {
      take(c, false);
      ++group;
      s.remove_prefix(1);
    } else if (c == ',') {
      // A separator needs 1-3 digits before it (3 after the first group, and
      // a first group that is not 0...: "0,500" is a decimal comma) and
      // exactly three after it.
      if (group == 0 || group > 3 || (grouped && group != 3) || (!grouped && leading_zero))
        return false;
      if (s.size() < 4 || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3])) return false;
      if (s.size() > 4 && is_digit(s[4])) return false;
      grouped = true;
      group = 0;
      s.remove_prefix(1);
    } else {
      break;
    }
  }
  if (grouped && group != 3) return false;
  flush();  // zeros of the integer part count
  d.int_significant = d.significant;
  if (!s.empty() && s.front() == '.') {
    s.remove_prefix(1);
    while (!s.empty() && is_digit(s.front())) {
      take(s.front(), true);
      s.remove_prefix(1);
    }
  }
  d.fraction_digits -= zeros;  // trailing fractional zeros carry nothing
  return d.any;
}

// mantissa * 10^exponent as units of 10^-8, exact.
ParseResult<Decimal> scale(const Digits& d, int exponent, bool negative) {
  if (d.int_significant > 22) return ParseResult<Decimal>::fail(kNumberTooLarge);
  if (d.significant > 38) return ParseResult<Decimal>::fail(kTooManyDecimals);
  Int128 m = d.mantissa;
  int shift = Decimal::kScale + exponent - d.fraction_digits;
  // Trailing fractional zeros are harmless: "1.500000000" is 1.5.
  while (shift < 0 && m % 10 == 0 && m != 0) {
    m /= 10;
    ++shift;
  }
  if (m == 0) return ParseResult<Decimal>::success(Decimal());
  if (shift < 0) return ParseResult<Decimal>::fail(kTooManyDecimals);
  for (; shift > 0; --shift) {
    if (m > Decimal::kMaxUnits / 10) return ParseResult<Decimal>::fail(kNumberTooLarge);
    m *= 10;
  }
  if (m > Decimal::kMaxUnits) return ParseResult<Decimal>::fail(kNumberTooLarge);
  return ParseResult<Decimal>::success(Decimal::from_units(negative ? -m : m));
}

}  // namespace

ParseResult<Decimal> parse_number(std::string_view text) {
  Decimal plain;
  if (parse_plain_number(text, &plain)) return ParseResult<Decimal>::success(plain);

  std::string_view s = trim(text);
  if (s.empty()) return ParseResult<Decimal>::success(Decimal());  // SPEC 2: empty is 0

  bool negative = false, signed_ = false;
  auto take_sign = [&]() {
    if (!signed_ && !s.empty() && (s.front() == '-' || s.front() == '+')) {
      negative = s.front() == '-';
      signed_ = true;
      s.remove_prefix(1);
    }
  };
  take_sign();
  if (consume_currency(s)) {
    skip_spaces(s);
    take_sign();  // `$-5`: the sign may follow the currency sign
  }
  Digits d;
  if (!read_digits(s, d)) return ParseResult<Decimal>::fail(kNotANumber);
  skip_spaces(s);
  const int exponent = s.empty() ? 0 : suffix_exponent(s);
  if (exponent < 0) return ParseResult<Decimal>::fail(kNotANumber);
  return scale(d, exponent, negative);
}

}  // namespace abcgrade
