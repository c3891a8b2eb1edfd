// Unit tests of score.hpp (SPEC 3.4) and of the score and group columns that
// build_table adds (SPEC 3.4, 3.5 and 4). Every expected value is worked by
// hand in the comment above it:
//   p = (worse + (same - 1) / 2) / (N - 1), or 1 when N = 1, per ingredient
//   ("worse" is smaller, except for recency, where more days is worse);
//   weights normalised to sum 1; score = sum of w * p, printed with 6
//   fractional digits, half up; the score ranking (highest first, ties by
//   customer_id) graded by the percentile rule of SPEC 3.3, equal scores
//   sharing the grade of their best-ranked member.
// Percentile with the default 20,80: nA = ceil(N * 20%), nC = ceil(N * 20%);
//   N = 1: A; N = 2: nA = 1, nC = 1 -> A C; N = 3: A B C; N = 4: A B B C;
//   N = 5: A B B B C.
#include "abcgrade/score.hpp"

#include <gtest/gtest.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/aggregate.hpp"
#include "abcgrade/date.hpp"
#include "abcgrade/decimal.hpp"
#include "abcgrade/grading.hpp"
#include "abcgrade/policy.hpp"
#include "abcgrade/previous_table.hpp"
#include "abcgrade/table.hpp"
#include "test_values.hpp"

