// Unit tests of table.hpp (SPEC 3.2-3.5 and 4): rank, share and cumulative
// share worked by hand, the grade of each method, thresholds with combine
// all/any, the columns and their en/zh titles, kept columns, the ranking
// metric, and groups.
#include "abcgrade/table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "abcgrade/aggregate.hpp"
#include "abcgrade/date.hpp"
#include "abcgrade/decimal.hpp"
#include "abcgrade/grading.hpp"
#include "abcgrade/policy.hpp"
#include "test_values.hpp"

namespace abcgrade {
namespace {

using test::dec;
using test::options;
using test::show;

CustomerTotals customer(const char* id, const char* amount, std::int64_t frequency = 0,
                        const char* profit = "0", const char* clv = "0") {
  CustomerTotals c;
  c.id = id;
  c.amount = dec(amount);
  c.frequency = frequency;
  c.profit = dec(profit);
  c.clv = dec(clv);
  return c;
}

CustomerTotals in_group(CustomerTotals c, const char* group) {
  c.group = group;
  return c;
}

const Threshold kAmount500k200k = {Metric::Amount, Decimal::from_int(500000),
                                   Decimal::from_int(200000)};
const Threshold kFrequency10And5 = {Metric::Frequency, Decimal::from_int(10), Decimal::from_int(5)};

std::string cell_of(const Table& t, const TableRow& row, Column kind, Lang lang = Lang::En) {
  return show(t.cell(row, ColumnSpec{kind, 0}, lang));
}

// One column down the table, in output order.
std::vector<std::string> column(const Table& t, Column kind) {
  std::vector<std::string> out;
  for (const TableRow& row : t.rows) out.push_back(cell_of(t, row, kind));
  return out;
}

using Strings = std::vector<std::string>;

std::vector<std::string> titles(const Table& t, Lang lang) {
  std::vector<std::string> out;
  for (const ColumnSpec& c : t.columns) out.push_back(std::string(t.title(c, lang)));
  return out;
}

// ---------------------------------------------------------------- rows and ranks

TEST(TableRows, RankIsOneToNInRankOrder) {
  // 30 > 20 > 10.
  const Table t =
      build_table({customer("c1", "10"), customer("c2", "30"), customer("c3", "20")}, options());
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"c2", "c3", "c1"}));
  EXPECT_EQ(column(t, Column::Rank), (Strings{"1", "2", "3"}));
  for (std::size_t i = 0; i < t.rows.size(); ++i) EXPECT_EQ(t.rows[i].rank, i + 1);
}

TEST(TableRows, TiesAreOrderedByCustomerIdBytes) {
  // All 5: byte order "B" (0x42) < "C10" < "C9" < "a" (0x61).
  const Table t = build_table(
      {customer("a", "5"), customer("C9", "5"), customer("B", "5"), customer("C10", "5")},
      options());
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"B", "C10", "C9", "a"}));
  EXPECT_EQ(column(t, Column::Rank), (Strings{"1", "2", "3", "4"}));
}

TEST(TableRows, EveryCustomerAppearsOnceAndRowsPointIntoCustomers) {
  const Table t =
      build_table({customer("x", "1"), customer("y", "-1"), customer("z", "0")}, options());
  ASSERT_EQ(t.rows.size(), 3u);
  std::vector<std::uint32_t> seen;
  for (const TableRow& r : t.rows) seen.push_back(r.customer);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::uint32_t>{0, 1, 2}));
  EXPECT_EQ(t.customers[t.rows[0].customer].id, "x");
  EXPECT_EQ(t.customers[t.rows[2].customer].id, "y");
}

// Enough customers that putting them in output order runs on two threads
// (from 65,536 moves), in the shapes that the permutation takes: one cycle
// through everyone (a rotation), many two-cycles (reversed), none (already
// in order) and a shuffle. Every row must carry its own customer whole:
// the expected order is sorted here, by amount descending, then id bytes.
TEST(TableRows, LargeTablesKeepEveryCustomerWholeInRankOrder) {
  constexpr std::size_t kCustomers = 150001;
  std::vector<std::string> ids(kCustomers);
  for (std::size_t i = 0; i < kCustomers; ++i) ids[i] = "C" + std::to_string(1000000 + i);
  std::uint64_t seed = 42;
  auto next_random = [&seed] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return seed >> 33;
  };
  const std::vector<std::pair<const char*, std::function<std::int64_t(std::size_t)>>> shapes = {
      {"rotation",  // position j takes customer j + 1
       [](std::size_t i) {
         return static_cast<std::int64_t>(kCustomers - (i + kCustomers - 1) % kCustomers);
       }},
      {"reversed", [](std::size_t i) { return static_cast<std::int64_t>(i); }},
      {"in order", [](std::size_t i) { return static_cast<std::int64_t>(kCustomers - i); }},
      {"shuffle with ties",
       [&](std::size_t) { return static_cast<std::int64_t>(next_random() % 50000); }},
  };
  for (const auto& [shape, amount_of] : shapes) {
    std::vector<CustomerTotals> cs(kCustomers);
    for (std::size_t i = 0; i < kCustomers; ++i) {
      cs[i].id = ids[i];
      cs[i].name = ids[i];
      cs[i].amount = Decimal::from_int(amount_of(i));
      cs[i].frequency = static_cast<std::int64_t>(i);
    }
    std::vector<CustomerTotals> expected = cs;
    std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
      return a.amount != b.amount ? a.amount > b.amount : a.id < b.id;
    });
    const Table t = build_table(cs, options());
    ASSERT_EQ(t.rows.size(), kCustomers) << shape;
    // Whole amounts: share and cumulative share in millionths, half up,
    // from this test's own running total (rows are graded in two halves too).
    std::int64_t total = 0;
    for (const CustomerTotals& e : expected) total += e.amount.whole_value();
    const auto millionths = [total](std::int64_t part) {
      return static_cast<std::uint32_t>((2 * part * 1000000 + total) / (2 * total));
    };
    std::size_t wrong = 0, wrong_shares = 0;
    std::int64_t running = 0;
    for (std::size_t i = 0; i < kCustomers; ++i) {
      const CustomerTotals& c = t.customers[t.rows[i].customer];
      const CustomerTotals& e = expected[i];
      if (c.id != e.id || c.name != e.id || c.amount != e.amount || c.frequency != e.frequency)
        ++wrong;
      running += e.amount.whole_value();
      if (t.rows[i].share_micro != millionths(e.amount.whole_value()) ||
          t.rows[i].cumulative_micro != millionths(running)) {
        ++wrong_shares;
      }
    }
    EXPECT_EQ(wrong, 0u) << shape;
    EXPECT_EQ(wrong_shares, 0u) << shape;
  }
}

