#include "abcgrade/decimal.hpp"

#include <charconv>
#include <cstring>

namespace abcgrade {
namespace {

constexpr std::int64_t kPow10[] = {
    1,        10,        100,        1000,          10000,          100000,         1000000,
    10000000, 100000000, 1000000000, 10000000000LL, 100000000000LL, 1000000000000LL};

UInt128 magnitude(Int128 v) { return v < 0 ? -static_cast<UInt128>(v) : static_cast<UInt128>(v); }

// 128 x 128 -> 256 bits, as (high, low).
struct U256 {
  UInt128 hi, lo;
};
U256 mul_wide(UInt128 a, UInt128 b) {
  const UInt128 mask = (static_cast<UInt128>(1) << 64) - 1;
  const UInt128 a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64;
  const UInt128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const UInt128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);
  U256 r;
  r.lo = (p00 & mask) | (mid << 64);
  r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  return r;
}

}  // namespace

std::optional<Decimal> Decimal::from_plain(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  Int128 units = 0;
  int int_digits = 0, frac_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++int_digits) {
    units = units * 10 + (text[i] - '0');
    if (units > kMaxUnits / kOne) return std::nullopt;
  }
  units *= kOne;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++frac_digits) {
      if (frac_digits >= kScale) {
        if (text[i] != '0') return std::nullopt;
        continue;
      }
      units += static_cast<Int128>(text[i] - '0') * kPow10[kScale - 1 - frac_digits];
    }
  }
  if (i != text.size() || int_digits + frac_digits == 0) return std::nullopt;
  return Decimal(negative ? -units : units);
}

namespace {

// Writes `m` (already rounded to `digits` fractional digits) backwards,
// ending at `end`; returns where the text starts.
template <class U>
char* format_fixed(U m, int digits, char* end) {
  char* p = end;
  for (int d = 0; d < digits; ++d) {
    *--p = static_cast<char>('0' + static_cast<int>(m % 10));
    m /= 10;
  }
  if (digits > 0) *--p = '.';
  do {
    *--p = static_cast<char>('0' + static_cast<int>(m % 10));
    m /= 10;
  } while (m != 0);
  return p;
}

// Writes the `digits` (a constant, so the divisions become multiplies)
// fractional digits of `m`, zero-padded, at `out`.
template <int digits>
char* put_fraction(char* out, std::uint64_t m) {
  for (int d = digits - 1; d >= 0; --d) {
    out[d] = static_cast<char>('0' + m % 10);
    m /= 10;
  }
  return out + digits;
}

// `m` (already rounded to `digits` fractional digits) at `out`, forward.
template <int digits>
char* put_fixed(char* out, std::uint64_t m) {
  constexpr std::uint64_t kStep = static_cast<std::uint64_t>(kPow10[digits]);
  out = std::to_chars(out, out + 24, m / kStep).ptr;
  if constexpr (digits > 0) {
    *out++ = '.';
    out = put_fraction<digits>(out, m % kStep);
  }
  return out;
}

}  // namespace

char* Decimal::format_to(char* out, int digits) const {
  const UInt128 magnitude_units = magnitude(units_);
  if (magnitude_units >= (UInt128{1} << 63) || (digits != 2 && digits != 6)) {
    char buf[kMaxText];
    char* const end = buf + sizeof buf;
    const UInt128 step = static_cast<UInt128>(kPow10[kScale - digits]);
    const UInt128 m = (magnitude_units + step / 2) / step;
    char* p = format_fixed(m, digits, end);
    if (units_ < 0 && m != 0) *--p = '-';  // never "-0.00"
    std::memcpy(out, p, static_cast<std::size_t>(end - p));
    return out + (end - p);
  }
  // The common case, in 64 bits: 128-bit division costs ten times more.
  // Money (2 digits) and fractions (6) divide by constants, which the
  // compiler turns into multiplications; the writers format five numbers
  // per row.
  const std::uint64_t u = static_cast<std::uint64_t>(magnitude_units);
  const std::uint64_t m = digits == 2 ? (u + 500000) / 1000000 : (u + 50) / 100;  // half away
  if (units_ < 0 && m != 0) *out++ = '-';                                         // never "-0.00"
  return digits == 2 ? put_fixed<2>(out, m) : put_fixed<6>(out, m);
}