namespace abcgrade {
namespace {

using test::dec;
using test::show;

using Strings = std::vector<std::string>;

// One ingredient's values in Decimal units (whole numbers are enough here).
std::vector<Int128> units(std::initializer_list<int> values) {
  std::vector<Int128> out;
  for (int v : values) out.push_back(static_cast<Int128>(v) * Decimal::kOne);
  return out;
}

// True when customer i's score is exactly num / den (cross-multiplied, so
// the test does not depend on how the scores are scaled).
::testing::AssertionResult score_is(const CompositeScores& s, std::size_t i, Int128 num,
                                    Int128 den) {
  if (s.denominator <= 0) return ::testing::AssertionFailure() << "denominator <= 0";
  if (s.numerators.at(i) * den == num * s.denominator) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "customer " << i << ": score is "
         << rounded_ratio(s.numerators[i], s.denominator, 8).to_string(8) << ", expected "
         << static_cast<long long>(num) << "/" << static_cast<long long>(den);
}

CustomerTotals customer(const char* id, const char* amount, const char* clv = "0") {
  CustomerTotals c;
  c.id = id;
  c.amount = dec(amount);
  c.clv = dec(clv);
  c.frequency = 1;
  return c;
}

CustomerTotals in_group(CustomerTotals c, const char* group) {
  c.group = group;
  return c;
}

CustomerTotals last_bought(CustomerTotals c, const char* date) {
  c.last_date = parse_date(date).value;
  return c;
}

// --score (score_requested) with `weights`, --method `method`.
TableOptions scored(std::vector<ScoreWeight> weights = Policy::default_score(),
                    Method method = Method::Pareto) {
  TableOptions o;
  o.policy.method = method;
  o.policy.score = std::move(weights);
  o.policy.score_requested = true;
  return o;
}

TableOptions grouped_by_region(Method method = Method::Pareto) {
  TableOptions o;
  o.policy.method = method;
  o.policy.group_by = "Region";
  return o;
}

ScoreWeight weight(Metric m, const char* w) { return ScoreWeight{m, dec(w)}; }

// One column down the table, in output order.
Strings column(const Table& t, Column kind, Lang lang = Lang::En) {
  Strings out;
  for (const TableRow& row : t.rows) out.push_back(show(t.cell(row, ColumnSpec{kind, 0}, lang)));
  return out;
}

Strings titles(const Table& t, Lang lang) {
  Strings out;
  for (const ColumnSpec& c : t.columns) out.push_back(std::string(t.title(c, lang)));
  return out;
}

// ------------------------------------------------------------ composite_scores

TEST(ScoreComposite, OneIngredientWithoutTiesIsThePercentilePosition) {
  // 30, 10, 20 (N = 3, N - 1 = 2): 30 has 2 worse -> 2/2 = 1; 10 has 0 -> 0;
  // 20 has 1 -> 1/2.
  const std::vector<Decimal> w = {dec("1")};
  const CompositeScores s = composite_scores({units({30, 10, 20})}, w);
  ASSERT_EQ(s.numerators.size(), 3u);
  EXPECT_TRUE(score_is(s, 0, 1, 1));
  EXPECT_TRUE(score_is(s, 1, 0, 1));
  EXPECT_TRUE(score_is(s, 2, 1, 2));
}

TEST(ScoreComposite, TiedValuesCountHalfOfTheOthersWithTheSameValue) {
  // 5, 5, 5, 1 (N = 4, N - 1 = 3): each 5 has 1 worse and 3 the same:
  // p = (1 + (3 - 1) / 2) / 3 = 2/3; the 1 has p = (0 + 0) / 3 = 0.
  const std::vector<Decimal> w = {dec("1")};
  const CompositeScores s = composite_scores({units({5, 5, 5, 1})}, w);
  EXPECT_TRUE(score_is(s, 0, 2, 3));
  EXPECT_TRUE(score_is(s, 1, 2, 3));
  EXPECT_TRUE(score_is(s, 2, 2, 3));
  EXPECT_TRUE(score_is(s, 3, 0, 1));
}

TEST(ScoreComposite, EveryoneTiedScoresOneHalf) {
  // 7, 7 (N = 2): worse 0, same 2: p = (0 + 1/2) / 1 = 1/2 each.
  const std::vector<Decimal> w = {dec("1")};
  const CompositeScores s = composite_scores({units({7, 7})}, w);
  EXPECT_TRUE(score_is(s, 0, 1, 2));
  EXPECT_TRUE(score_is(s, 1, 1, 2));
}

TEST(ScoreComposite, SingleCustomerScoresOne) {
  // SPEC 3.4: p = 1 when N = 1, for every ingredient; weights 3 and 1
  // normalise to 3/4 and 1/4: score = 3/4 + 1/4 = 1.
  const std::vector<Decimal> w = {dec("3"), dec("1")};
  const CompositeScores s = composite_scores({units({-5}), units({0})}, w);
  ASSERT_EQ(s.numerators.size(), 1u);
  EXPECT_TRUE(score_is(s, 0, 1, 1));
}

TEST(ScoreComposite, TwoCustomersAreOneAndZeroPerIngredient) {
  // N = 2, N - 1 = 1. amount a 10 > b 5: p = 1, 0. clv a 1 < b 9: p = 0, 1.
  // Weights 0.8, 0.2: a = 0.8 * 1 + 0.2 * 0 = 4/5; b = 0.8 * 0 + 0.2 * 1 = 1/5.
  const std::vector<Decimal> w = {dec("0.8"), dec("0.2")};
  const CompositeScores s = composite_scores({units({10, 5}), units({1, 9})}, w);
  EXPECT_TRUE(score_is(s, 0, 4, 5));
  EXPECT_TRUE(score_is(s, 1, 1, 5));
}

TEST(ScoreComposite, WeightsThatDoNotSumToOneAreNormalised) {
  // Weights 3 and 1 -> 3/4 and 1/4. N = 3: ingredient 1 is 3, 2, 1 -> p = 1, 1/2, 0;
  // ingredient 2 is 1, 2, 3 -> p = 0, 1/2, 1.
  // a = 3/4 * 1 + 1/4 * 0 = 3/4; b = 3/4 * 1/2 + 1/4 * 1/2 = 1/2; c = 0 + 1/4 = 1/4.
  const std::vector<Decimal> w = {dec("3"), dec("1")};
  const CompositeScores s = composite_scores({units({3, 2, 1}), units({1, 2, 3})}, w);
  EXPECT_TRUE(score_is(s, 0, 3, 4));
  EXPECT_TRUE(score_is(s, 1, 1, 2));
  EXPECT_TRUE(score_is(s, 2, 1, 4));
}

TEST(ScoreComposite, ScaledWeightsGiveTheSameScores) {
  // 0.75/0.25, 3/1 and 6/2 are the same weights once normalised.
  const std::vector<std::vector<Int128>> values = {units({3, 2, 1}), units({1, 2, 3})};
  for (const auto& w :
       {std::vector<Decimal>{dec("0.75"), dec("0.25")}, std::vector<Decimal>{dec("6"), dec("2")}}) {
    const CompositeScores s = composite_scores(values, w);
    EXPECT_TRUE(score_is(s, 0, 3, 4));
    EXPECT_TRUE(score_is(s, 1, 1, 2));
    EXPECT_TRUE(score_is(s, 2, 1, 4));
  }
}

TEST(ScoreComposite, NegativeValuesAreWorseThanZero) {
  // -5 < 0 < 3 (N = 3): p = 0, 1/2, 1.
  const std::vector<Decimal> w = {dec("1")};
  const CompositeScores s = composite_scores({units({-5, 0, 3})}, w);
  EXPECT_TRUE(score_is(s, 0, 0, 1));
  EXPECT_TRUE(score_is(s, 1, 1, 2));
  EXPECT_TRUE(score_is(s, 2, 1, 1));
}

// ------------------------------------------------------------ score through build_table

TEST(ScoreTable, DefaultWeightsAreAmountEightTenthsAndClvTwoTenths) {
  EXPECT_EQ(Policy::default_score(),
            (std::vector<ScoreWeight>{weight(Metric::Amount, "0.8"), weight(Metric::Clv, "0.2")}));
  // N = 4, N - 1 = 3. amount a 400, b 300, c 200, d 100: p = 1, 2/3, 1/3, 0.
  // clv a 10, b 40, c 30, d 20: p = 0, 1, 2/3, 1/3.
  // a = 0.8 * 1 + 0.2 * 0 = 0.800000
  // b = 0.8 * 2/3 + 0.2 * 1 = 11/15 = 0.7333333... -> 0.733333
  // c = 0.8 * 1/3 + 0.2 * 2/3 = 1.2/3 = 0.400000
  // d = 0 + 0.2 * 1/3 = 0.0666666... -> 0.066667
  // Score ranking a, b, c, d; N = 4 -> A B B C.
  const Table t = build_table({customer("a", "400", "10"), customer("b", "300", "40"),
                               customer("c", "200", "30"), customer("d", "100", "20")},
                              scored());
  EXPECT_TRUE(t.scored);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"a", "b", "c", "d"}));
  EXPECT_EQ(column(t, Column::Score), (Strings{"0.800000", "0.733333", "0.400000", "0.066667"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"A", "B", "B", "C"}));
}

