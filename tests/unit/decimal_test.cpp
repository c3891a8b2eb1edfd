// Unit tests of the exact fixed-point Decimal (include/abcgrade/decimal.hpp):
// the plain text form `[-+]digits[.digits]` read by from_plain, text output
// with a fixed number of digits rounded half away from zero (never "-0.00")
// and the shortest exact text, exact sums such as the SPEC 3.1 example of
// amounts adding up to exactly 500000.00, checked addition and multiplication
// (overflow past 10^22, inexact products past 8 decimals, *out untouched on
// failure), the 256-bit compare_products and rounded_ratio. Every expected
// value is worked by hand; the arithmetic is in the comments.
#include "abcgrade/decimal.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace abcgrade {

// Lets GoogleTest print a Decimal in failure messages. It must live in
// namespace abcgrade (not the anonymous one) for argument-dependent lookup;
// `static` keeps it private to this file.
[[maybe_unused]] static void PrintTo(const Decimal& d, std::ostream* os) {
  *os << d.to_string(Decimal::kScale);
}

namespace {

constexpr Int128 pow10(int n) {
  Int128 v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

// 10^30 - 1 units = 9999999999999999999999.99999999, the largest magnitude.
constexpr Int128 kMax = pow10(30) - 1;
constexpr std::string_view kMaxText = "9999999999999999999999.99999999";

// A test constant in the plain form; a typo in the test shows as a failure.
Decimal dec(std::string_view plain) {
  const std::optional<Decimal> d = Decimal::from_plain(plain);
  if (!d) ADD_FAILURE() << "test constant does not read: " << plain;
  return d.value_or(Decimal());
}

TEST(DecimalPlain, ReadsSignDigitsAndFraction) {
  // Units are 10^-8: 123.45 is 12345 * 10^6 units.
  const struct {
    std::string_view text;
    Int128 units;
  } cases[] = {
      {"0", 0},
      {"-0", 0},
      {"-123.45", -pow10(6) * 12345},
      {"+7", 7 * pow10(8)},
      {"7", 7 * pow10(8)},
      {".5", 5 * pow10(7)},
      {"5.", 5 * pow10(8)},
      {"007", 7 * pow10(8)},
      {"0.00000001", 1},
      {"-0.00000001", -1},
      {"1.12345678", 112345678},
      {kMaxText, kMax},
      {"-9999999999999999999999.99999999", -kMax},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const std::optional<Decimal> d = Decimal::from_plain(c.text);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(*d, Decimal::from_units(c.units));
  }
}

TEST(DecimalPlain, RefusesEverythingButThePlainForm) {
  const std::string_view cases[] = {
      "",
      "-",
      "+",
      ".",
      "-.",
      "+-5",
      "--5",
      " 1",
      "1 ",
      "$5",
      "1e5",
      "1E5",
      "1.2.3",
      "1,234.50",
      "1,5",
      "80万",
      "12次",
      "abc",
      "5-",
      "(5)",
      "0x10",
      "0.000000001",
      "1.123456789",
      "10000000000000000000000",                    // 10^22: out of range
      "-10000000000000000000000",                   // -10^22
      "10000000000000000000000.00",                 // 10^22 with a fraction
      "99999999999999999999999999999999999999999",  // would wrap 128 bits if unchecked
  };
  for (const std::string_view text : cases) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(Decimal::from_plain(text).has_value());
  }
}

TEST(DecimalPlain, FromIntAndQueriesAgreeWithTheUnits) {
  EXPECT_EQ(Decimal::from_int(-5).units(), -5 * pow10(8));
  EXPECT_EQ(Decimal::from_int(500000), dec("500000"));
  EXPECT_TRUE(dec("0.00000001").is_positive());
  EXPECT_FALSE(dec("-0.00000001").is_positive());
  EXPECT_TRUE(dec("-0").is_zero());
  EXPECT_FALSE(dec("0.00000001").is_zero());
  EXPECT_TRUE(dec("80.000").is_whole());
  EXPECT_FALSE(dec("80.5").is_whole());
  EXPECT_EQ(dec("-80").whole_value(), -80);
  EXPECT_EQ(Decimal(), Decimal::from_int(0));
}

TEST(DecimalOrder, ComparesByValue) {
  EXPECT_EQ(dec("0.5"), dec("0.50000000"));
  EXPECT_LT(dec("1.09999999"), dec("1.1"));
  EXPECT_LT(dec("-2"), dec("-1.5"));
  EXPECT_LT(dec("-0.00000001"), dec("0"));
  EXPECT_GT(dec(kMaxText), dec("9999999999999999999999.99999998"));
}

// A spreadsheet cell holds the value as printed with 2 decimals, so that
// its sums agree with the CSV: 100.125 is 100.13, not 100.125.
TEST(DecimalToDouble, WithDigitsIsTheValueAsPrinted) {
  EXPECT_EQ(Decimal::from_plain("100.125")->to_double(2), 100.13);
  EXPECT_EQ(Decimal::from_plain("-100.125")->to_double(2), -100.13);
  EXPECT_EQ(Decimal::from_plain("100.125")->to_double(), 100.125);
  EXPECT_EQ(Decimal::from_plain("0.004")->to_double(2), 0.0);
}

TEST(DecimalToString, RoundsHalfAwayFromZeroToTheDigitsAsked) {
  const struct {
    std::string_view value;
    int digits;
    std::string_view text;
  } cases[] = {
      {"0.125", 2, "0.13"},  // the third digit is exactly 5: away from zero
      {"-0.125", 2, "-0.13"},
      {"0.124999", 2, "0.12"},  // below the half: down
      {"-0.124999", 2, "-0.12"},
      {"0.135", 2, "0.14"},
      {"0.145", 2, "0.15"},  // half to even would give 0.14
      {"0.995", 2, "1.00"},  // the carry reaches the integer part
      {"-0.995", 2, "-1.00"},
      {"80", 2, "80.00"},
      {"0", 2, "0.00"},
      {"1234567.5", 2, "1234567.50"},  // no thousands separators
      {"1.2345675", 6, "1.234568"},
      {"-1.2345675", 6, "-1.234568"},
      {"1.2345674", 6, "1.234567"},
      {"0.3333333", 6, "0.333333"},
      {"2.5", 0, "3"},
      {"-2.5", 0, "-3"},
      {"2.49999999", 0, "2"},
      {"99.5", 0, "100"},
      {"0", 0, "0"},
      {"0.00000001", 8, "0.00000001"},
      {"-0.00000001", 8, "-0.00000001"},
      {"1.5", 8, "1.50000000"},
      {kMaxText, 8, kMaxText},
      // 9999999999999999999999.99999999 rounded to 2 digits carries all the way up.
      {kMaxText, 2, "10000000000000000000000.00"},
      {"-9999999999999999999999.99999999", 0, "-10000000000000000000000"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message() << c.value << " to " << c.digits << " digits");
    EXPECT_EQ(dec(c.value).to_string(c.digits), c.text);
  }
}

TEST(DecimalToString, NeverPrintsNegativeZero) {
  EXPECT_EQ(dec("-0.001").to_string(2), "0.00");
  EXPECT_EQ(dec("-0.004999").to_string(2), "0.00");
  EXPECT_EQ(dec("-0.4").to_string(0), "0");
  EXPECT_EQ(dec("-0.00000001").to_string(6), "0.000000");
  EXPECT_EQ(dec("-0").to_string(2), "0.00");
  // Not zero after rounding: the sign stays.
  EXPECT_EQ(dec("-0.005").to_string(2), "-0.01");
}

TEST(DecimalToString, AppendToAddsTheSameTextToTheEnd) {
  std::string out = "amount=";
  dec("-1234.565").append_to(out, 2);
  EXPECT_EQ(out, "amount=-1234.57");
  // format_to, which the CSV writer uses, writes the same text in place.
  char buf[Decimal::kMaxText];
  EXPECT_EQ(std::string(buf, dec("-0.1234565").format_to(buf, 6)), "-0.123457");
  EXPECT_EQ(std::string(buf, dec("-9999999999999999999999.99999999").format_to(buf, 2)),
            "-10000000000000000000000.00");
}

// The writers print money and fractions in 64 bits (in 128 above, and for
// other digit counts): every digit count 0-8, against text formed here digit
// by digit from the rounded value, for values of every length around both
// paths.
TEST(DecimalToString, EveryDigitCountAgreesWithDigitByDigitText) {
  auto text_of = [](Int128 units, int digits) {
    const bool negative = units < 0;
    const Int128 u = negative ? -units : units;
    Int128 step = 1;
    for (int k = digits; k < 8; ++k) step *= 10;
    Int128 m = (u + step / 2) / step;
    const bool nonzero = m != 0;
    std::string t;
    for (int k = 0; k < digits; ++k, m /= 10) t.insert(t.begin(), static_cast<char>('0' + m % 10));
    if (digits > 0) t.insert(t.begin(), '.');
    do {
      t.insert(t.begin(), static_cast<char>('0' + m % 10));
      m /= 10;
    } while (m != 0);
    return (negative && nonzero ? "-" : "") + t;
  };
  std::uint64_t seed = 11;
  std::size_t wrong = 0;
  for (int n = 0; n < 200000; ++n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    // 1 to 30 digits of units, so both the 64-bit path and the long one.
    const int length = 1 + static_cast<int>((seed >> 59) % 30);
    Int128 units = 0;
    for (int k = 0; k < length; ++k) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      units = units * 10 + static_cast<Int128>((seed >> 33) % 10);
    }
    if (units > Decimal::kMaxUnits) units = Decimal::kMaxUnits;
    if ((seed >> 20) & 1) units = -units;
    const int digits = static_cast<int>((seed >> 40) % 9);
    if (Decimal::from_units(units).to_string(digits) != text_of(units, digits)) ++wrong;
  }
  EXPECT_EQ(wrong, 0u);
}

