// Unit tests of summary.hpp (SPEC 4 "summary", 3.5): per grade of the `grade`
// column, customers, customer share, the metric total (net) and the share of
// the positive metric total; one block per group plus the overall block.
#include "abcgrade/summary.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "abcgrade/aggregate.hpp"
#include "abcgrade/decimal.hpp"
#include "abcgrade/policy.hpp"
#include "abcgrade/table.hpp"
#include "test_values.hpp"

namespace abcgrade {
namespace {

using test::dec;
using test::options;

Int128 units(const char* text) { return dec(text).units(); }

CustomerTotals customer(const char* id, const char* amount, const char* group = "",
                        std::int64_t frequency = 0) {
  CustomerTotals c;
  c.id = id;
  c.amount = dec(amount);
  c.group = group;
  c.frequency = frequency;
  return c;
}

const GradeTotals& grade_of(const SummaryBlock& b, Grade g) {
  return b.grades[static_cast<std::size_t>(g)];
}

std::string customer_share(const SummaryBlock& b, Grade g) {
  return b.customer_share(grade_of(b, g)).to_string(6);
}
std::string metric_share(const SummaryBlock& b, Grade g) {
  return b.metric_share(grade_of(b, g)).to_string(6);
}

// 50, 30, 15, 5, -10 under pareto 80,95: T = 100 (the -10 is left out);
// befores 0 (A), 50 (A), 80 (B), 95 (C); -10 is C.
//   A: 2 customers (2/5 = 0.400000), net 80, positive 80 (0.800000)
//   B: 1 customer  (1/5 = 0.200000), net 15, positive 15 (0.150000)
//   C: 2 customers (2/5 = 0.400000), net 5 - 10 = -5, positive 5 (0.050000)
//   total: 5 (1.000000), net 90, positive 100 (1.000000)
Summary five_customer_summary() {
  return summarize(build_table({customer("a", "50"), customer("b", "30"), customer("c", "15"),
                                customer("d", "5"), customer("e", "-10")},
                               options()));
}

TEST(Summary, CountsCustomersPerGrade) {
  const Summary s = five_customer_summary();
  EXPECT_EQ(grade_of(s.overall, Grade::A).customers, 2u);
  EXPECT_EQ(grade_of(s.overall, Grade::B).customers, 1u);
  EXPECT_EQ(grade_of(s.overall, Grade::C).customers, 2u);
  EXPECT_EQ(s.overall.total.customers, 5u);
}

TEST(Summary, MetricTotalIsTheNetSum) {
  const Summary s = five_customer_summary();
  EXPECT_EQ(grade_of(s.overall, Grade::A).metric, units("80"));
  EXPECT_EQ(grade_of(s.overall, Grade::B).metric, units("15"));
  EXPECT_EQ(grade_of(s.overall, Grade::C).metric, units("-5"));
  EXPECT_EQ(s.overall.total.metric, units("90"));
}

TEST(Summary, PositiveMetricLeavesOutNegativeValues) {
  const Summary s = five_customer_summary();
  EXPECT_EQ(grade_of(s.overall, Grade::A).positive_metric, units("80"));
  EXPECT_EQ(grade_of(s.overall, Grade::C).positive_metric, units("5"));
  EXPECT_EQ(s.overall.total.positive_metric, units("100"));
}

TEST(Summary, CustomerShareIsCustomersOverAllCustomers) {
  const Summary s = five_customer_summary();
  EXPECT_EQ(customer_share(s.overall, Grade::A), "0.400000");
  EXPECT_EQ(customer_share(s.overall, Grade::B), "0.200000");
  EXPECT_EQ(customer_share(s.overall, Grade::C), "0.400000");
  EXPECT_EQ(s.overall.customer_share(s.overall.total).to_string(6), "1.000000");
}

TEST(Summary, MetricShareIsThePositivePartOverThePositiveTotal) {
  // As the table's share column: C's -5 net is 5 positive -> 5/100.
  const Summary s = five_customer_summary();
  EXPECT_EQ(metric_share(s.overall, Grade::A), "0.800000");
  EXPECT_EQ(metric_share(s.overall, Grade::B), "0.150000");
  EXPECT_EQ(metric_share(s.overall, Grade::C), "0.050000");
  EXPECT_EQ(s.overall.metric_share(s.overall.total).to_string(6), "1.000000");
}

TEST(Summary, SharesRoundToSixDigits) {
  // 3, 2, 1: pareto A A B (T = 6; 1: before 5, not < 4.8, < 5.7).
  // customers A 2/3 = 0.666666(7) -> 0.666667, B 1/3 -> 0.333333, C 0.
  // metric A 5/6 = 0.833333(3) -> 0.833333, B 1/6 = 0.166666(7) -> 0.166667.
  const Summary s = summarize(
      build_table({customer("a", "3"), customer("b", "2"), customer("c", "1")}, options()));
  EXPECT_EQ(customer_share(s.overall, Grade::A), "0.666667");
  EXPECT_EQ(customer_share(s.overall, Grade::B), "0.333333");
  EXPECT_EQ(customer_share(s.overall, Grade::C), "0.000000");
  EXPECT_EQ(metric_share(s.overall, Grade::A), "0.833333");
  EXPECT_EQ(metric_share(s.overall, Grade::B), "0.166667");
  EXPECT_EQ(metric_share(s.overall, Grade::C), "0.000000");
}

TEST(Summary, MetricShareIsZeroWhenNothingIsPositive) {
  // 0 and -5: both C; T = 0 -> metric shares 0; net total -5.
  const Summary s = summarize(build_table({customer("a", "0"), customer("b", "-5")}, options()));
  EXPECT_EQ(grade_of(s.overall, Grade::C).customers, 2u);
  EXPECT_EQ(customer_share(s.overall, Grade::C), "1.000000");
  EXPECT_EQ(metric_share(s.overall, Grade::C), "0.000000");
  EXPECT_EQ(grade_of(s.overall, Grade::C).metric, units("-5"));
  EXPECT_EQ(s.overall.metric_share(s.overall.total).to_string(6), "0.000000");
}

TEST(Summary, FollowsTheGradeColumnOfTheMethod) {
  // 3, 2, 1 under percentile 20,80: N = 3 -> A B C (pareto would give A A B).
  const Summary s = summarize(build_table(
      {customer("a", "3"), customer("b", "2"), customer("c", "1")}, options(Method::Percentile)));
  EXPECT_EQ(grade_of(s.overall, Grade::A).customers, 1u);
  EXPECT_EQ(grade_of(s.overall, Grade::B).customers, 1u);
  EXPECT_EQ(grade_of(s.overall, Grade::C).customers, 1u);
  EXPECT_EQ(grade_of(s.overall, Grade::B).metric, units("2"));
}

TEST(Summary, MetricIsTheTablesMetric) {
  // Ranked by frequency 12, 5, 3 (amounts reversed): T = 20; pareto befores 0 (A),
  // 12 (A), 17 (B: not < 16, < 19). A: 17 (0.850000), B: 3 (0.150000).
  const Summary s = summarize(build_table(
      {customer("a", "900", "", 3), customer("b", "50", "", 5), customer("c", "1", "", 12)},
      options(Method::Pareto, Metric::Frequency)));
  EXPECT_EQ(s.metric, Metric::Frequency);
  EXPECT_EQ(grade_of(s.overall, Grade::A).metric, units("17"));
  EXPECT_EQ(grade_of(s.overall, Grade::B).metric, units("3"));
  EXPECT_EQ(metric_share(s.overall, Grade::A), "0.850000");
  EXPECT_EQ(metric_share(s.overall, Grade::B), "0.150000");
}

TEST(Summary, NoGroupBlocksWithoutGroupBy) {
  const Summary s = five_customer_summary();
  EXPECT_TRUE(s.groups.empty());
  EXPECT_TRUE(s.overall.overall);
}

// Groups "" (g 7), "a" (x 90, y 10), "b" (z 5), each graded on its own under pareto:
//   ""  : T = 7; g before 0 -> A.
//   "a" : T = 100, A line 80, B line 95; x before 0 -> A; y before 90 -> B.
//   "b" : T = 5; z -> A.
//   overall: A = g, x, z: 3 customers, 7 + 90 + 5 = 102; B = y: 1 customer, 10.
//   Positive total overall 112: A 102/112 = 0.9107142... -> 0.910714;
//   B 10/112 = 0.0892857... -> 0.089286. Customers A 3/4 = 0.750000, B 0.250000.
Summary grouped_summary() {
  TableOptions o = options();
  o.policy.group_by = "region";
  return summarize(build_table({customer("y", "10", "a"), customer("z", "5", "b"),
                                customer("x", "90", "a"), customer("g", "7", "")},
                               o));
}

TEST(Summary, OneBlockPerGroupInTableOrder) {
  const Summary s = grouped_summary();
  ASSERT_EQ(s.groups.size(), 3u);
  EXPECT_EQ(s.groups[0].group, "");
  EXPECT_EQ(s.groups[1].group, "a");
  EXPECT_EQ(s.groups[2].group, "b");
  for (const SummaryBlock& b : s.groups) EXPECT_FALSE(b.overall) << b.group;
  EXPECT_TRUE(s.overall.overall);
}

TEST(Summary, GroupBlocksCountAndShareWithinTheGroup) {
  const Summary s = grouped_summary();
  ASSERT_EQ(s.groups.size(), 3u);
  const SummaryBlock& empty = s.groups[0];
  EXPECT_EQ(grade_of(empty, Grade::A).customers, 1u);
  EXPECT_EQ(empty.total.customers, 1u);
  EXPECT_EQ(customer_share(empty, Grade::A), "1.000000");

  // "a": x A (90), y B (10); customers 1/2 each; metric 90/100, 10/100.
  const SummaryBlock& a = s.groups[1];
  EXPECT_EQ(grade_of(a, Grade::A).customers, 1u);
  EXPECT_EQ(grade_of(a, Grade::B).customers, 1u);
  EXPECT_EQ(grade_of(a, Grade::A).metric, units("90"));
  EXPECT_EQ(customer_share(a, Grade::A), "0.500000");
  EXPECT_EQ(metric_share(a, Grade::A), "0.900000");
  EXPECT_EQ(metric_share(a, Grade::B), "0.100000");

  const SummaryBlock& b = s.groups[2];
  EXPECT_EQ(grade_of(b, Grade::A).customers, 1u);
  EXPECT_EQ(grade_of(b, Grade::A).metric, units("5"));
  EXPECT_EQ(metric_share(b, Grade::A), "1.000000");
}

TEST(Summary, OverallBlockAddsUpEveryGroup) {
  const Summary s = grouped_summary();
  EXPECT_EQ(grade_of(s.overall, Grade::A).customers, 3u);
  EXPECT_EQ(grade_of(s.overall, Grade::B).customers, 1u);
  EXPECT_EQ(grade_of(s.overall, Grade::C).customers, 0u);
  EXPECT_EQ(s.overall.total.customers, 4u);
  EXPECT_EQ(grade_of(s.overall, Grade::A).metric, units("102"));
  EXPECT_EQ(s.overall.total.metric, units("112"));
  EXPECT_EQ(customer_share(s.overall, Grade::A), "0.750000");
  EXPECT_EQ(metric_share(s.overall, Grade::A), "0.910714");
  EXPECT_EQ(metric_share(s.overall, Grade::B), "0.089286");
}

TEST(SummaryMetricText, MoneyHasTwoDigitsAndFrequencyIsWhole) {
  EXPECT_EQ(metric_text(Metric::Amount, units("500000")), "500000.00");
  EXPECT_EQ(metric_text(Metric::Profit, units("-50000")), "-50000.00");
  EXPECT_EQ(metric_text(Metric::Clv, units("0.125")), "0.13");  // half away from zero
  EXPECT_EQ(metric_text(Metric::Amount, units("-0.125")), "-0.13");
  EXPECT_EQ(metric_text(Metric::Frequency, units("12")), "12");
}

TEST(SummaryLine, ReadsLikeTheHeadersExample) {
  // The five customers above: A 2 (40.0%) 80.00 (80.0%); B 1 (20.0%) 15.00 (15.0%);
  // C 2 (40.0%) -5.00 (5.0%).
  const std::string line = summary_line(five_customer_summary());
  EXPECT_EQ(line.rfind("A 2 customers (40.0%), amount 80.00 (80.0%); B 1 ", 0), 0u) << line;
  EXPECT_NE(line.find("(20.0%), amount 15.00 (15.0%); C 2 customers (40.0%), amount -5.00 (5.0%)"),
            std::string::npos)
      << line;
}

}  // namespace
}  // namespace abcgrade