TEST(ScoreTable, TiesInOneIngredientShareTheirPosition) {
  // Weights amount 1, clv 1 -> 1/2 each. N = 3, N - 1 = 2.
  // amount a 50, b 50, c 10: a and b have 1 worse, 2 the same: p = (1 + 1/2) / 2 = 3/4; c 0.
  // clv a 1, b 3, c 2: p = 0, 1, 1/2.
  // a = (3/4 + 0) / 2 = 0.375; b = (3/4 + 1) / 2 = 0.875; c = (0 + 1/2) / 2 = 0.25.
  // Table by amount: a, b (tie by id), c. Score ranking b, a, c -> b A, a B, c C.
  const Table t =
      build_table({customer("c", "10", "2"), customer("b", "50", "3"), customer("a", "50", "1")},
                  scored({weight(Metric::Amount, "1"), weight(Metric::Clv, "1")}));
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"a", "b", "c"}));
  EXPECT_EQ(column(t, Column::Score), (Strings{"0.375000", "0.875000", "0.250000"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"B", "A", "C"}));
}

TEST(ScoreTable, SingleCustomerScoresOneAndIsA) {
  // N = 1: p = 1 for both ingredients, score = 0.8 + 0.2 = 1; percentile N = 1 -> A.
  const Table t = build_table({customer("solo", "-3", "0")}, scored());
  EXPECT_EQ(column(t, Column::Score), (Strings{"1.000000"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"A"}));
}