TEST(TableRows, OneCustomerIsRankOneWithTheWholeShare) {
  const Table t = build_table({customer("solo", "42")}, options());
  EXPECT_EQ(column(t, Column::Rank), (Strings{"1"}));
  EXPECT_EQ(column(t, Column::Share), (Strings{"1.000000"}));
  EXPECT_EQ(column(t, Column::CumulativeShare), (Strings{"1.000000"}));
  EXPECT_EQ(column(t, Column::Grade), (Strings{"A"}));
}

// ---------------------------------------------------------------- share, cumulative share

TEST(TableShares, ThreeTwoOneGiveHandWorkedShares) {
  // T = 6. shares 3/6 = 0.500000, 2/6 = 0.333333(3), 1/6 = 0.166666(7) -> 0.166667.
  // cumulative 3/6 = 0.500000, 5/6 = 0.833333(3), 6/6 = 1.000000.
  const Table t =
      build_table({customer("c", "1"), customer("a", "3"), customer("b", "2")}, options());
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"a", "b", "c"}));
  EXPECT_EQ(column(t, Column::Share), (Strings{"0.500000", "0.333333", "0.166667"}));
  EXPECT_EQ(column(t, Column::CumulativeShare), (Strings{"0.500000", "0.833333", "1.000000"}));
}

TEST(TableShares, CumulativeShareOfEveryoneIsOne) {
  // T = 3. share 1/3 = 0.333333 each; cumulative 1/3, 2/3 = 0.666666(7) -> 0.666667,
  // 3/3 = 1.000000: the exact running sum over T, so the last customer is at 1.
  const Table t =
      build_table({customer("a", "1"), customer("b", "1"), customer("c", "1")}, options());
  EXPECT_EQ(column(t, Column::Share), (Strings{"0.333333", "0.333333", "0.333333"}));
  EXPECT_EQ(column(t, Column::CumulativeShare), (Strings{"0.333333", "0.666667", "1.000000"}));
}

TEST(TableShares, SharesRoundHalfUpToSixDigits) {
  // T = 128. 127/128 = 0.9921875 -> 0.992188; 1/128 = 0.0078125 -> 0.007813
  // (half up; half-even would give 0.007812, truncation 0.992187 and 0.007812).
  const Table t = build_table({customer("a", "127"), customer("b", "1")}, options());
  EXPECT_EQ(column(t, Column::Share), (Strings{"0.992188", "0.007813"}));
  EXPECT_EQ(column(t, Column::CumulativeShare), (Strings{"0.992188", "1.000000"}));
}

TEST(TableShares, NegativeCustomerHasZeroShareAndKeepsThePreviousCumulative) {
  // T = 6 + 2 = 8 (the -4 is left out). shares 6/8 = 0.750000, 2/8 = 0.250000, 0, 0.
  // cumulative 0.750000, 1.000000, then unchanged for 0 and -4.
  const Table t = build_table(
      {customer("neg", "-4"), customer("big", "6"), customer("zero", "0"), customer("small", "2")},
      options());
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"big", "small", "zero", "neg"}));
  EXPECT_EQ(column(t, Column::Share), (Strings{"0.750000", "0.250000", "0.000000", "0.000000"}));
  EXPECT_EQ(column(t, Column::CumulativeShare),
            (Strings{"0.750000", "1.000000", "1.000000", "1.000000"}));
}

TEST(TableShares, BothAreZeroWhenTheTotalIsZero) {
  // T = 0: no positive value, so share and cumulative_share are 0 (SPEC 4).
  const Table t = build_table({customer("a", "0"), customer("b", "-5")}, options());
  EXPECT_EQ(column(t, Column::Share), (Strings{"0.000000", "0.000000"}));
  EXPECT_EQ(column(t, Column::CumulativeShare), (Strings{"0.000000", "0.000000"}));
  EXPECT_EQ(column(t, Column::Grade), (Strings{"C", "C"}));
}

