// Unit tests of grading.hpp (SPEC 3.2, 3.3): pareto, percentile, threshold,
// combine and the positive total. Every expected grade is worked by hand from
// the SPEC's rules in the comment above it.
#include "abcgrade/grading.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/decimal.hpp"
#include "abcgrade/error.hpp"
#include "abcgrade/policy.hpp"
#include "abcgrade/ranking.hpp"

namespace abcgrade {

// Readable failure messages; gtest finds PrintTo by argument-dependent lookup.
[[maybe_unused]] static void PrintTo(Grade g, std::ostream* os) { *os << letter(g); }

namespace {

constexpr Grade A = Grade::A;
constexpr Grade B = Grade::B;
constexpr Grade C = Grade::C;
using Grades = std::vector<Grade>;

Decimal dec(const char* text) { return *Decimal::from_plain(text); }

// Values already in rank order (highest first), in Decimal units.
std::vector<Int128> ranked(std::initializer_list<const char*> texts) {
  std::vector<Int128> out;
  for (const char* t : texts) out.push_back(dec(t).units());
  return out;
}

Cuts cuts(const char* a, const char* b) { return {dec(a), dec(b)}; }

const Cuts kParetoDefault = {Decimal::from_int(80), Decimal::from_int(95)};
const Cuts kPercentileDefault = {Decimal::from_int(20), Decimal::from_int(80)};

// Tie-group firsts for n distinct values: every position is its own group.
std::vector<std::uint32_t> distinct(std::size_t n) {
  std::vector<std::uint32_t> out(n);
  std::iota(out.begin(), out.end(), 0u);
  return out;
}

// "AABCC" -> {A, A, B, C, C}, for long expectations.
Grades grades(std::string_view letters) {
  Grades out;
  for (char c : letters) out.push_back(c == 'A' ? A : c == 'B' ? B : C);
  return out;
}

// ---------------------------------------------------------------- pareto

TEST(ParetoGrade, CustomerCrossingTheALineIsStillA) {
  // T = 100, A line 80, B line 95.
  // 50: before 0 < 80 -> A.  40: before 50 < 80 -> A (it crosses 80: 50 -> 90).
  // 10: before 90, not < 80, < 95 -> B.
  EXPECT_EQ(grade_pareto(ranked({"50", "40", "10"}), kParetoDefault), (Grades{A, A, B}));
}

TEST(ParetoGrade, BeforeExactlyAtTheALineIsB) {
  // T = 100. 15: before 80, and 80 < 80 is false -> B.
  // 5: before 95, and 95 < 95 is false -> C.
  EXPECT_EQ(grade_pareto(ranked({"80", "15", "5"}), kParetoDefault), (Grades{A, B, C}));
}

TEST(ParetoGrade, BeforeOneUnitBelowTheALineIsA) {
  // T = 79.99999999 + 15.00000001 + 5 = 100.
  // second: before 79.99999999 < 80 -> A.  third: before 95 -> C.
  EXPECT_EQ(grade_pareto(ranked({"79.99999999", "15.00000001", "5"}), kParetoDefault),
            (Grades{A, A, C}));
}

TEST(ParetoGrade, BeforeOneUnitBelowTheBLineIsB) {
  // T = 80 + 14.99999999 + 5.00000001 = 100.
  // second: before 80 -> B.  third: before 94.99999999 < 95 -> B.
  EXPECT_EQ(grade_pareto(ranked({"80", "14.99999999", "5.00000001"}), kParetoDefault),
            (Grades{A, B, B}));
}

TEST(ParetoGrade, NonPositiveValuesAreC) {
  // T = 5 (0 and -3.50 are not positive). 5: before 0 -> A; 0 and -3.50 are C.
  EXPECT_EQ(grade_pareto(ranked({"5", "0", "-3.50"}), kParetoDefault), (Grades{A, C, C}));
}

TEST(ParetoGrade, TotalCountsOnlyPositiveValues) {
  // T = 60 + 40 = 100 (not 0, which the net sum with -100 would be).
  // 40: before 60 < 80 -> A. -100 -> C.
  EXPECT_EQ(grade_pareto(ranked({"60", "40", "-100"}), kParetoDefault), (Grades{A, A, C}));
}

TEST(ParetoGrade, AllValuesNotPositiveGiveAllC) {
  // T = 0: nobody has a positive value, so everybody is C.
  EXPECT_EQ(grade_pareto(ranked({"0", "0", "-1", "-2"}), kParetoDefault), (Grades{C, C, C, C}));
}

TEST(ParetoGrade, TieGroupTakesTheGradeOfItsBestRankedMember) {
  // T = 100. b: before 70 < 80 -> A. c: before 80 -> B on its own;
  // d: before 90 -> B on its own; but b, c, d all hold 10, so all are A (SPEC 3.2).
  EXPECT_EQ(grade_pareto(ranked({"70", "10", "10", "10"}), kParetoDefault), (Grades{A, A, A, A}));
}

TEST(ParetoGrade, TieGroupStraddlingTheBLineTakesB) {
  // T = 100. 4: before 90 -> B. first 3: before 94 < 95 -> B.
  // second 3: before 97 -> C on its own, but it ties the first 3 -> B.
  EXPECT_EQ(grade_pareto(ranked({"90", "4", "3", "3"}), kParetoDefault), (Grades{A, B, B, B}));
}

TEST(ParetoGrade, TieGroupSpanningBothLinesIsAllA) {
  // T = 50 + 10 * 5 = 100. The ten 5s have befores 50, 55, ..., 95: on their own
  // A A A A A A B B B C; as one tie group they all take the first one's A.
  EXPECT_EQ(grade_pareto(ranked({"50", "5", "5", "5", "5", "5", "5", "5", "5", "5", "5"}),
                         kParetoDefault),
            grades("AAAAAAAAAAA"));
}

TEST(ParetoGrade, TieGroupStartingPastTheBLineStaysC) {
  // T = 100. first 2.5: before 95 -> C; the second ties it -> C.
  EXPECT_EQ(grade_pareto(ranked({"95", "2.5", "2.5"}), kParetoDefault), (Grades{A, C, C}));
}

TEST(ParetoGrade, TieAfterADifferentValueDoesNotInheritFromAbove) {
  // T = 100. 30: before 60 < 80 -> A. 5: before 90 -> B. second 5: tie -> B.
  // The 5s do not take the 30's A: they are a different group.
  EXPECT_EQ(grade_pareto(ranked({"60", "30", "5", "5"}), kParetoDefault), (Grades{A, A, B, B}));
}

TEST(ParetoGrade, OneCustomer) {
  // N = 1: before 0 < 80% of T -> A when positive; C when not.
  EXPECT_EQ(grade_pareto(ranked({"5"}), kParetoDefault), (Grades{A}));
  EXPECT_EQ(grade_pareto(ranked({"0"}), kParetoDefault), (Grades{C}));
  EXPECT_EQ(grade_pareto(ranked({"-5"}), kParetoDefault), (Grades{C}));
}

TEST(ParetoGrade, TwoCustomers) {
  // T = 100. 10: before 90 -> B.   1: before 99 -> C.   50/50 tie -> A, A.
  EXPECT_EQ(grade_pareto(ranked({"90", "10"}), kParetoDefault), (Grades{A, B}));
  EXPECT_EQ(grade_pareto(ranked({"99", "1"}), kParetoDefault), (Grades{A, C}));
  EXPECT_EQ(grade_pareto(ranked({"50", "50"}), kParetoDefault), (Grades{A, A}));
}

TEST(ParetoGrade, ThreeCustomers) {
  // 3, 2, 1: T = 6, A line 4.8, B line 5.7.
  // 2: before 3 < 4.8 -> A.  1: before 5, not < 4.8, < 5.7 -> B.
  EXPECT_EQ(grade_pareto(ranked({"3", "2", "1"}), kParetoDefault), (Grades{A, A, B}));
}

TEST(ParetoGrade, TenCustomers) {
  // 30 20 15 10 8 6 5 3 2 1: T = 100.
  // befores: 0 30 50 65 75 83 89 94 97 99 -> A A A A A B B B C C.
  EXPECT_EQ(
      grade_pareto(ranked({"30", "20", "15", "10", "8", "6", "5", "3", "2", "1"}), kParetoDefault),
      grades("AAAAABBBCC"));
}

TEST(ParetoGrade, NonIntegerCutPointIsExact) {
  // --pareto 80.5,95; T = 100.
  // 80.4, 10, 9.6: 10: before 80.4 < 80.5 -> A.  9.6: before 90.4 -> B.
  EXPECT_EQ(grade_pareto(ranked({"80.4", "10", "9.6"}), cuts("80.5", "95")), (Grades{A, A, B}));
  // 80.5, 10, 9.5: 10: before 80.5, not < 80.5 -> B.  9.5: before 90.5 -> B.
  EXPECT_EQ(grade_pareto(ranked({"80.5", "10", "9.5"}), cuts("80.5", "95")), (Grades{A, B, B}));
  // Same data under 80,95 for contrast: 10: before 80.4 -> B.
  EXPECT_EQ(grade_pareto(ranked({"80.4", "10", "9.6"}), kParetoDefault), (Grades{A, B, B}));
}

TEST(ParetoGrade, CutPointWithEightDecimalsIsExact) {
  // --pareto 80.00000001,95; T = 100; A line 80.00000001.
  // second: before 80 < 80.00000001 -> A.
  EXPECT_EQ(grade_pareto(ranked({"80", "15", "5"}), cuts("80.00000001", "95")), (Grades{A, A, C}));
}

TEST(ParetoGrade, LargeValuesAreComparedExactly) {
  // T = (4*10^21 - 0.00000001) + (6*10^20 + 0.00000001) + 4*10^20 = 5*10^21.
  // A line = 0.8 T = 4*10^21. second: before 4*10^21 - 0.00000001 < 4*10^21 -> A.
  // third: before 4.6*10^21 < 4.75*10^21 -> B.
  EXPECT_EQ(grade_pareto(ranked({"3999999999999999999999.99999999",
                                 "600000000000000000000.00000001", "400000000000000000000"}),
                         kParetoDefault),
            (Grades{A, A, B}));
  // Moving one unit from the first to the second puts the second's before exactly on the
  // line: before 4*10^21 -> B.
  EXPECT_EQ(grade_pareto(ranked({"4000000000000000000000", "600000000000000000000",
                                 "400000000000000000000"}),
                         kParetoDefault),
            (Grades{A, B, B}));
}

TEST(ParetoGrade, TinyValuesAreComparedExactly) {
  // Units of 10^-8: 7, 2, 1; T = 10 units; A line 8, B line 9.5.
  // 2: before 7 < 8 -> A.  1: before 9 < 9.5 -> B.
  EXPECT_EQ(grade_pareto(ranked({"0.00000007", "0.00000002", "0.00000001"}), kParetoDefault),
            (Grades{A, A, B}));
  // 8, 2: second's before is 8, exactly on the A line -> B.
  EXPECT_EQ(grade_pareto(ranked({"0.00000008", "0.00000002"}), kParetoDefault), (Grades{A, B}));
}

TEST(ParetoGrade, BLineAtOneHundredLeavesNoPositiveC) {
  // --pareto 80,100; T = 100. 2: before 97 < 100 -> B. 1: before 99 < 100 -> B. -1 -> C.
  EXPECT_EQ(grade_pareto(ranked({"97", "2", "1", "-1"}), cuts("80", "100")), (Grades{A, B, B, C}));
}

TEST(ParetoGrade, EqualCutPointsLeaveNoB) {
  // --pareto 80,80; T = 100. 20: before 70 < 80 -> A. 10: before 90 -> neither -> C.
  EXPECT_EQ(grade_pareto(ranked({"70", "20", "10"}), cuts("80", "80")), (Grades{A, A, C}));
}

TEST(ParetoGrade, BothCutsAtOneHundredMakeEveryPositiveA) {
  // --pareto 100,100: before < T for every positive customer -> A. 0 -> C.
  EXPECT_EQ(grade_pareto(ranked({"5", "3", "1", "0"}), cuts("100", "100")), (Grades{A, A, A, C}));
}

TEST(ParetoGrade, EmptyInputGivesNoGrades) {
  EXPECT_TRUE(grade_pareto({}, kParetoDefault).empty());
}

// ---------------------------------------------------------------- positive_total

TEST(PositiveTotal, SumsOnlyPositiveValues) {
  // 5 + 2 = 7; 0 and -3 are left out.
  EXPECT_EQ(positive_total(ranked({"5", "-3", "0", "2"})), dec("7").units());
}

TEST(PositiveTotal, IsZeroForNoPositiveValues) {
  EXPECT_EQ(positive_total(ranked({"0", "-1"})), 0);
  EXPECT_EQ(positive_total({}), 0);
}

TEST(PositiveTotal, IsExactForFractions) {
  // 0.1 + 0.2 = 0.3 exactly (no binary floating point).
  EXPECT_EQ(positive_total(ranked({"0.1", "0.2"})), dec("0.3").units());
}

TEST(PositiveTotal, JustBelowTenToTheTwentyTwoIsAccepted) {
  // 5*10^21 + (5*10^21 - 0.00000001) = 10^22 - 0.00000001, the largest Decimal.
  EXPECT_EQ(positive_total(ranked({"5000000000000000000000", "4999999999999999999999.99999999"})),
            Decimal::kMaxUnits);
}

TEST(PositiveTotal, ReachingTenToTheTwentyTwoIsADataError) {
  // 5*10^21 + 5*10^21 = 10^22: "Throws Error(kDataErr) when it reaches 10^22".
  try {
    positive_total(ranked({"5000000000000000000000", "5000000000000000000000"}));
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kDataErr);
  }
}

// ---------------------------------------------------------------- percentile

TEST(PercentileGrade, ThreeCustomersGiveABC) {
  // N=3, 20,80: nA = ceil(0.6) = 1, nC = ceil(0.6) = 1: rank 1 A, rank 3 > 2 C, rank 2 B.
  EXPECT_EQ(grade_percentile(distinct(3), kPercentileDefault), (Grades{A, B, C}));
}

TEST(PercentileGrade, TenCustomersSplitTwoSixTwo) {
  // N=10: nA = ceil(2) = 2, nC = ceil(2) = 2: ranks 1-2 A, 3-8 B, 9-10 C.
  EXPECT_EQ(grade_percentile(distinct(10), kPercentileDefault), grades("AABBBBBBCC"));
}

TEST(PercentileGrade, OneCustomerIsA) {
  // N=1: nA = ceil(0.2) = 1 -> rank 1 is A (A is decided before C).
  EXPECT_EQ(grade_percentile(distinct(1), kPercentileDefault), (Grades{A}));
}

TEST(PercentileGrade, TwoCustomersGiveAAndC) {
  // N=2: nA = ceil(0.4) = 1, nC = ceil(0.4) = 1: rank 1 A, rank 2 > 1 C.
  EXPECT_EQ(grade_percentile(distinct(2), kPercentileDefault), (Grades{A, C}));
}

TEST(PercentileGrade, FourFiveAndSixCustomers) {
  // N=4: nA = ceil(0.8) = 1, nC = 1 -> A B B C.
  EXPECT_EQ(grade_percentile(distinct(4), kPercentileDefault), grades("ABBC"));
  // N=5: nA = ceil(1) = 1, nC = 1 -> A B B B C.
  EXPECT_EQ(grade_percentile(distinct(5), kPercentileDefault), grades("ABBBC"));
  // N=6: nA = ceil(1.2) = 2, nC = 2 -> A A B B C C.
  EXPECT_EQ(grade_percentile(distinct(6), kPercentileDefault), grades("AABBCC"));
}

TEST(PercentileGrade, QuarterCutPoints) {
  // --percentile 25,75.
  // N=8: nA = ceil(2) = 2, nC = ceil(2) = 2 -> AA BBBB CC.
  EXPECT_EQ(grade_percentile(distinct(8), cuts("25", "75")), grades("AABBBBCC"));
  // N=7: nA = ceil(1.75) = 2, nC = ceil(1.75) = 2 -> AA BBB CC.
  EXPECT_EQ(grade_percentile(distinct(7), cuts("25", "75")), grades("AABBBCC"));
  // N=4: nA = ceil(1) = 1, nC = 1 -> A BB C.
  EXPECT_EQ(grade_percentile(distinct(4), cuts("25", "75")), grades("ABBC"));
}

TEST(PercentileGrade, FractionalCutPoints) {
  // --percentile 33.3,66.6: 100 - 66.6 = 33.4.
  // N=10: nA = ceil(3.33) = 4, nC = ceil(3.34) = 4 -> AAAA BB CCCC.
  EXPECT_EQ(grade_percentile(distinct(10), cuts("33.3", "66.6")), grades("AAAABBCCCC"));
  // N=3: nA = ceil(0.999) = 1, nC = ceil(1.002) = 2 -> A C C.
  EXPECT_EQ(grade_percentile(distinct(3), cuts("33.3", "66.6")), grades("ACC"));
  // --percentile 33.3,66.7: N=3: nA = 1, nC = ceil(0.999) = 1 -> A B C.
  EXPECT_EQ(grade_percentile(distinct(3), cuts("33.3", "66.7")), grades("ABC"));
}

TEST(PercentileGrade, ExactProductsAreNotRoundedUp) {
  // --percentile 33.3,66.7, N=1000: nA = ceil(333) = 333 exactly, nC = ceil(333) = 333:
  // 333 A, 1000 - 333 - 333 = 334 B, 333 C.
  const Grades g = grade_percentile(distinct(1000), cuts("33.3", "66.7"));
  ASSERT_EQ(g.size(), 1000u);
  EXPECT_EQ(std::count(g.begin(), g.end(), A), 333);
  EXPECT_EQ(std::count(g.begin(), g.end(), B), 334);
  EXPECT_EQ(std::count(g.begin(), g.end(), C), 333);
  EXPECT_EQ(g[332], A);  // rank 333
  EXPECT_EQ(g[333], B);  // rank 334
  EXPECT_EQ(g[666], B);  // rank 667 = N - nC
  EXPECT_EQ(g[667], C);  // rank 668
}

TEST(PercentileGrade, TinyCutPointStillGivesOneA) {
  // --percentile 0.00000001,100, N=3: nA = ceil(3 * 10^-10) = 1, nC = ceil(0) = 0 -> A B B.
  EXPECT_EQ(grade_percentile(distinct(3), cuts("0.00000001", "100")), grades("ABB"));
}

TEST(PercentileGrade, AllAtOneHundredMakesEveryoneA) {
  // --percentile 100,100: nA = N, nC = ceil(0) = 0 -> all A.
  EXPECT_EQ(grade_percentile(distinct(1), cuts("100", "100")), grades("A"));
  EXPECT_EQ(grade_percentile(distinct(3), cuts("100", "100")), grades("AAA"));
  EXPECT_EQ(grade_percentile(distinct(10), cuts("100", "100")), grades("AAAAAAAAAA"));
}

TEST(PercentileGrade, EqualCutPointsLeaveNoB) {
  // --percentile 50,50, N=4: nA = 2, nC = ceil(2) = 2 -> AA CC.
  EXPECT_EQ(grade_percentile(distinct(4), cuts("50", "50")), grades("AACC"));
  // N=5: nA = ceil(2.5) = 3, nC = 3: ranks 1-3 A; rank 4, 5 > 2 C.
  EXPECT_EQ(grade_percentile(distinct(5), cuts("50", "50")), grades("AAACC"));
}

TEST(PercentileGrade, TieStraddlingTheACutTakesA) {
  // N=10, 20,80: ranks 2 and 3 tie (firsts 0,1,1,3,...). Rank 3 alone would be B.
  const std::vector<std::uint32_t> firsts = {0, 1, 1, 3, 4, 5, 6, 7, 8, 9};
  EXPECT_EQ(grade_percentile(firsts, kPercentileDefault), grades("AAABBBBBCC"));
}

TEST(PercentileGrade, TieStraddlingTheCCutTakesB) {
  // N=10, 20,80: ranks 8 and 9 tie. Rank 9 alone would be C; it takes rank 8's B.
  const std::vector<std::uint32_t> firsts = {0, 1, 2, 3, 4, 5, 6, 7, 7, 9};
  EXPECT_EQ(grade_percentile(firsts, kPercentileDefault), grades("AABBBBBBBC"));
}

TEST(PercentileGrade, TieFromTheACutToTheBottomIsAllA) {
  // N=10: ranks 2..10 tie: rank 2 is A, so all of them are A.
  const std::vector<std::uint32_t> firsts = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  EXPECT_EQ(grade_percentile(firsts, kPercentileDefault), grades("AAAAAAAAAA"));
}

TEST(PercentileGrade, EveryoneTiedIsAllA) {
  // N=3, all equal: the group's first (rank 1) is A.
  EXPECT_EQ(grade_percentile(tie_group_firsts(ranked({"4", "4", "4"})), kPercentileDefault),
            grades("AAA"));
}

TEST(PercentileGrade, TieAtTheBottomStaysC) {
  // N=10: ranks 9 and 10 tie; rank 9 is C -> both C.
  const std::vector<std::uint32_t> firsts = {0, 1, 2, 3, 4, 5, 6, 7, 8, 8};
  EXPECT_EQ(grade_percentile(firsts, kPercentileDefault), grades("AABBBBBBCC"));
}

TEST(PercentileGrade, WorksWithTieGroupFirstsOfRankedValues) {
  // Values 9, 5, 5, 1, 1 (N=5): nA = ceil(1) = 1, nC = ceil(1) = 1.
  // alone: A B B B C; rank 5 ties rank 4 (B) -> A B B B B.
  EXPECT_EQ(
      grade_percentile(tie_group_firsts(ranked({"9", "5", "5", "1", "1"})), kPercentileDefault),
      grades("ABBBB"));
}

TEST(PercentileGrade, EmptyInputGivesNoGrades) {
  EXPECT_TRUE(grade_percentile({}, kPercentileDefault).empty());
}

// ---------------------------------------------------------------- threshold

const Threshold kAmountDefault = {Metric::Amount, Decimal::from_int(500000),
                                  Decimal::from_int(200000)};

TEST(ThresholdGrade, ValueEqualToAMinIsA) {
  // 500000 >= 500000 -> A; the SPEC's "add up to exactly 500000.00".
  EXPECT_EQ(grade_threshold(dec("500000.00"), kAmountDefault), A);
}

TEST(ThresholdGrade, OneUnitBelowAMinIsB) {
  EXPECT_EQ(grade_threshold(dec("499999.99999999"), kAmountDefault), B);
}

TEST(ThresholdGrade, ValueEqualToBMinIsB) {
  EXPECT_EQ(grade_threshold(dec("200000"), kAmountDefault), B);
}

TEST(ThresholdGrade, BelowBMinIsC) {
  EXPECT_EQ(grade_threshold(dec("199999.99999999"), kAmountDefault), C);
  EXPECT_EQ(grade_threshold(dec("0"), kAmountDefault), C);
  EXPECT_EQ(grade_threshold(dec("-600000"), kAmountDefault), C);
}

TEST(ThresholdGrade, FarAboveAMinIsA) {
  EXPECT_EQ(grade_threshold(dec("9999999999999999999999"), kAmountDefault), A);
}

TEST(ThresholdGrade, EqualMinimumsLeaveNoB) {
  // frequency 10,10: 10 -> A, 9 -> C.
  const Threshold t = {Metric::Frequency, Decimal::from_int(10), Decimal::from_int(10)};
  EXPECT_EQ(grade_threshold(Decimal::from_int(10), t), A);
  EXPECT_EQ(grade_threshold(Decimal::from_int(9), t), C);
}

TEST(ThresholdGrade, ZeroAndNegativeMinimums) {
  // profit 0,-100: 0 -> A; -100 -> B; -100.01 -> C.
  const Threshold t = {Metric::Profit, dec("0"), dec("-100")};
  EXPECT_EQ(grade_threshold(dec("0"), t), A);
  EXPECT_EQ(grade_threshold(dec("-100"), t), B);
  EXPECT_EQ(grade_threshold(dec("-100.01"), t), C);
}

struct CombineCase {
  Grade a, b;
  Grade all, any;
};

TEST(Combine, AllGivesTheLowestAndAnyTheHighest) {
  const CombineCase cases[] = {
      {A, A, A, A}, {A, B, B, A}, {A, C, C, A}, {B, A, B, A}, {B, B, B, B},
      {B, C, C, B}, {C, A, C, A}, {C, B, C, B}, {C, C, C, C},
  };
  for (const CombineCase& c : cases) {
    SCOPED_TRACE(std::string(letter(c.a)) + "," + std::string(letter(c.b)));
    EXPECT_EQ(combine(c.a, c.b, Combine::All), c.all);
    EXPECT_EQ(combine(c.a, c.b, Combine::Any), c.any);
  }
}

TEST(Combine, ThreeMetricsFoldLikeTheSpecSays) {
  // amount A, frequency B, clv C: all -> C (A only if every A threshold is met); any -> A.
  EXPECT_EQ(combine(combine(A, B, Combine::All), C, Combine::All), C);
  EXPECT_EQ(combine(combine(A, B, Combine::Any), C, Combine::Any), A);
  // all A -> A under all.
  EXPECT_EQ(combine(combine(A, A, Combine::All), A, Combine::All), A);
}

TEST(GradeLetter, IsTheCapitalLetter) {
  EXPECT_EQ(letter(A), "A");
  EXPECT_EQ(letter(B), "B");
  EXPECT_EQ(letter(C), "C");
}

}  // namespace
}  // namespace abcgrade