TEST(ScoreTable, TwoCustomersScoreByTheirWeights) {
  // N = 2: amount a 10 > b 5 -> p 1, 0; clv a 0 < b 100 -> p 0, 1.
  // a = 0.8, b = 0.2. Percentile N = 2: A, C.
  const Table t = build_table({customer("a", "10", "0"), customer("b", "5", "100")}, scored());
  EXPECT_EQ(column(t, Column::Score), (Strings{"0.800000", "0.200000"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"A", "C"}));
}

TEST(ScoreTable, WeightsThreeAndOneAreNormalised) {
  // --score amount=1,clv=3 -> 1/4 and 3/4. N = 3.
  // amount a 3, b 2, c 1: p = 1, 1/2, 0; clv a 1, b 2, c 3: p = 0, 1/2, 1.
  // a = 1/4; b = 1/8 + 3/8 = 1/2; c = 3/4. Score ranking c, b, a -> c A, b B, a C.
  // grade is pareto's (T = 6): a before 0 -> A; b before 3 < 4.8 -> A; c before 5 >= 4.8,
  // < 5.7 -> B.
  const Table t =
      build_table({customer("a", "3", "1"), customer("b", "2", "2"), customer("c", "1", "3")},
                  scored({weight(Metric::Amount, "1"), weight(Metric::Clv, "3")}));
  EXPECT_EQ(column(t, Column::Score), (Strings{"0.250000", "0.500000", "0.750000"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"C", "B", "A"}));
  EXPECT_EQ(column(t, Column::Grade), (Strings{"A", "A", "B"}));
}

TEST(ScoreTable, ScoreGradeIsTheGradeUnderMethodScore) {
  // The same customers as WeightsThreeAndOneAreNormalised, --method score: grade = score_grade.
  // The score is computed with --method score even without --score (default weights).
  TableOptions o = scored({weight(Metric::Amount, "1"), weight(Metric::Clv, "3")}, Method::Score);
  const Table t =
      build_table({customer("a", "3", "1"), customer("b", "2", "2"), customer("c", "1", "3")}, o);
  EXPECT_EQ(column(t, Column::Grade), (Strings{"C", "B", "A"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"C", "B", "A"}));
  EXPECT_EQ(column(t, Column::ParetoGrade), (Strings{"A", "A", "B"}));

  o.policy.score_requested = false;  // --method score alone
  const Table alone =
      build_table({customer("a", "3", "1"), customer("b", "2", "2"), customer("c", "1", "3")}, o);
  EXPECT_TRUE(alone.scored);
  EXPECT_EQ(column(alone, Column::Grade), (Strings{"C", "B", "A"}));
}

TEST(ScoreTable, ScoreIsPrintedWithSixDigitsRoundedHalfUp) {
  // --score amount=1,clv=7 -> 1/8 and 7/8. N = 9, N - 1 = 8.
  // x: amount 1, tied with y at the bottom: worse 0, same 2: p = (0 + 1/2) / 8 = 1/16;
  //    clv 0, the only lowest: p = 0.
  // x = 1/8 * 1/16 + 7/8 * 0 = 1/128 = 0.0078125 -> half up 0.007813 (not 0.007812).
  const Table t =
      build_table({customer("x", "1", "0"), customer("y", "1", "1"), customer("k2", "2", "2"),
                   customer("k3", "3", "3"), customer("k4", "4", "4"), customer("k5", "5", "5"),
                   customer("k6", "6", "6"), customer("k7", "7", "7"), customer("k8", "8", "8")},
                  scored({weight(Metric::Amount, "1"), weight(Metric::Clv, "7")}));
  ASSERT_EQ(t.rows.size(), 9u);
  // Amount order: k8 .. k2, then x and y (tie by id) -> x is 8th.
  EXPECT_EQ(show(t.cell(t.rows[7], ColumnSpec{Column::CustomerId, 0}, Lang::En)), "x");
  EXPECT_EQ(show(t.cell(t.rows[7], ColumnSpec{Column::Score, 0}, Lang::En)), "0.007813");
}