TEST(DecimalToString, ShortestTextIsExactWithoutTrailingZeros) {
  const struct {
    std::string_view value;
    std::string_view text;
  } cases[] = {
      {"80", "80"},
      {"80.000", "80"},
      {"100", "100"},  // zeros of the integer part stay
      {"0.8", "0.8"},
      {"-1234.50", "-1234.5"},
      {"0", "0"},
      {"-0", "0"},
      {"0.00000001", "0.00000001"},
      {"-0.00000001", "-0.00000001"},
      {"1000000.0001", "1000000.0001"},
      {kMaxText, kMaxText},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.value);
    EXPECT_EQ(dec(c.value).to_shortest(), c.text);
  }
}

TEST(DecimalArithmetic, AmountsThatAddUpTo500000AreExactly500000) {
  // SPEC 3.1. In binary floating point 0.1 added a million times is
  // 100000.00000133288, not 100000.
  Decimal sum;
  ASSERT_TRUE(checked_add(dec("333333.33"), dec("166666.67"), &sum));
  EXPECT_EQ(sum, Decimal::from_int(500000));
  EXPECT_EQ(sum.to_string(2), "500000.00");

  // 250000.10 + 249999.95 = 500000.05; a return of -0.05 nets it to 500000.00.
  Decimal with_return;
  ASSERT_TRUE(checked_add(dec("250000.10"), dec("249999.95"), &with_return));
  ASSERT_TRUE(checked_add(with_return, dec("-0.05"), &with_return));
  EXPECT_EQ(with_return, Decimal::from_int(500000));

  Decimal tenths;
  for (int i = 0; i < 1'000'000; ++i) ASSERT_TRUE(checked_add(tenths, dec("0.1"), &tenths));
  EXPECT_EQ(tenths, Decimal::from_int(100000));
  EXPECT_EQ(tenths.to_string(2), "100000.00");
}

