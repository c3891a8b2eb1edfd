// Exact fixed-point decimal numbers for money, counts and cut points
// (SPEC 3.1: "no binary floating point; at least 4 fractional digits").
//
// A Decimal is a signed 128-bit count of 10^-8 units, limited to magnitudes
// below 10^22 so that every product the grading core forms (a value times a
// percentage, a share times 10^6) fits in 128 bits or in the 256-bit helper
// below. Arithmetic that would leave that range reports overflow instead of
// wrapping. This module knows nothing of text forms beyond the plain
// `-123.45`; user-written numbers are read by number_text.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace abcgrade {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

class Decimal {
 public:
  static constexpr int kScale = 8;                   // fractional digits held
  static constexpr std::int64_t kOne = 100'000'000;  // units per 1
  // Largest magnitude in units: 10^30 - 1, i.e. values below 10^22.
  static constexpr Int128 kMaxUnits =
      static_cast<Int128>(1'000'000'000'000'000LL) * 1'000'000'000'000'000LL - 1;

  constexpr Decimal() = default;

  // REQUIRES: |units| <= kMaxUnits.
  static constexpr Decimal from_units(Int128 units) { return Decimal(units); }
  static constexpr Decimal from_int(std::int64_t value) {
    return Decimal(static_cast<Int128>(value) * kOne);
  }
  // Reads the plain form `[-+]digits[.digits]` (at most kScale fractional
  // digits, within range); nullopt for anything else. For tests and policy
  // defaults; input fields go through number_text.
  static std::optional<Decimal> from_plain(std::string_view text);

  constexpr Int128 units() const { return units_; }
  constexpr bool is_positive() const { return units_ > 0; }
  constexpr bool is_zero() const { return units_ == 0; }
  constexpr bool is_whole() const { return units_ % kOne == 0; }
  // The integer part; REQUIRES: is_whole() and it fits in int64.
  constexpr std::int64_t whole_value() const { return static_cast<std::int64_t>(units_ / kOne); }

  friend constexpr auto operator<=>(Decimal a, Decimal b) = default;

  // Text with exactly `digits` fractional digits (0..8), rounded half away from
  // zero: to_string(2) of 0.125 is "0.13", of -0.125 "-0.13". No exponent, no
  // separators. "-0.00" is never produced.
  std::string to_string(int digits) const;
  // Appends the same text to `out` without a temporary.
  void append_to(std::string& out, int digits) const;
  // Writes the same text at `out`, which has room for kMaxText bytes, and
  // returns its end (for writers that format a row in place).
  static constexpr std::size_t kMaxText = 48;
  char* format_to(char* out, int digits) const;
  // The shortest exact text: "80", "0.8", "-1234.5" (for policies and messages).
  std::string to_shortest() const;
  // The double nearest to the value (for spreadsheet cells, which hold
  // doubles); correctly rounded, without allocating.
  double to_double() const;
  // The double nearest to the value as to_string(digits) prints it: what a
  // spreadsheet cell holds for a value shown with `digits` decimals, so that
  // its sums agree with the CSV's.
  double to_double(int digits) const;

 private:
  constexpr explicit Decimal(Int128 units) : units_(units) {}
  Int128 units_ = 0;
};

// a + b; false (and *out untouched) when the result leaves the range.
// Inline: the aggregator adds three per row.
inline bool checked_add(Decimal a, Decimal b, Decimal* out) {
  const Int128 sum = a.units() + b.units();  // both below 10^30: cannot wrap
  if (sum > Decimal::kMaxUnits || sum < -Decimal::kMaxUnits) return false;
  *out = Decimal::from_units(sum);
  return true;
}
// a * b, exact; false when the result leaves the range or has more than
// kScale fractional digits (then *inexact is set), and *out is untouched.
bool checked_mul(Decimal a, Decimal b, Decimal* out, bool* inexact);

// Sign of a*b - c*d, computed exactly on 256 bits: -1, 0 or 1.
int compare_products(Int128 a, Int128 b, Int128 c, Int128 d);

// num/den rounded half away from zero to `digits` fractional digits (0..8),
// as a Decimal. REQUIRES: den > 0 and 0 <= num <= den * 10 (shares and
// ratios).
Decimal rounded_ratio(Int128 num, Int128 den, int digits);

}  // namespace abcgrade