TEST(ScoreTable, RecencyCountsMoreDaysAsWorse) {
  // --score recency=1, as-of 2024-06-30. Days since the last purchase:
  // a 2024-06-29 -> 1, b 2024-06-01 -> 29, c 2024-01-01 -> 181. Fewer days is better:
  // p = a 2/2 = 1, b 1/2, c 0. Score ranking a, b, c -> A, B, C.
  // Amount order is c 30, b 20, a 10.
  TableOptions o = scored({weight(Metric::Recency, "1")});
  o.as_of = parse_date("2024-06-30").value;
  const Table t = build_table({last_bought(customer("a", "10"), "2024-06-29"),
                               last_bought(customer("b", "20"), "2024-06-01"),
                               last_bought(customer("c", "30"), "2024-01-01")},
                              o);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"c", "b", "a"}));
  EXPECT_EQ(column(t, Column::Score), (Strings{"0.000000", "0.500000", "1.000000"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"C", "B", "A"}));
}

TEST(ScoreTable, RecencyAndAmountCanCancelIntoEqualScores) {
  // --score amount=1,recency=1 (1/2 each), as-of 2024-06-30, N = 3.
  // amount a 1, b 2, c 3: p = 0, 1/2, 1.
  // recency a 0 days, b 10, c 20: p = 1, 1/2, 0.
  // Every score is (0 + 1) / 2 = (1/2 + 1/2) / 2 = (1 + 0) / 2 = 0.5: all tie, so all take
  // the grade of the best-ranked (a, by id): A.
  TableOptions o = scored({weight(Metric::Amount, "1"), weight(Metric::Recency, "1")});
  o.as_of = parse_date("2024-06-30").value;
  const Table t = build_table(
      {last_bought(customer("a", "1"), "2024-06-30"), last_bought(customer("b", "2"), "2024-06-20"),
       last_bought(customer("c", "3"), "2024-06-10")},
      o);
  EXPECT_EQ(column(t, Column::Score), (Strings{"0.500000", "0.500000", "0.500000"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"A", "A", "A"}));
}

TEST(ScoreTable, EqualScoresShareTheGradeOfTheBestRanked) {
  // Weights amount 1, clv 1 (1/2 each). N = 5, N - 1 = 4.
  // amount a 5, b 4, c 3, d 2, e 1: p = 1, 3/4, 1/2, 1/4, 0.
  // clv    a 40, b 50, c 30, d 10, e 20: p = 3/4, 1, 1/2, 0, 1/4.
  // a = (1 + 3/4) / 2 = 0.875, b = (3/4 + 1) / 2 = 0.875, c = 0.5, d = (1/4 + 0) / 2 = 0.125,
  // e = (0 + 1/4) / 2 = 0.125.
  // Score ranking (ties by id): a, b, c, d, e. Percentile N = 5: A B B B C by position; b ties
  // a -> A; e ties d -> B. So A A B B B.
  const Table t =
      build_table({customer("a", "5", "40"), customer("b", "4", "50"), customer("c", "3", "30"),
                   customer("d", "2", "10"), customer("e", "1", "20")},
                  scored({weight(Metric::Amount, "1"), weight(Metric::Clv, "1")}));
  EXPECT_EQ(column(t, Column::Score),
            (Strings{"0.875000", "0.875000", "0.500000", "0.125000", "0.125000"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"A", "A", "B", "B", "B"}));
}