TEST(DecimalArithmetic, CheckedAddStaysExactUpToTheLimit) {
  Decimal out;
  ASSERT_TRUE(checked_add(dec("9999999999999999999999"), dec("0.99999999"), &out));
  EXPECT_EQ(out.units(), kMax);
  ASSERT_TRUE(checked_add(dec(kMaxText), dec("-9999999999999999999999.99999999"), &out));
  EXPECT_TRUE(out.is_zero());
  ASSERT_TRUE(checked_add(dec("-1.5"), dec("0.25"), &out));
  EXPECT_EQ(out, dec("-1.25"));
}

TEST(DecimalArithmetic, CheckedAddReportsOverflowPast10To22AndLeavesOutAlone) {
  const Decimal sentinel = dec("42");
  Decimal out = sentinel;
  // kMax + 1 unit = 10^30 units = 10^22.
  EXPECT_FALSE(checked_add(dec(kMaxText), dec("0.00000001"), &out));
  EXPECT_EQ(out, sentinel);
  EXPECT_FALSE(checked_add(dec("-9999999999999999999999.99999999"), dec("-0.00000001"), &out));
  EXPECT_EQ(out, sentinel);
  // 6 * 10^21 + 5 * 10^21 = 1.1 * 10^22.
  EXPECT_FALSE(checked_add(dec("6000000000000000000000"), dec("5000000000000000000000"), &out));
  EXPECT_EQ(out, sentinel);
}