TEST(TableShares, TinyShareRoundsToZeroAndLargeTotalsStayExact) {
  // T = 10^21 + 0.00000001. shares: 10^21 / T = 0.999999999... -> 1.000000;
  // 0.00000001 / T = 10^-29 -> 0.000000. Cumulative 1.000000, then T / T = 1.000000.
  const Table t = build_table(
      {customer("big", "1000000000000000000000"), customer("tiny", "0.00000001")}, options());
  EXPECT_EQ(column(t, Column::Share), (Strings{"1.000000", "0.000000"}));
  EXPECT_EQ(column(t, Column::CumulativeShare), (Strings{"1.000000", "1.000000"}));
}

TEST(TableShares, ShareCellsAreFractions) {
  const Table t = build_table({customer("a", "3"), customer("b", "1")}, options());
  const Cell share = t.cell(t.rows[0], ColumnSpec{Column::Share, 0}, Lang::En);
  EXPECT_EQ(share.type, Cell::Type::Fraction);
  EXPECT_EQ(share.number, dec("0.75"));
  const Cell cumulative = t.cell(t.rows[1], ColumnSpec{Column::CumulativeShare, 0}, Lang::En);
  EXPECT_EQ(cumulative.type, Cell::Type::Fraction);
  EXPECT_EQ(cumulative.number, dec("1"));
}

// ---------------------------------------------------------------- grades

// 600000, 550000, 100000: T = 1250000, A line 1000000, B line 1187500.
//   pareto:     before 0 -> A; 600000 -> A; 1150000 -> B.               A A B
//   percentile: N = 3 -> A B C.                                           A B C
//   threshold amount 500000,200000: >= 500000 A, >= 500000 A, < 200000 C. A A C
std::vector<CustomerTotals> three_methods_data() {
  return {customer("p", "600000"), customer("q", "550000"), customer("r", "100000")};
}

TEST(TableGrades, GradeFollowsTheMethod) {
  TableOptions o = options(Method::Pareto);
  o.thresholds = {kAmount500k200k};
  EXPECT_EQ(column(build_table(three_methods_data(), o), Column::Grade), (Strings{"A", "A", "B"}));
  o.policy.method = Method::Percentile;
  EXPECT_EQ(column(build_table(three_methods_data(), o), Column::Grade), (Strings{"A", "B", "C"}));
  o.policy.method = Method::Threshold;
  EXPECT_EQ(column(build_table(three_methods_data(), o), Column::Grade), (Strings{"A", "A", "C"}));
}

TEST(TableGrades, EveryMethodsColumnIsFilledWhateverTheMethod) {
  TableOptions o = options(Method::Threshold);
  o.thresholds = {kAmount500k200k};
  const Table t = build_table(three_methods_data(), o);
  EXPECT_EQ(column(t, Column::ParetoGrade), (Strings{"A", "A", "B"}));
  EXPECT_EQ(column(t, Column::PercentileGrade), (Strings{"A", "B", "C"}));
  EXPECT_EQ(column(t, Column::ThresholdGrade), (Strings{"A", "A", "C"}));
}

TEST(TableGrades, CutPointsComeFromThePolicy) {
  // --pareto 40,50: A line 500000, B line 625000.
  //   p: before 0 -> A; q: before 600000, not < 500000, < 625000 -> B; r: 1150000 -> C.
  //   (Under 80,95 it is A A B.)
  // --percentile 50,50: nA = ceil(1.5) = 2, nC = ceil(1.5) = 2: A A C (80,20 gives A B C).
  TableOptions o = options(Method::Pareto);
  o.policy.pareto = {dec("40"), dec("50")};
  o.policy.percentile = {dec("50"), dec("50")};
  const Table t = build_table(three_methods_data(), o);
  EXPECT_EQ(column(t, Column::ParetoGrade), (Strings{"A", "B", "C"}));
  EXPECT_EQ(column(t, Column::PercentileGrade), (Strings{"A", "A", "C"}));
}

TEST(TableGrades, TiedCustomersShareTheirGrades) {
  // 70, 10, 10, 10: pareto T = 100, the 10s' befores 70, 80, 90 -> all take A.
  // percentile N = 4: nA = 1, nC = 1: alone A B B C; rank 4 ties rank 2 -> A B B B.
  const Table t = build_table(
      {customer("a", "70"), customer("b", "10"), customer("c", "10"), customer("d", "10")},
      options());
  EXPECT_EQ(column(t, Column::ParetoGrade), (Strings{"A", "A", "A", "A"}));
  EXPECT_EQ(column(t, Column::PercentileGrade), (Strings{"A", "B", "B", "B"}));
}

// amount 500000,200000 and frequency 10,5:
//   x: 600000 (A), 3 (C)  -> all C, any A
//   y: 300000 (B), 12 (A) -> all B, any A
//   z: 100000 (C), 5 (B)  -> all C, any B
//   w: 500000 (A), 10 (A) -> all A, any A   (equality counts)
std::vector<CustomerTotals> two_metric_data() {
  return {customer("x", "600000", 3), customer("y", "300000", 12), customer("z", "100000", 5),
          customer("w", "500000", 10)};
}