// BUG: with very large weights the printed score overflows. grade_scores (src/table.cpp)
// divides the score numerator by weight_total * 2 * (N - 1) with rounded_ratio, whose
// long division multiplies the remainder by 10^4 and REQUIRES den < 10^31 or so; a weight of
// 9 * 10^21 (9 * 10^29 units) and N = 20000 make den about 3.6 * 10^34, so the remainder
// times 10^4 passes 2^127 and wraps. The weight is a valid --score value (any number > 0).
// Expected (weights are normalised, so the size of the weight cannot matter): with one
// ingredient, amount 1..20000, the customer ranked 2nd has 19998 worse of N - 1 = 19999:
// p = 19998/19999 = 0.99994999... -> 0.999950, and every score lies in [0, 1].
// Actual: 0.054674 for that customer, and about half of the scores above 1.
TEST(ScoreTable, LargestAllowedWeightsGiveTheSameScoresAsSmallOnes) {
  // Found with a weight of 9e21 (past 10^34 the score's long division
  // overflowed); weights are now capped at 10^6 (policy.hpp weight_problem,
  // a usage error above it), and the largest allowed weight is exact.
  EXPECT_EQ(weight_problem(weight(Metric::Amount, "1000000")), "");
  EXPECT_EQ(weight_problem(weight(Metric::Amount, "1000000.00000001")),
            "weights must be at most 1000000");
  constexpr int kN = 20000;
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> v;
    for (int i = 0; i < kN; ++i) v.push_back("K" + std::to_string(100000 + i));
    return v;
  }();
  std::vector<CustomerTotals> cs;
  for (int i = 0; i < kN; ++i) {
    CustomerTotals c;
    c.id = ids[static_cast<std::size_t>(i)];
    c.amount = Decimal::from_int(i + 1);
    cs.push_back(c);
  }
  const Table t = build_table(cs, scored({weight(Metric::Amount, "1000000")}));
  ASSERT_EQ(t.rows.size(), static_cast<std::size_t>(kN));
  EXPECT_EQ(show(t.cell(t.rows[0], ColumnSpec{Column::Score, 0}, Lang::En)), "1.000000");
  EXPECT_EQ(show(t.cell(t.rows[1], ColumnSpec{Column::Score, 0}, Lang::En)), "0.999950");
  int outside = 0;
  for (const TableRow& row : t.rows) outside += row.score_micro > 1000000 ? 1 : 0;
  EXPECT_EQ(outside, 0);
}

TEST(ScoreTable, ScoreColumnsFollowCumulativeShareInBothLanguages) {
  TableOptions o = scored();
  o.kept_headers = {"Note"};
  CustomerTotals a = customer("a", "2", "1");
  CustomerTotals b = customer("b", "1", "2");
  static const std::string_view kNotes[] = {"x", "y"};
  a.kept = std::span<const std::string_view>(kNotes, 1);
  b.kept = std::span<const std::string_view>(kNotes + 1, 1);
  const Table t = build_table({a, b}, o);
  EXPECT_EQ(titles(t, Lang::En),
            (Strings{"rank", "customer_id", "customer_name", "grade", "pareto_grade",
                     "percentile_grade", "threshold_grade", "amount", "frequency", "profit", "clv",
                     "share", "cumulative_share", "score", "score_grade", "Note"}));
  EXPECT_EQ(titles(t, Lang::Zh),
            (Strings{"排名", "客户编号", "客户名称", "客户等级", "帕累托等级", "百分位等级",
                     "阈值等级", "购买力", "成交频率", "利润贡献", "生命周期价值", "占比",
                     "累计占比", "综合得分", "综合等级", "Note"}));
}