TEST(DecimalArithmetic, CheckedMulIsExact) {
  const struct {
    std::string_view a, b, product;
  } cases[] = {
      {"1.5", "2.25", "3.375"},
      {"-1.5", "2", "-3"},
      {"1.5", "-2", "-3"},
      {"-1.5", "-2", "3"},
      {"0", "-7", "0"},
      {"1.1", "1.1", "1.21"},
      {"12.34", "100", "1234"},
      {"0.0001", "0.0001", "0.00000001"},  // exactly 8 decimals: still exact
      {"3", "19.99", "59.97"},             // quantity x unit_price (SPEC 2)
      // (10^11 - 1)^2 = 10^22 - 2 * 10^11 + 1, just inside the range.
      {"99999999999", "99999999999", "9999999999800000000001"},
      {kMaxText, "1", kMaxText},
      {kMaxText, "-1", "-9999999999999999999999.99999999"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message() << c.a << " x " << c.b);
    Decimal out;
    bool inexact = true;
    ASSERT_TRUE(checked_mul(dec(c.a), dec(c.b), &out, &inexact));
    EXPECT_FALSE(inexact);
    EXPECT_EQ(out, dec(c.product));
  }
}

TEST(DecimalArithmetic, CheckedMulReportsProductsWithMoreThanEightDecimals) {
  const struct {
    std::string_view a, b;
  } cases[] = {
      {"0.00001", "0.00001"},  // 10^-10
      {"0.123", "0.000001"},   // 0.000000123: 9 decimals
      {"-0.00000001", "0.5"},  // -0.000000005
      {kMaxText, "0.5"},       // 4999999999999999999999.999999995: in range, 9 decimals
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message() << c.a << " x " << c.b);
    const Decimal sentinel = dec("42");
    Decimal out = sentinel;
    bool inexact = false;
    EXPECT_FALSE(checked_mul(dec(c.a), dec(c.b), &out, &inexact));
    EXPECT_TRUE(inexact);
    EXPECT_EQ(out, sentinel);
  }
}

TEST(DecimalArithmetic, CheckedMulReportsOverflowAsNotInexact) {
  const struct {
    std::string_view a, b;
  } cases[] = {
      {"100000000000", "100000000000"},   // 10^11 x 10^11 = 10^22
      {"-100000000000", "100000000000"},  // -10^22
      {"1000000000000000", "10000000"},   // 10^15 x 10^7 = 10^22
      {kMaxText, "1.00000001"},           // just over
      {kMaxText, kMaxText},               // ~10^44: past 128 bits of units
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message() << c.a << " x " << c.b);
    const Decimal sentinel = dec("42");
    Decimal out = sentinel;
    bool inexact = true;
    EXPECT_FALSE(checked_mul(dec(c.a), dec(c.b), &out, &inexact));
    EXPECT_FALSE(inexact);  // the caller tells "too large" from "too many decimals" by it
    EXPECT_EQ(out, sentinel);
  }
}

TEST(DecimalCompareProducts, HandlesSignsAndZeros) {
  const struct {
    Int128 a, b, c, d;
    int sign;
  } cases[] = {
      {3, 4, 2, 5, 1},     // 12 vs 10
      {2, 5, 3, 4, -1},    // 10 vs 12
      {3, 4, 6, 2, 0},     // 12 vs 12
      {-3, 4, 2, 5, -1},   // -12 vs 10
      {3, -4, -2, 5, -1},  // -12 vs -10
      {-2, 5, 3, -4, 1},   // -10 vs -12
      {-3, -4, 2, 6, 0},   // 12 vs 12
      {-3, -4, -2, 5, 1},  // 12 vs -10
      {0, 5, 0, -7, 0},    // 0 vs 0
      {0, 5, -1, 1, 1},    // 0 vs -1
      {0, 5, 1, 1, -1},    // 0 vs 1
      {7, 0, 0, 9, 0},     // 0 vs 0
      {-1, 1, 0, 0, -1},   // -1 vs 0
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message()
                 << static_cast<long long>(c.a) << "*" << static_cast<long long>(c.b) << " vs "
                 << static_cast<long long>(c.c) << "*" << static_cast<long long>(c.d));
    EXPECT_EQ(compare_products(c.a, c.b, c.c, c.d), c.sign);
  }
}