TEST(TableGrades, ThresholdCombineAllGivesTheLowestGrade) {
  TableOptions o = options(Method::Threshold);
  o.thresholds = {kAmount500k200k, kFrequency10And5};
  o.policy.combine = Combine::All;
  const Table t = build_table(two_metric_data(), o);
  // Rank order by amount: x 600000, w 500000, y 300000, z 100000.
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"x", "w", "y", "z"}));
  EXPECT_EQ(column(t, Column::ThresholdGrade), (Strings{"C", "A", "B", "C"}));
  EXPECT_EQ(column(t, Column::Grade), (Strings{"C", "A", "B", "C"}));
}

TEST(TableGrades, ThresholdCombineAnyGivesTheHighestGrade) {
  TableOptions o = options(Method::Threshold);
  o.thresholds = {kAmount500k200k, kFrequency10And5};
  o.policy.combine = Combine::Any;
  const Table t = build_table(two_metric_data(), o);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"x", "w", "y", "z"}));
  EXPECT_EQ(column(t, Column::ThresholdGrade), (Strings{"A", "A", "A", "B"}));
}

TEST(TableGrades, ThresholdsUseTheirOwnMetricNotTheRankingMetric) {
  // Ranked by frequency (y 12, w 10, z 5, x 3), thresholded on amount only:
  // y 300000 B, w 500000 A, z 100000 C, x 600000 A.
  TableOptions o = options(Method::Threshold, Metric::Frequency);
  o.thresholds = {kAmount500k200k};
  const Table t = build_table(two_metric_data(), o);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"y", "w", "z", "x"}));
  EXPECT_EQ(column(t, Column::ThresholdGrade), (Strings{"B", "A", "C", "A"}));
}

TEST(TableGrades, ProfitAndClvThresholds) {
  // profit 100000,50000 and clv 1000000,500000 (SPEC 3.3 defaults), combine all:
  //   m: profit 100000 (A), clv 1000000 (A) -> A
  //   n: profit 99999.99 (B), clv 2000000 (A) -> B
  //   o: profit 50000 (B), clv 499999.99 (C) -> C
  TableOptions o = options(Method::Threshold);
  o.has_profit = true;
  o.thresholds = {{Metric::Profit, Decimal::from_int(100000), Decimal::from_int(50000)},
                  {Metric::Clv, Decimal::from_int(1000000), Decimal::from_int(500000)}};
  const Table t = build_table(
      {customer("m", "3", 0, "100000", "1000000"), customer("n", "2", 0, "99999.99", "2000000"),
       customer("o", "1", 0, "50000", "499999.99")},
      o);
  EXPECT_EQ(column(t, Column::ThresholdGrade), (Strings{"A", "B", "C"}));
}

TEST(TableGrades, ThresholdGradeIsNullWhenNoThresholdApplies) {
  const Table t = build_table(three_methods_data(), options());
  EXPECT_FALSE(t.thresholded);
  EXPECT_EQ(column(t, Column::ThresholdGrade), (Strings{"<null>", "<null>", "<null>"}));
}

TEST(TableGrades, ScoreMethodGradesByTheCompositeScore) {
  // SPEC 3.4 with the default weights amount 0.8, clv 0.2; amount and clv both 3, 2, 1 (N = 3):
  //   p = (worse + (same - 1) / 2) / (N - 1): 2/2 = 1, 1/2 = 0.5, 0/2 = 0 for each metric;
  //   score = 0.8 p + 0.2 p = 1.000000, 0.500000, 0.000000.
  //   Graded by the percentile rule, N = 3 -> A B C.
  TableOptions o = options(Method::Score);
  o.policy.score_requested = true;
  const Table t = build_table({customer("a", "3", 0, "0", "3"), customer("b", "2", 0, "0", "2"),
                               customer("c", "1", 0, "0", "1")},
                              o);
  EXPECT_TRUE(t.scored);
  const Strings en = titles(t, Lang::En);
  ASSERT_EQ(en.size(), 15u);
  EXPECT_EQ(en[13], "score");
  EXPECT_EQ(en[14], "score_grade");
  EXPECT_EQ(titles(t, Lang::Zh)[13], "综合得分");
  EXPECT_EQ(titles(t, Lang::Zh)[14], "综合等级");
  EXPECT_EQ(column(t, Column::Score), (Strings{"1.000000", "0.500000", "0.000000"}));
  EXPECT_EQ(column(t, Column::Grade), (Strings{"A", "B", "C"}));
}

TEST(TableGrades, EqualScoresShareAScoreGrade) {
  // amount and clv 5, 5, 1 (N = 3): the two 5s have 1 worse and 2 the same:
  //   p = (1 + (2 - 1) / 2) / 2 = 0.75; the 1 has p = 0. Scores 0.750000, 0.750000, 0.000000.
  //   Percentile on the score ranking: A B C alone; the second ties the first -> A A C.
  TableOptions o = options(Method::Score);
  o.policy.score_requested = true;
  const Table t = build_table({customer("a", "5", 0, "0", "5"), customer("b", "5", 0, "0", "5"),
                               customer("c", "1", 0, "0", "1")},
                              o);
  EXPECT_EQ(column(t, Column::Score), (Strings{"0.750000", "0.750000", "0.000000"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"A", "A", "C"}));
  EXPECT_EQ(column(t, Column::Grade), (Strings{"A", "A", "C"}));
}