TEST(ScoreTable, ScoreColumnsFollowTheGroupAndMovementColumnsToo) {
  // With every optional column: group after customer_id, previous_grade and movement after
  // grade, score and score_grade after cumulative_share.
  TableOptions o = scored();
  o.policy.group_by = "Region";
  const PreviousGrades before = PreviousGrades::from({{"a", Grade::B}});
  o.previous = &before;
  const Table t = build_table({in_group(customer("a", "1"), "r")}, o);
  EXPECT_EQ(
      titles(t, Lang::En),
      (Strings{"rank", "customer_id", "group", "customer_name", "grade", "previous_grade",
               "movement", "pareto_grade", "percentile_grade", "threshold_grade", "amount",
               "frequency", "profit", "clv", "share", "cumulative_share", "score", "score_grade"}));
}

// ------------------------------------------------------------ groups through build_table

TEST(GroupTable, EmptyGroupValueIsAGroupOfItsOwnShownAsEmpty) {
  // Groups "" and "North"; "" < "North" in byte order, so the empty group comes first.
  // "":    b 50, c 30: T = 80; shares 50/80 = 0.625, 30/80 = 0.375; cumulative 0.625, 1.
  // North: a 100, d 10: T = 110; 100/110 = 0.9090909 -> 0.909091, 10/110 = 0.0909090 ->
  //        0.090909; cumulative 0.909091, 110/110 = 1.
  const Table t =
      build_table({in_group(customer("a", "100"), "North"), in_group(customer("b", "50"), ""),
                   in_group(customer("c", "30"), ""), in_group(customer("d", "10"), "North")},
                  grouped_by_region());
  EXPECT_TRUE(t.grouped);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"b", "c", "a", "d"}));
  EXPECT_EQ(column(t, Column::Group), (Strings{"", "", "North", "North"}));
  EXPECT_EQ(column(t, Column::Rank), (Strings{"1", "2", "1", "2"}));
  EXPECT_EQ(column(t, Column::Share), (Strings{"0.625000", "0.375000", "0.909091", "0.090909"}));
  EXPECT_EQ(column(t, Column::CumulativeShare),
            (Strings{"0.625000", "1.000000", "0.909091", "1.000000"}));
}

TEST(GroupTable, GroupOfOneIsRankOneWithTheWholeShareAndGradeA) {
  // "Solo" holds only s (7): rank 1, share 7/7 = 1, cumulative 1; pareto: before 0 < 80% of 7
  // -> A; percentile N = 1 -> A. The "Big" group (100, 1) does not touch it.
  const Table t =
      build_table({in_group(customer("big1", "100"), "Big"), in_group(customer("big2", "1"), "Big"),
                   in_group(customer("s", "7"), "Solo")},
                  grouped_by_region());
  ASSERT_EQ(column(t, Column::CustomerId), (Strings{"big1", "big2", "s"}));
  const TableRow& s = t.rows[2];
  EXPECT_EQ(s.rank, 1u);
  EXPECT_EQ(show(t.cell(s, ColumnSpec{Column::Share, 0}, Lang::En)), "1.000000");
  EXPECT_EQ(show(t.cell(s, ColumnSpec{Column::CumulativeShare, 0}, Lang::En)), "1.000000");
  EXPECT_EQ(s.pareto, Grade::A);
  EXPECT_EQ(s.percentile, Grade::A);
  EXPECT_EQ(s.grade, Grade::A);
}

