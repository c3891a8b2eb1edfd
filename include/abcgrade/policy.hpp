// The grading policy: every option of SPEC section 1 that changes grades
// (method, metric, cut points, thresholds, combine, score weights, window,
// as-of, group-by), with the SPEC's defaults, and the rules a policy must
// satisfy on its own (SPEC 3.3). Rules that depend on the data (a metric the
// data lacks) are checked by check_against_columns once the header is known.
// This module reads no files and knows no command line.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/date.hpp"
#include "abcgrade/decimal.hpp"

namespace abcgrade {

// The per-customer values that can be ranked, thresholded or scored.
enum class Metric { Amount, Frequency, Profit, Clv, Recency };
enum class Method { Pareto, Percentile, Threshold, Score };
enum class Combine { All, Any };

// "amount", "frequency", ... and back; parse_* return nullopt for other text.
std::string_view name_of(Metric m);
std::string_view name_of(Method m);
std::string_view name_of(Combine c);
std::optional<Metric> parse_metric(std::string_view text);
std::optional<Method> parse_method(std::string_view text);
std::optional<Combine> parse_combine(std::string_view text);

// Two cut points in percent; valid when 0 < a <= b <= 100.
struct Cuts {
  Decimal a;
  Decimal b;
  friend bool operator==(const Cuts&, const Cuts&) = default;
};

// A is value >= a_min, B is value >= b_min; valid when a_min >= b_min.
struct Threshold {
  Metric metric = Metric::Amount;
  Decimal a_min;
  Decimal b_min;
  friend bool operator==(const Threshold&, const Threshold&) = default;
};

// One ingredient of the composite score (SPEC 3.4); valid when weight > 0.
struct ScoreWeight {
  Metric metric = Metric::Amount;
  Decimal weight;
  friend bool operator==(const ScoreWeight&, const ScoreWeight&) = default;
};

struct Policy {
  Method method = Method::Pareto;  // which method fills `grade`
  Metric metric = Metric::Amount;  // what pareto and percentile rank by
  Cuts pareto = {Decimal::from_int(80), Decimal::from_int(95)};
  Cuts percentile = {Decimal::from_int(20), Decimal::from_int(80)};
  // The policy's thresholds (SPEC 3.3 defaults), in metric order.
  std::vector<Threshold> thresholds = default_thresholds();
  // True when the thresholds come from --threshold on the command line: then
  // exactly these metrics are used and each must exist in the data. Otherwise
  // the ones whose metric the data has are used.
  bool thresholds_explicit = false;
  Combine combine = Combine::All;
  std::vector<ScoreWeight> score = default_score();  // SPEC 3.4 weights, as given
  // True when the score is computed and shown: --method score or --score.
  bool score_requested = false;
  std::optional<int> window_days;       // only (as-of - days, as-of] counts; none = all
  std::optional<Date> as_of;            // none = the latest date in the data
  std::optional<std::string> group_by;  // input header to grade within (SPEC 3.5)

  static std::vector<Threshold> default_thresholds();
  static std::vector<ScoreWeight> default_score();
};

// Why a part of a policy breaks SPEC 3.3/3.4, or "" when it does not.
std::string_view cuts_problem(const Cuts& cuts);                 // 0 < A <= B <= 100
std::string_view threshold_problem(const Threshold& threshold);  // A_MIN >= B_MIN, not recency
std::string_view weight_problem(const ScoreWeight& weight);      // 0 < weight <= 10^6

// Puts thresholds and score weights in metric order (amount, frequency,
// profit, clv, recency), so that a policy prints and applies the same in
// whatever order its parts were given.
void normalize(Policy& policy);

// Throws Error(kUsage) naming the offending option when the policy breaks a
// rule of SPEC 3.3/3.4 that does not depend on the data: cut points outside
// 0 < A <= B <= 100, A_MIN < B_MIN, a weight <= 0, recency as a threshold or
// ranking metric, a window below 1 day. `origin` prefixes the message (e.g.
// "p.json: "), so a policy file's problems name the file.
void validate(const Policy& policy, std::string_view origin = {});

// Which metrics the input has: amount and frequency always; profit with a
// profit column; clv always (computed); recency with a date column.
struct AvailableMetrics {
  bool profit = false;
  bool recency = false;
  bool has(Metric m) const;
};

// The thresholds that apply to this data (SPEC 3.3): explicit ones must all be
// available (else Error(kUsage)); policy ones are filtered to the available
// metrics. Also checks --metric and --score against the data (kUsage).
std::vector<Threshold> resolve_against_data(const Policy& policy, const AvailableMetrics& data);

}  // namespace abcgrade