TEST(TableGrades, RecencyScoresFewerDaysHigher) {
  // --score recency=1, as-of 2024-03-31: a 1 day, b 30 days, c 90 days (more is worse):
  //   p = 2/2, 1/2, 0/2 -> 1.000000, 0.500000, 0.000000; N = 3 -> A B C.
  // The table stays in amount order (c, b, a), --method pareto; score columns are shown.
  TableOptions o = options(Method::Pareto);
  o.policy.score = {{Metric::Recency, Decimal::from_int(1)}};
  o.policy.score_requested = true;
  o.as_of = parse_date("2024-03-31").value;
  CustomerTotals a = customer("a", "1");
  a.last_date = parse_date("2024-03-30").value;
  CustomerTotals b = customer("b", "2");
  b.last_date = parse_date("2024-03-01").value;
  CustomerTotals c = customer("c", "3");
  c.last_date = parse_date("2024-01-01").value;
  const Table t = build_table({a, b, c}, o);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"c", "b", "a"}));
  EXPECT_EQ(column(t, Column::Score), (Strings{"0.000000", "0.500000", "1.000000"}));
  EXPECT_EQ(column(t, Column::ScoreGrade), (Strings{"C", "B", "A"}));
  EXPECT_EQ(column(t, Column::Grade), (Strings{"A", "A", "B"}));  // pareto: T = 6; b before 3
}

TEST(TableGrades, NoScoreColumnsWithoutTheScore) {
  const Table t = build_table(three_methods_data(), options());
  EXPECT_FALSE(t.scored);
  for (const ColumnSpec& c : t.columns) {
    EXPECT_NE(c.kind, Column::Score);
    EXPECT_NE(c.kind, Column::ScoreGrade);
  }
}

// ---------------------------------------------------------------- cells

TEST(TableCells, ProfitIsNullWithoutAProfitColumn) {
  TableOptions o = options();
  o.has_profit = false;
  const Table t = build_table({customer("a", "10", 1, "0")}, o);
  EXPECT_EQ(t.cell(t.rows[0], ColumnSpec{Column::Profit, 0}, Lang::En).type, Cell::Type::Null);
}

TEST(TableCells, ProfitIsMoneyWithAProfitColumn) {
  TableOptions o = options();
  o.has_profit = true;
  const Table t = build_table({customer("a", "10", 1, "-2.5")}, o);
  const Cell c = t.cell(t.rows[0], ColumnSpec{Column::Profit, 0}, Lang::En);
  EXPECT_EQ(c.type, Cell::Type::Money);
  EXPECT_EQ(c.number, dec("-2.5"));
}

TEST(TableCells, EachColumnHasItsType) {
  TableOptions o = options();
  CustomerTotals c = customer("C001", "500000.00", 12, "0", "750000.5");
  c.name = "张三";
  const Table t = build_table({c}, o);
  const TableRow& row = t.rows[0];
  auto cell = [&](Column k) { return t.cell(row, ColumnSpec{k, 0}, Lang::En); };
  EXPECT_EQ(cell(Column::Rank).type, Cell::Type::Integer);
  EXPECT_EQ(cell(Column::Rank).integer, 1);
  EXPECT_EQ(cell(Column::CustomerId).type, Cell::Type::Text);
  EXPECT_EQ(cell(Column::CustomerId).text, "C001");
  EXPECT_EQ(cell(Column::CustomerName).type, Cell::Type::Text);
  EXPECT_EQ(cell(Column::CustomerName).text, "张三");
  EXPECT_EQ(cell(Column::Grade).type, Cell::Type::Text);
  EXPECT_EQ(cell(Column::Grade).text, "A");
  EXPECT_EQ(cell(Column::ParetoGrade).text, "A");
  EXPECT_EQ(cell(Column::PercentileGrade).text, "A");
  EXPECT_EQ(cell(Column::Amount).type, Cell::Type::Money);
  EXPECT_EQ(cell(Column::Amount).number, dec("500000"));
  EXPECT_EQ(cell(Column::Frequency).type, Cell::Type::Integer);
  EXPECT_EQ(cell(Column::Frequency).integer, 12);
  EXPECT_EQ(cell(Column::Clv).type, Cell::Type::Money);
  EXPECT_EQ(cell(Column::Clv).number, dec("750000.5"));
  EXPECT_EQ(cell(Column::Share).type, Cell::Type::Fraction);
  EXPECT_EQ(cell(Column::CumulativeShare).type, Cell::Type::Fraction);
}

TEST(TableCells, EmptyNameIsEmptyText) {
  const Table t = build_table({customer("a", "1")}, options());
  const Cell c = t.cell(t.rows[0], ColumnSpec{Column::CustomerName, 0}, Lang::En);
  EXPECT_EQ(c.type, Cell::Type::Text);
  EXPECT_EQ(c.text, "");
}

// SPEC 4: "empty / null where a value is unavailable": without a name
// column there is no name, as there is no profit without a profit column.
TEST(TableCells, NameIsNullWithoutANameColumn) {
  TableOptions o = options();
  o.has_name = false;
  const Table t = build_table({customer("a", "1")}, o);
  EXPECT_EQ(t.cell(t.rows[0], ColumnSpec{Column::CustomerName, 0}, Lang::En).type,
            Cell::Type::Null);
}