TEST(GroupTable, RanksSharesAndGradesAreWithinEachGroup) {
  // East e1 600, e2 300, e3 100: T = 1000. Pareto: e1 before 0 -> A; e2 before 600 < 800 -> A;
  //   e3 before 900 >= 800, < 950 -> B. Percentile N = 3: A B C.
  //   Shares 0.6, 0.3, 0.1; cumulative 0.6, 0.9, 1.
  // West w1 50, w2 30, w3 20: T = 100. Pareto: A; before 50 < 80 -> A; before 80, not < 80,
  //   < 95 -> B. Percentile A B C. Shares 0.5, 0.3, 0.2; cumulative 0.5, 0.8, 1.
  // (Ranked together, w1..w3 would be ranks 4..6, not 1..3.)
  const Table t =
      build_table({in_group(customer("w2", "30"), "West"), in_group(customer("e1", "600"), "East"),
                   in_group(customer("w1", "50"), "West"), in_group(customer("e3", "100"), "East"),
                   in_group(customer("w3", "20"), "West"), in_group(customer("e2", "300"), "East")},
                  grouped_by_region(Method::Percentile));
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"e1", "e2", "e3", "w1", "w2", "w3"}));
  EXPECT_EQ(column(t, Column::Rank), (Strings{"1", "2", "3", "1", "2", "3"}));
  EXPECT_EQ(column(t, Column::Share),
            (Strings{"0.600000", "0.300000", "0.100000", "0.500000", "0.300000", "0.200000"}));
  EXPECT_EQ(column(t, Column::CumulativeShare),
            (Strings{"0.600000", "0.900000", "1.000000", "0.500000", "0.800000", "1.000000"}));
  EXPECT_EQ(column(t, Column::ParetoGrade), (Strings{"A", "A", "B", "A", "A", "B"}));
  EXPECT_EQ(column(t, Column::PercentileGrade), (Strings{"A", "B", "C", "A", "B", "C"}));
  EXPECT_EQ(column(t, Column::Grade), (Strings{"A", "B", "C", "A", "B", "C"}));
}

TEST(GroupTable, OrderedByGroupInByteOrderThenRank) {
  // Byte order: "" < "B" (0x42) < "a" (0x61) < "b" (0x62) < "北" (0xE5 0x8C 0x97).
  // Within "b": hi 9 before lo 1.
  const Table t =
      build_table({in_group(customer("lo", "1"), "b"), in_group(customer("zh", "5"), "北"),
                   in_group(customer("up", "5"), "B"), in_group(customer("hi", "9"), "b"),
                   in_group(customer("low", "5"), "a"), in_group(customer("none", "5"), "")},
                  grouped_by_region());
  EXPECT_EQ(column(t, Column::Group), (Strings{"", "B", "a", "b", "b", "北"}));
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"none", "up", "low", "hi", "lo", "zh"}));
  EXPECT_EQ(column(t, Column::Rank), (Strings{"1", "1", "1", "1", "2", "1"}));
}

TEST(GroupTable, GroupColumnFollowsCustomerIdAndIsNamedZuInChinese) {
  const Table t = build_table({in_group(customer("a", "1"), "g")}, grouped_by_region());
  ASSERT_GE(t.columns.size(), 3u);
  EXPECT_EQ(t.title(t.columns[2], Lang::En), "group");
  EXPECT_EQ(t.title(t.columns[2], Lang::Zh), "组");
  EXPECT_EQ(t.title(t.columns[1], Lang::En), "customer_id");
  EXPECT_EQ(t.title(t.columns[3], Lang::En), "customer_name");
}

TEST(GroupTable, ScoreIsComputedWithinEachGroup) {
  // Default weights. X: x1 amount 10 clv 10, x2 amount 5 clv 5 (N = 2): x1 p = 1, 1 -> 1;
  //   x2 p = 0, 0 -> 0. Percentile N = 2: A, C.
  // Y: y1 alone (N = 1) -> 1, A.
  // (Ranked together, N = 3: y1 1, x1 0.5, x2 0.)
  TableOptions o = scored();
  o.policy.group_by = "Region";
  const Table t = build_table(
      {in_group(customer("y1", "1000", "1000"), "Y"), in_group(customer("x2", "5", "5"), "X"),
       in_group(customer("x1", "10", "10"), "X")},
      o);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"x1", "x2", "y1"}));
  EXPECT_EQ(column(t, Column::Score), (Strings{"1.000000", "0.000000", "1.000000"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"A", "C", "A"}));
}

}  // namespace
}  // namespace abcgrade