TEST(DecimalCompareProducts, ProductsBeyond128BitsCompareExactly) {
  // 10^39 > 2^128 (about 3.4 * 10^38): these products need the 256-bit helper.
  const Int128 e29 = pow10(29), e30 = pow10(30), e10 = pow10(10), e9 = pow10(9);
  EXPECT_EQ(compare_products(e29, e10, e30, e9), 0);  // 10^39 vs 10^39
  // (10^29 + 1) * 10^10 = 10^39 + 10^10 < 10^29 * (10^10 + 1) = 10^39 + 10^29.
  EXPECT_EQ(compare_products(e29 + 1, e10, e29, e10 + 1), -1);
  EXPECT_EQ(compare_products(e29, e10 + 1, e29 + 1, e10), 1);
  // 10^39 + 10^10 vs 10^39: differ only in the low bits.
  EXPECT_EQ(compare_products(e29 + 1, e10, e30, e9), 1);
  // 2^64 * 2^64 = 2^128 wraps to 0 in 128 bits; it is still larger than 1 * 1.
  const Int128 two64 = static_cast<Int128>(1) << 64;
  EXPECT_EQ(compare_products(two64, two64, 1, 1), 1);
  EXPECT_EQ(compare_products(1, 1, two64, two64), -1);
  // Negative products beyond 128 bits: -10^39 - 10^10 < -10^39.
  EXPECT_EQ(compare_products(-(e29 + 1), e10, -e30, e9), -1);
  EXPECT_EQ(compare_products(-e29, e10, e30, -e9), 0);
  EXPECT_EQ(compare_products(-e29, -e10, e30, e9), 0);
  // The full range: kMax^2 vs kMax * (kMax - 1).
  EXPECT_EQ(compare_products(kMax, kMax, kMax, kMax - 1), 1);
  EXPECT_EQ(compare_products(-kMax, kMax, kMax, -kMax), 0);
}

TEST(DecimalRoundedRatio, RoundsHalfUpToTheDigitsAsked) {
  const struct {
    Int128 num, den;
    int digits;
    std::string_view value;
  } cases[] = {
      {1, 3, 6, "0.333333"},    // 0.3333333...: down
      {2, 3, 6, "0.666667"},    // 0.6666666...: up
      {1, 2, 0, "1"},           // 0.5: half up
      {1, 8, 2, "0.13"},        // 0.125: half up
      {1, 3, 8, "0.33333333"},  // 0.333333333...
      {2, 3, 8, "0.66666667"},  // 0.666666666...
      {0, 5, 6, "0"},
      {5, 5, 6, "1"},
      {10, 1, 8, "10"},            // num = 10 * den, the largest the contract allows
      {800, 1050, 6, "0.761905"},  // 0.76190476...
      {950, 1050, 6, "0.904762"},  // 0.90476190...
      {1, 3, 0, "0"},
      // Shares of Decimal units near the top of the range: 10^29 / (3 * 10^29).
      {pow10(29), 3 * pow10(29), 6, "0.333333"},
      {kMax, kMax, 6, "1"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message() << static_cast<long long>(c.num) << "/"
                                      << static_cast<long long>(c.den) << " to " << c.digits);
    EXPECT_EQ(rounded_ratio(c.num, c.den, c.digits), dec(c.value));
  }
}

// BUG: rounded_ratio forms num * 10^digits * 2 in 128 bits; its comment says
// that stays below 2^127 because num <= 10 * den < 10^31, but 10^30 * 10^8 * 2
// = 2 * 10^38 > 2^127 (about 1.7 * 10^38). So a ratio of two amounts near the
// top of the Decimal range overflows when 7 or 8 digits are asked for, though
// the header allows den > 0, 0 <= num <= 10 * den and digits 0..8.
TEST(DecimalRoundedRatio, FullRangeAmountsAtEightDigits) {
  EXPECT_EQ(rounded_ratio(kMax, kMax, 8), dec("1"));
  EXPECT_EQ(rounded_ratio(pow10(30), pow10(29), 8), dec("10"));  // num = 10 * den
  // 9 * 10^30 * 10^7 * 2 = 1.8 * 10^38 > 2^127 too.
  EXPECT_EQ(rounded_ratio(9 * pow10(30), 9 * pow10(29), 7), dec("10"));
}

}  // namespace
}  // namespace abcgrade