TEST(TableCells, MovementNamesInBothLanguages) {
  // SPEC 3.6/4: up, down, same, new; 上升 / 下降 / 不变 / 新增.
  EXPECT_EQ(name_of(Movement::Up, Lang::En), "up");
  EXPECT_EQ(name_of(Movement::Down, Lang::En), "down");
  EXPECT_EQ(name_of(Movement::Same, Lang::En), "same");
  EXPECT_EQ(name_of(Movement::New, Lang::En), "new");
  EXPECT_EQ(name_of(Movement::Up, Lang::Zh), "上升");
  EXPECT_EQ(name_of(Movement::Down, Lang::Zh), "下降");
  EXPECT_EQ(name_of(Movement::Same, Lang::Zh), "不变");
  EXPECT_EQ(name_of(Movement::New, Lang::Zh), "新增");
}

// ---------------------------------------------------------------- columns

TEST(TableColumns, EnTitlesInSpecOrder) {
  const Table t = build_table({customer("a", "1")}, options());
  EXPECT_EQ(titles(t, Lang::En),
            (Strings{"rank", "customer_id", "customer_name", "grade", "pareto_grade",
                     "percentile_grade", "threshold_grade", "amount", "frequency", "profit", "clv",
                     "share", "cumulative_share"}));
}

TEST(TableColumns, ZhTitlesAreExactlyTheSpecs) {
  const Table t = build_table({customer("a", "1")}, options());
  EXPECT_EQ(titles(t, Lang::Zh), (Strings{"排名", "客户编号", "客户名称", "客户等级", "帕累托等级",
                                          "百分位等级", "阈值等级", "购买力", "成交频率",
                                          "利润贡献", "生命周期价值", "占比", "累计占比"}));
}

TEST(TableColumns, ColumnsAreAllPresentWithoutProfitOrThresholds) {
  // SPEC 4: "Columns, always all present (empty / null where a value is unavailable)".
  TableOptions o = options();
  o.has_profit = false;
  o.thresholds.clear();
  const Table t = build_table({customer("a", "1")}, o);
  EXPECT_EQ(t.columns.size(), 13u);
}

TEST(TableColumns, GroupColumnFollowsCustomerId) {
  TableOptions o = options();
  o.policy.group_by = "region";
  const Table t = build_table({in_group(customer("a", "1"), "north")}, o);
  const Strings en = titles(t, Lang::En);
  const Strings zh = titles(t, Lang::Zh);
  ASSERT_GE(en.size(), 4u);
  EXPECT_EQ(en[1], "customer_id");
  EXPECT_EQ(en[2], "group");
  EXPECT_EQ(en[3], "customer_name");
  EXPECT_EQ(zh[2], "组");
  EXPECT_EQ(en.size(), 14u);
  EXPECT_EQ(cell_of(t, t.rows[0], Column::Group), "north");
}

TEST(TableColumns, NoGroupColumnWithoutGroupBy) {
  const Table t = build_table({in_group(customer("a", "1"), "north")}, options());
  for (const ColumnSpec& c : t.columns) EXPECT_NE(c.kind, Column::Group);
}

TEST(TableColumns, KeptColumnsFollowUnderTheirInputHeaders) {
  // Each --keep column, in option order, after cumulative_share, titled as in the input
  // in both languages.
  TableOptions o = options();
  o.kept_headers = {"Region", "销售员"};
  static const std::string_view a_kept[] = {"north", "王五"};
  static const std::string_view b_kept[] = {"", "李四"};
  CustomerTotals a = customer("a", "2");
  a.kept = a_kept;
  CustomerTotals b = customer("b", "1");
  b.kept = b_kept;
  const Table t = build_table({b, a}, o);
  const Strings en = titles(t, Lang::En);
  const Strings zh = titles(t, Lang::Zh);
  ASSERT_EQ(en.size(), 15u);
  EXPECT_EQ(en[12], "cumulative_share");
  EXPECT_EQ(en[13], "Region");
  EXPECT_EQ(en[14], "销售员");
  EXPECT_EQ(zh[13], "Region");
  EXPECT_EQ(zh[14], "销售员");
  // Rows: a (2) then b (1).
  EXPECT_EQ(show(t.cell(t.rows[0], t.columns[13], Lang::En)), "north");
  EXPECT_EQ(show(t.cell(t.rows[0], t.columns[14], Lang::En)), "王五");
  EXPECT_EQ(show(t.cell(t.rows[1], t.columns[13], Lang::En)), "");
  EXPECT_EQ(show(t.cell(t.rows[1], t.columns[14], Lang::Zh)), "李四");
  EXPECT_EQ(t.cell(t.rows[1], t.columns[13], Lang::En).type, Cell::Type::Text);
}