void Decimal::append_to(std::string& out, int digits) const {
  char buf[kMaxText];
  out.append(buf, format_to(buf, digits));
}

double Decimal::to_double() const {
  char buf[64];
  char* const end = buf + sizeof buf;
  char* p = format_fixed(magnitude(units_), kScale, end);
  if (units_ < 0) *--p = '-';
  double value = 0;
  std::from_chars(p, end, value);
  return value;
}

double Decimal::to_double(int digits) const {
  std::string text;  // short: within the small-string buffer
  append_to(text, digits);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::string Decimal::to_string(int digits) const {
  std::string out;
  append_to(out, digits);
  return out;
}

std::string Decimal::to_shortest() const {
  std::string out = to_string(kScale);
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

bool checked_mul(Decimal a, Decimal b, Decimal* out, bool* inexact) {
  *inexact = false;
  const U256 p = mul_wide(magnitude(a.units()), magnitude(b.units()));
  // The product carries 2*kScale fractional digits; it must divide by 10^kScale.
  // p < 10^60 < 2^200, so first check that it fits below 2^128 * 10^8 cheaply:
  // the quotient must be below 10^30, so p below 10^38 < 2^127 is required.
  if (p.hi != 0 ||
      p.lo > static_cast<UInt128>(Decimal::kMaxUnits) * static_cast<UInt128>(Decimal::kOne)) {
    return false;
  }
  const UInt128 one = static_cast<UInt128>(Decimal::kOne);
  if (p.lo % one != 0) {
    *inexact = true;
    return false;
  }
  const Int128 mag = static_cast<Int128>(p.lo / one);
  const bool negative = (a.units() < 0) != (b.units() < 0);
  *out = Decimal::from_units(negative ? -mag : mag);
  return true;
}

int compare_products(Int128 a, Int128 b, Int128 c, Int128 d) {
  // Operands under 2^63 in magnitude (every real total and cut): each
  // product fits in 127 bits and they compare directly. Pareto grading asks
  // this twice per customer.
  constexpr Int128 kSmall = Int128{1} << 63;
  const auto small = [](Int128 v) { return v < kSmall && v > -kSmall; };
  if (small(a) && small(b) && small(c) && small(d)) {
    const Int128 x = a * b, y = c * d;
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  const int sign_ab = (a == 0 || b == 0) ? 0 : ((a < 0) != (b < 0) ? -1 : 1);
  const int sign_cd = (c == 0 || d == 0) ? 0 : ((c < 0) != (d < 0) ? -1 : 1);
  if (sign_ab != sign_cd) return sign_ab < sign_cd ? -1 : 1;
  if (sign_ab == 0) return 0;
  const U256 x = mul_wide(magnitude(a), magnitude(b));
  const U256 y = mul_wide(magnitude(c), magnitude(d));
  int cmp = x.hi != y.hi ? (x.hi < y.hi ? -1 : 1) : (x.lo != y.lo ? (x.lo < y.lo ? -1 : 1) : 0);
  return sign_ab < 0 ? -cmp : cmp;
}

Decimal rounded_ratio(Int128 num, Int128 den, int digits) {
  // Every table row asks for two shares. While num x 10^digits fits (num
  // under 2^100, and 10^digits under 2^27), one unsigned division gives the
  // same quotient and remainder as the long division's three signed ones.
  if (num < (Int128{1} << 100)) {
    const UInt128 scaled = static_cast<UInt128>(num) * static_cast<UInt128>(kPow10[digits]);
    const UInt128 d = static_cast<UInt128>(den);
    UInt128 q = scaled / d;
    const UInt128 r = scaled - q * d;
    if (r >= d - r) ++q;  // half up, as below
    return Decimal::from_units(static_cast<Int128>(q) * kPow10[Decimal::kScale - digits]);
  }
  // Long division, at most four digits at a time so that the remainder
  // times 10^4 stays far below 2^127 (remainder < den < 10^31).
  Int128 q = num / den;
  Int128 r = num % den;
  for (int left = digits; left > 0;) {
    const int step = left < 4 ? left : 4;
    r *= kPow10[step];
    q = q * kPow10[step] + r / den;
    r %= den;
    left -= step;
  }
  if (r >= den - r) ++q;  // half up: 2r >= den, without doubling r
  return Decimal::from_units(q * kPow10[Decimal::kScale - digits]);
}

}  // namespace abcgrade
