// Unit tests of policy.hpp: the SPEC's defaults (section 1, 3.3, 3.4), the
// rules a policy must satisfy on its own (validate -> 64) and the rules that
// depend on the data (resolve_against_data -> 64).
#include "abcgrade/policy.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "abcgrade/decimal.hpp"
#include "abcgrade/error.hpp"
#include "test_values.hpp"

namespace abcgrade {
namespace {

using test::dec;
using test::threshold;

// Runs `f`, expecting Error(kUsage); returns its message ("" when none was thrown).
template <class F>
std::string usage_error(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kUsage) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "expected Error(kUsage)";
  return {};
}

// ---------------------------------------------------------------- defaults

TEST(PolicyDefaults, MatchTheSpecOptionTable) {
  // SPEC 1: --method pareto, --metric amount, --pareto 80,95, --percentile 20,80,
  // --combine all, --score amount=0.8,clv=0.2, no window, as-of or group-by.
  const Policy p;
  EXPECT_EQ(p.method, Method::Pareto);
  EXPECT_EQ(p.metric, Metric::Amount);
  EXPECT_EQ(p.pareto, (Cuts{dec("80"), dec("95")}));
  EXPECT_EQ(p.percentile, (Cuts{dec("20"), dec("80")}));
  EXPECT_EQ(p.combine, Combine::All);
  EXPECT_EQ(p.score,
            (std::vector<ScoreWeight>{{Metric::Amount, dec("0.8")}, {Metric::Clv, dec("0.2")}}));
  EXPECT_FALSE(p.score_requested);
  EXPECT_FALSE(p.window_days.has_value());
  EXPECT_FALSE(p.as_of.has_value());
  EXPECT_FALSE(p.group_by.has_value());
}

TEST(PolicyDefaults, ThresholdsAreTheSpecsFourPairsAndNotExplicit) {
  // SPEC 3.3: amount 500000,200000; frequency 10,5; profit 100000,50000; clv 1000000,500000.
  const Policy p;
  EXPECT_EQ(p.thresholds, (std::vector<Threshold>{
                              threshold(Metric::Amount, "500000", "200000"),
                              threshold(Metric::Frequency, "10", "5"),
                              threshold(Metric::Profit, "100000", "50000"),
                              threshold(Metric::Clv, "1000000", "500000"),
                          }));
  EXPECT_EQ(Policy::default_thresholds(), p.thresholds);
  EXPECT_FALSE(p.thresholds_explicit);
}

TEST(PolicyDefaults, AreValid) { EXPECT_NO_THROW(validate(Policy{})); }

// ---------------------------------------------------------------- names

TEST(PolicyNames, MetricNamesRoundTrip) {
  for (Metric m :
       {Metric::Amount, Metric::Frequency, Metric::Profit, Metric::Clv, Metric::Recency}) {
    EXPECT_EQ(parse_metric(name_of(m)), m) << name_of(m);
  }
  EXPECT_EQ(name_of(Metric::Amount), "amount");
  EXPECT_EQ(name_of(Metric::Frequency), "frequency");
  EXPECT_EQ(name_of(Metric::Profit), "profit");
  EXPECT_EQ(name_of(Metric::Clv), "clv");
  EXPECT_EQ(name_of(Metric::Recency), "recency");
}

TEST(PolicyNames, MethodAndCombineNamesRoundTrip) {
  EXPECT_EQ(parse_method("pareto"), Method::Pareto);
  EXPECT_EQ(parse_method("percentile"), Method::Percentile);
  EXPECT_EQ(parse_method("threshold"), Method::Threshold);
  EXPECT_EQ(parse_method("score"), Method::Score);
  EXPECT_EQ(parse_combine("all"), Combine::All);
  EXPECT_EQ(parse_combine("any"), Combine::Any);
  for (Method m : {Method::Pareto, Method::Percentile, Method::Threshold, Method::Score}) {
    EXPECT_EQ(parse_method(name_of(m)), m);
  }
  EXPECT_EQ(name_of(Combine::Any), "any");
}

TEST(PolicyNames, UnknownNamesAreRefused) {
  EXPECT_FALSE(parse_metric("amounts").has_value());
  EXPECT_FALSE(parse_metric("").has_value());
  EXPECT_FALSE(parse_method("abc").has_value());
  EXPECT_FALSE(parse_combine("both").has_value());
}

// ---------------------------------------------------------------- validate: cut points

struct CutCase {
  const char* a;
  const char* b;
};

TEST(PolicyValidate, ParetoCutsOutsideTheRangeAreUsageErrors) {
  // 0 < A <= B <= 100 is broken by each of these.
  const CutCase bad[] = {{"0", "95"},           {"-1", "95"},
                         {"80", "79.99999999"}, {"80", "100.00000001"},
                         {"101", "101"},        {"0", "0"}};
  for (const CutCase& c : bad) {
    SCOPED_TRACE(std::string(c.a) + "," + c.b);
    Policy p;
    p.pareto = {dec(c.a), dec(c.b)};
    EXPECT_NE(usage_error([&] { validate(p); }).find("--pareto"), std::string::npos);
  }
}

TEST(PolicyValidate, PercentileCutsOutsideTheRangeAreUsageErrors) {
  const CutCase bad[] = {{"0", "80"}, {"90", "80"}, {"20", "100.5"}, {"-20", "80"}};
  for (const CutCase& c : bad) {
    SCOPED_TRACE(std::string(c.a) + "," + c.b);
    Policy p;
    p.percentile = {dec(c.a), dec(c.b)};
    EXPECT_NE(usage_error([&] { validate(p); }).find("--percentile"), std::string::npos);
  }
}

TEST(PolicyValidate, BadCutMessageNamesOptionAndValues) {
  Policy p;
  p.pareto = {dec("95"), dec("80")};
  EXPECT_EQ(usage_error([&] { validate(p); }),
            "--pareto 95,80: cut points must satisfy 0 < A <= B <= 100");
}

TEST(PolicyValidate, BoundaryCutsAreAccepted) {
  // A = B, B = 100, the smallest positive A, and non-integer cut points.
  const CutCase good[] = {{"100", "100"}, {"80", "80"},     {"0.00000001", "0.00000001"},
                          {"80.5", "95"}, {"33.3", "66.7"}, {"1", "100"}};
  for (const CutCase& c : good) {
    SCOPED_TRACE(std::string(c.a) + "," + c.b);
    Policy p;
    p.pareto = {dec(c.a), dec(c.b)};
    p.percentile = {dec(c.a), dec(c.b)};
    EXPECT_NO_THROW(validate(p));
  }
}

// ---------------------------------------------------------------- validate: thresholds

TEST(PolicyValidate, AMinBelowBMinIsAUsageError) {
  Policy p;
  p.thresholds = {threshold(Metric::Amount, "200000", "500000")};
  p.thresholds_explicit = true;
  const std::string message = usage_error([&] { validate(p); });
  EXPECT_NE(message.find("amount"), std::string::npos) << message;
}

TEST(PolicyValidate, AMinOneUnitBelowBMinIsAUsageError) {
  Policy p;
  p.thresholds = {threshold(Metric::Frequency, "4.99999999", "5")};
  usage_error([&] { validate(p); });
}

TEST(PolicyValidate, AMinEqualToBMinIsAccepted) {
  Policy p;
  p.thresholds = {threshold(Metric::Amount, "500000", "500000")};
  EXPECT_NO_THROW(validate(p));
}

TEST(PolicyValidate, DuplicateThresholdMetricIsAUsageError) {
  Policy p;
  p.thresholds = {threshold(Metric::Amount, "10", "5"), threshold(Metric::Clv, "10", "5"),
                  threshold(Metric::Amount, "20", "5")};
  const std::string message = usage_error([&] { validate(p); });
  EXPECT_NE(message.find("amount"), std::string::npos) << message;
}

TEST(PolicyValidate, RecencyCannotBeThresholdedOrRankedBy) {
  Policy thresholded;
  thresholded.thresholds = {threshold(Metric::Recency, "10", "5")};
  usage_error([&] { validate(thresholded); });
  Policy ranked;
  ranked.metric = Metric::Recency;
  usage_error([&] { validate(ranked); });
}

// ---------------------------------------------------------------- validate: score, window

TEST(PolicyValidate, ZeroOrNegativeWeightIsAUsageError) {
  for (const char* w : {"0", "-0.1"}) {
    SCOPED_TRACE(w);
    Policy p;
    p.score = {{Metric::Amount, dec("1")}, {Metric::Clv, dec(w)}};
    const std::string message = usage_error([&] { validate(p); });
    EXPECT_NE(message.find("--score"), std::string::npos) << message;
  }
}

TEST(PolicyValidate, SmallestPositiveWeightIsAccepted) {
  Policy p;
  p.score = {{Metric::Recency, dec("0.00000001")}};
  EXPECT_NO_THROW(validate(p));
}

TEST(PolicyValidate, WeightsNeedNotSumToOne) {
  // SPEC 3.4: weights are normalised, so 3 and 1 are as good as 0.75 and 0.25.
  Policy p;
  p.score = {{Metric::Amount, dec("3")}, {Metric::Frequency, dec("1")}};
  EXPECT_NO_THROW(validate(p));
}

TEST(PolicyValidate, DuplicateScoreMetricIsAUsageError) {
  Policy p;
  p.score = {{Metric::Amount, dec("1")}, {Metric::Amount, dec("2")}};
  usage_error([&] { validate(p); });
}

TEST(PolicyValidate, WindowBelowOneDayIsAUsageError) {
  for (int days : {0, -1, -30}) {
    SCOPED_TRACE(days);
    Policy p;
    p.window_days = days;
    const std::string message = usage_error([&] { validate(p); });
    EXPECT_NE(message.find("--window"), std::string::npos) << message;
  }
}

TEST(PolicyValidate, WindowOfOneDayIsAccepted) {
  Policy p;
  p.window_days = 1;
  EXPECT_NO_THROW(validate(p));
}

TEST(PolicyValidate, EmptyGroupByHeaderIsAUsageError) {
  Policy p;
  p.group_by = "";
  usage_error([&] { validate(p); });
}

TEST(PolicyValidate, OriginPrefixesTheMessage) {
  Policy p;
  p.percentile = {dec("90"), dec("80")};
  const std::string message = usage_error([&] { validate(p, "p.json: "); });
  EXPECT_EQ(message.rfind("p.json: --percentile", 0), 0u) << message;
}

// ---------------------------------------------------------------- problems, normalize

TEST(PolicyProblems, CutsProblemIsEmptyOnlyForValidCuts) {
  EXPECT_EQ(cuts_problem({dec("80"), dec("95")}), "");
  EXPECT_EQ(cuts_problem({dec("100"), dec("100")}), "");
  EXPECT_EQ(cuts_problem({dec("95"), dec("80")}), "cut points must satisfy 0 < A <= B <= 100");
  EXPECT_NE(cuts_problem({dec("0"), dec("80")}), "");
  EXPECT_NE(cuts_problem({dec("20"), dec("100.00000001")}), "");
}

TEST(PolicyProblems, ThresholdProblemNeedsAMinAtLeastBMinAndNoRecency) {
  EXPECT_EQ(threshold_problem(threshold(Metric::Amount, "5", "5")), "");
  EXPECT_NE(threshold_problem(threshold(Metric::Amount, "4", "5")), "");
  EXPECT_NE(threshold_problem(threshold(Metric::Recency, "10", "5")), "");
}

TEST(PolicyProblems, WeightProblemNeedsAPositiveWeight) {
  EXPECT_EQ(weight_problem({Metric::Amount, dec("0.00000001")}), "");
  EXPECT_NE(weight_problem({Metric::Amount, dec("0")}), "");
  EXPECT_NE(weight_problem({Metric::Amount, dec("-1")}), "");
}

TEST(PolicyNormalize, PutsThresholdsAndWeightsInMetricOrder) {
  Policy p;
  p.thresholds = {threshold(Metric::Clv, "2", "1"), threshold(Metric::Amount, "4", "3"),
                  threshold(Metric::Frequency, "6", "5")};
  p.score = {{Metric::Recency, dec("1")}, {Metric::Clv, dec("2")}, {Metric::Amount, dec("3")}};
  normalize(p);
  EXPECT_EQ(p.thresholds, (std::vector<Threshold>{threshold(Metric::Amount, "4", "3"),
                                                  threshold(Metric::Frequency, "6", "5"),
                                                  threshold(Metric::Clv, "2", "1")}));
  EXPECT_EQ(p.score,
            (std::vector<ScoreWeight>{
                {Metric::Amount, dec("3")}, {Metric::Clv, dec("2")}, {Metric::Recency, dec("1")}}));
}

TEST(PolicyNormalize, LeavesTheDefaultsAsTheyAre) {
  Policy p;
  normalize(p);
  EXPECT_EQ(p.thresholds, Policy::default_thresholds());
  EXPECT_EQ(p.score, Policy::default_score());
}

// ---------------------------------------------------------------- resolve_against_data

const AvailableMetrics kNoProfit{false, false};
const AvailableMetrics kWithProfit{true, false};
const AvailableMetrics kWithProfitAndDate{true, true};

TEST(AvailableMetrics, AmountFrequencyAndClvAreAlwaysThere) {
  for (Metric m : {Metric::Amount, Metric::Frequency, Metric::Clv}) {
    EXPECT_TRUE(kNoProfit.has(m)) << name_of(m);
  }
  EXPECT_FALSE(kNoProfit.has(Metric::Profit));
  EXPECT_FALSE(kNoProfit.has(Metric::Recency));
  EXPECT_TRUE(kWithProfitAndDate.has(Metric::Profit));
  EXPECT_TRUE(kWithProfitAndDate.has(Metric::Recency));
}

TEST(ResolveAgainstData, PolicyThresholdsAreFilteredToTheMetricsTheDataHas) {
  // SPEC 3.3: "of these the metrics the data has are used": no profit column -> no profit.
  EXPECT_EQ(resolve_against_data(Policy{}, kNoProfit),
            (std::vector<Threshold>{threshold(Metric::Amount, "500000", "200000"),
                                    threshold(Metric::Frequency, "10", "5"),
                                    threshold(Metric::Clv, "1000000", "500000")}));
}

TEST(ResolveAgainstData, PolicyThresholdsAreAllUsedWhenTheDataHasProfit) {
  EXPECT_EQ(resolve_against_data(Policy{}, kWithProfit), Policy::default_thresholds());
}

TEST(ResolveAgainstData, ExplicitThresholdsAreUsedExactly) {
  // --threshold frequency=3,1 replaces them all: only frequency is used.
  Policy p;
  p.thresholds = {threshold(Metric::Frequency, "3", "1")};
  p.thresholds_explicit = true;
  EXPECT_EQ(resolve_against_data(p, kWithProfit),
            (std::vector<Threshold>{threshold(Metric::Frequency, "3", "1")}));
}

TEST(ResolveAgainstData, ExplicitThresholdOnAnAbsentMetricIsAUsageError) {
  // --threshold profit=... on data without a profit column -> 64.
  Policy p;
  p.thresholds = {threshold(Metric::Amount, "10", "5"), threshold(Metric::Profit, "10", "5")};
  p.thresholds_explicit = true;
  const std::string message = usage_error([&] { resolve_against_data(p, kNoProfit); });
  EXPECT_NE(message.find("--threshold profit"), std::string::npos) << message;
}

TEST(ResolveAgainstData, PolicyThresholdOnAnAbsentMetricIsDroppedNotAnError) {
  // The same thresholds from the policy (not --threshold): profit is simply left out.
  Policy p;
  p.thresholds = {threshold(Metric::Amount, "10", "5"), threshold(Metric::Profit, "10", "5")};
  EXPECT_EQ(resolve_against_data(p, kNoProfit),
            (std::vector<Threshold>{threshold(Metric::Amount, "10", "5")}));
}

TEST(ResolveAgainstData, MetricProfitWithoutAProfitColumnIsAUsageError) {
  Policy p;
  p.metric = Metric::Profit;
  const std::string message = usage_error([&] { resolve_against_data(p, kNoProfit); });
  EXPECT_NE(message.find("--metric profit"), std::string::npos) << message;
  EXPECT_NO_THROW(resolve_against_data(p, kWithProfit));
}

TEST(ResolveAgainstData, MethodThresholdWithNoApplicableThresholdIsAUsageError) {
  // The policy thresholds only profit; the data has none -> nothing to grade by.
  Policy p;
  p.method = Method::Threshold;
  p.thresholds = {threshold(Metric::Profit, "10", "5")};
  usage_error([&] { resolve_against_data(p, kNoProfit); });
}

TEST(ResolveAgainstData, OtherMethodsDoNotNeedAThreshold) {
  // Same policy under pareto: threshold_grade is just empty.
  Policy p;
  p.thresholds = {threshold(Metric::Profit, "10", "5")};
  EXPECT_TRUE(resolve_against_data(p, kNoProfit).empty());
}

TEST(ResolveAgainstData, ScoreMetricTheDataLacksIsAUsageErrorWhenTheScoreIsComputed) {
  // SPEC 3.3: a --score metric the data lacks (recency without a date column) is 64.
  Policy p;
  p.score = {{Metric::Amount, dec("1")}, {Metric::Recency, dec("1")}};
  p.score_requested = true;
  usage_error([&] { resolve_against_data(p, kWithProfit); });
  EXPECT_NO_THROW(resolve_against_data(p, kWithProfitAndDate));

  Policy by_method = p;
  by_method.score_requested = false;
  by_method.method = Method::Score;
  usage_error([&] { resolve_against_data(by_method, kWithProfit); });
}

TEST(ResolveAgainstData, DefaultScoreNeedsNothingTheDataLacks) {
  // amount=0.8, clv=0.2: both are always available.
  Policy p;
  p.method = Method::Score;
  EXPECT_NO_THROW(resolve_against_data(p, kNoProfit));
}

}  // namespace
}  // namespace abcgrade