TEST(TableColumns, ManyCustomersKeepTheirOwnTextAfterRanking) {
  // Past 65,536 customers the text is copied in output order by two threads
  // into two arenas; every row must still show its own id, name and kept
  // value. Customer n has amount n, so rank r is customer N + 1 - r.
  constexpr int kN = 100000;
  TableOptions o = options();
  o.has_name = true;
  o.kept_headers = {"region"};
  std::vector<std::string> ids(kN + 1), names(kN + 1), regions(kN + 1);
  std::vector<std::string_view> kept(kN + 1);
  std::vector<CustomerTotals> customers;
  for (int n = 1; n <= kN; ++n) {
    const std::size_t i = static_cast<std::size_t>(n);
    ids[i] = "K" + std::to_string(n);
    names[i] = "客户" + std::to_string(n) + " Ltd";
    regions[i] = "region-" + std::to_string(n % 97);
    kept[i] = regions[i];
    CustomerTotals c;
    c.id = ids[i];
    c.name = names[i];
    c.kept = std::span<const std::string_view>(&kept[i], 1);
    c.amount = Decimal::from_int(n);
    customers.push_back(c);
  }
  const Table t = build_table(std::move(customers), o);
  ASSERT_EQ(t.rows.size(), static_cast<std::size_t>(kN));
  const std::size_t kept_column = t.columns.size() - 1;
  ASSERT_EQ(t.columns[kept_column].kind, Column::Kept);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::size_t n = static_cast<std::size_t>(kN) - r;
    const CustomerTotals& c = t.customers[t.rows[r].customer];
    ASSERT_EQ(c.id, ids[n]) << "rank " << r + 1;
    ASSERT_EQ(c.name, names[n]) << "rank " << r + 1;
    ASSERT_EQ(show(t.cell(t.rows[r], t.columns[kept_column], Lang::En)), regions[n])
        << "rank " << r + 1;
  }
}

// ---------------------------------------------------------------- metric

// Each metric orders these four differently:
//            amount frequency profit clv
//   p           4       1       2     3
//   q           3       4       1     2
//   r           2       3       4     1
//   s           1       2       3     4
std::vector<CustomerTotals> four_metric_data() {
  return {customer("p", "4", 1, "2", "3"), customer("q", "3", 4, "1", "2"),
          customer("r", "2", 3, "4", "1"), customer("s", "1", 2, "3", "4")};
}

TEST(TableMetric, AmountRanksByAmount) {
  const Table t = build_table(four_metric_data(), options(Method::Pareto, Metric::Amount));
  EXPECT_EQ(t.metric, Metric::Amount);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"p", "q", "r", "s"}));
}

TEST(TableMetric, FrequencyRanksByFrequency) {
  const Table t = build_table(four_metric_data(), options(Method::Pareto, Metric::Frequency));
  EXPECT_EQ(t.metric, Metric::Frequency);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"q", "r", "s", "p"}));
  // T = 10: shares 0.4, 0.3, 0.2, 0.1; cumulative 0.4, 0.7, 0.9, 1.0.
  EXPECT_EQ(column(t, Column::Share), (Strings{"0.400000", "0.300000", "0.200000", "0.100000"}));
  EXPECT_EQ(column(t, Column::CumulativeShare),
            (Strings{"0.400000", "0.700000", "0.900000", "1.000000"}));
  // Pareto on frequency: befores 0, 4, 7, 9 against A line 8, B line 9.5 -> A A A B.
  EXPECT_EQ(column(t, Column::ParetoGrade), (Strings{"A", "A", "A", "B"}));
}

TEST(TableMetric, ProfitRanksByProfit) {
  TableOptions o = options(Method::Pareto, Metric::Profit);
  o.has_profit = true;
  const Table t = build_table(four_metric_data(), o);
  EXPECT_EQ(t.metric, Metric::Profit);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"r", "s", "p", "q"}));
}

TEST(TableMetric, ClvRanksByClv) {
  const Table t = build_table(four_metric_data(), options(Method::Percentile, Metric::Clv));
  EXPECT_EQ(t.metric, Metric::Clv);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"s", "p", "q", "r"}));
  // Percentile N = 4: nA = 1, nC = 1 -> A B B C.
  EXPECT_EQ(column(t, Column::Grade), (Strings{"A", "B", "B", "C"}));
}

TEST(TableMetric, MetricUnitsGivesEachMetricInDecimalUnits) {
  CustomerTotals c = customer("a", "12.5", 7, "-3", "100");
  c.last_date = parse_date("2024-03-01").value;
  const std::optional<Date> as_of = parse_date("2024-03-31").value;
  EXPECT_EQ(metric_units(c, Metric::Amount, as_of), dec("12.5").units());
  EXPECT_EQ(metric_units(c, Metric::Frequency, as_of), dec("7").units());
  EXPECT_EQ(metric_units(c, Metric::Profit, as_of), dec("-3").units());
  EXPECT_EQ(metric_units(c, Metric::Clv, as_of), dec("100").units());
  // 2024-03-01 to 2024-03-31 is 30 days.
  EXPECT_EQ(metric_units(c, Metric::Recency, as_of), dec("30").units());
}

TEST(TableMetric, TableMetricUnitsUsesTheTablesMetric) {
  const Table t = build_table(four_metric_data(), options(Method::Pareto, Metric::Clv));
  // The table keeps its customers in output order: find p.
  const auto p = std::find_if(t.customers.begin(), t.customers.end(),
                              [](const CustomerTotals& c) { return c.id == "p"; });
  ASSERT_NE(p, t.customers.end());
  EXPECT_EQ(t.metric_units(*p), dec("3").units());  // p's clv
}

// ---------------------------------------------------------------- groups

// Groups by byte order: "" < "South" (S = 0x53) < "north" (n = 0x6E) < "东" (E4 B8 9C).
//   ""      e1 100, e2 100   T = 200: 0.5/0.5, cum 0.5/1.0; tie -> pareto A A, percentile A A
//   "South" s1 5             T = 5: 1.0; A, A
//   "north" n2 90, n1 10     T = 100: 0.9/0.1, cum 0.9/1.0; pareto n1 before 90 -> B;
//                            percentile N = 2 -> A, C
//   "东"    x1 1000          A, A
// Without groups x1 would be rank 1 and n2 below e1, e2.
std::vector<CustomerTotals> grouped_data() {
  return {in_group(customer("n1", "10"), "north"), in_group(customer("x1", "1000"), "东"),
          in_group(customer("e2", "100"), ""),     in_group(customer("s1", "5"), "South"),
          in_group(customer("n2", "90"), "north"), in_group(customer("e1", "100"), "")};
}

TableOptions grouped_options(Method method = Method::Pareto) {
  TableOptions o = options(method);
  o.policy.group_by = "region";
  return o;
}

TEST(TableGroups, OrderedByGroupBytesThenRank) {
  const Table t = build_table(grouped_data(), grouped_options());
  EXPECT_TRUE(t.grouped);
  EXPECT_EQ(column(t, Column::Group), (Strings{"", "", "South", "north", "north", "东"}));
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"e1", "e2", "s1", "n2", "n1", "x1"}));
}

TEST(TableGroups, RankRestartsInEachGroup) {
  const Table t = build_table(grouped_data(), grouped_options());
  EXPECT_EQ(column(t, Column::Rank), (Strings{"1", "2", "1", "1", "2", "1"}));
}

TEST(TableGroups, SharesAreWithinTheGroup) {
  const Table t = build_table(grouped_data(), grouped_options());
  EXPECT_EQ(column(t, Column::Share),
            (Strings{"0.500000", "0.500000", "1.000000", "0.900000", "0.100000", "1.000000"}));
  EXPECT_EQ(column(t, Column::CumulativeShare),
            (Strings{"0.500000", "1.000000", "1.000000", "0.900000", "1.000000", "1.000000"}));
}

TEST(TableGroups, GradesAreWithinTheGroup) {
  const Table t = build_table(grouped_data(), grouped_options());
  EXPECT_EQ(column(t, Column::ParetoGrade), (Strings{"A", "A", "A", "A", "B", "A"}));
  EXPECT_EQ(column(t, Column::PercentileGrade), (Strings{"A", "A", "A", "A", "C", "A"}));
  EXPECT_EQ(column(t, Column::Grade), (Strings{"A", "A", "A", "A", "B", "A"}));
  const Table by_percentile = build_table(grouped_data(), grouped_options(Method::Percentile));
  EXPECT_EQ(column(by_percentile, Column::Grade), (Strings{"A", "A", "A", "A", "C", "A"}));
}

TEST(TableGroups, EmptyGroupValueIsAGroupOfItsOwnShownAsEmpty) {
  // "" and " " are different groups only if the input kept the space; here two customers
  // with no group value and one with "x": the empty ones are ranked together, apart from x.
  const Table t = build_table({in_group(customer("a", "1"), ""), in_group(customer("b", "50"), "x"),
                               in_group(customer("c", "3"), "")},
                              grouped_options());
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"c", "a", "b"}));
  EXPECT_EQ(column(t, Column::Rank), (Strings{"1", "2", "1"}));
  const Cell g = t.cell(t.rows[0], ColumnSpec{Column::Group, 0}, Lang::En);
  EXPECT_EQ(g.type, Cell::Type::Text);
  EXPECT_EQ(g.text, "");
  // Group "": T = 4; c 3/4 = 0.750000, a 1/4 = 0.250000.
  EXPECT_EQ(column(t, Column::Share), (Strings{"0.750000", "0.250000", "1.000000"}));
}

TEST(TableGroups, ZeroTotalInOneGroupDoesNotTouchTheOthers) {
  // Group "a": 0 and -1 (T = 0: shares 0, grades C). Group "b": 2 (share 1, A).
  const Table t =
      build_table({in_group(customer("z", "0"), "a"), in_group(customer("m", "-1"), "a"),
                   in_group(customer("y", "2"), "b")},
                  grouped_options());
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"z", "m", "y"}));
  EXPECT_EQ(column(t, Column::Share), (Strings{"0.000000", "0.000000", "1.000000"}));
  EXPECT_EQ(column(t, Column::CumulativeShare), (Strings{"0.000000", "0.000000", "1.000000"}));
  EXPECT_EQ(column(t, Column::ParetoGrade), (Strings{"C", "C", "A"}));
}

TEST(TableGroups, WithoutGroupByEveryoneIsRankedTogether) {
  // The same customers, no --group-by: one ranking by amount, ties by id.
  const Table t = build_table(grouped_data(), options());
  EXPECT_FALSE(t.grouped);
  EXPECT_EQ(column(t, Column::CustomerId), (Strings{"x1", "e1", "e2", "n2", "n1", "s1"}));
  EXPECT_EQ(column(t, Column::Rank), (Strings{"1", "2", "3", "4", "5", "6"}));
}

}  // namespace
}  // namespace abcgrade
