#include "abcgrade/policy.hpp"

#include <array>

#include "abcgrade/error.hpp"

namespace abcgrade {
namespace {

constexpr std::array<std::string_view, 5> kMetricNames = {"amount", "frequency", "profit", "clv",
                                                          "recency"};
constexpr std::array<std::string_view, 4> kMethodNames = {"pareto", "percentile", "threshold",
                                                          "score"};
constexpr std::array<std::string_view, 2> kCombineNames = {"all", "any"};

template <class Enum, std::size_t N>
std::optional<Enum> find_name(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

void check_cuts(const Cuts& c, std::string_view option, std::string_view origin) {
  if (const std::string_view why = cuts_problem(c); !why.empty()) {
    throw Error(ExitCode::kUsage, std::string(origin) + std::string(option) + " " +
                                      c.a.to_shortest() + "," + c.b.to_shortest() + ": " +
                                      std::string(why));
  }
}

}  // namespace

std::string_view name_of(Metric m) { return kMetricNames[static_cast<std::size_t>(m)]; }
std::string_view name_of(Method m) { return kMethodNames[static_cast<std::size_t>(m)]; }
std::string_view name_of(Combine c) { return kCombineNames[static_cast<std::size_t>(c)]; }
std::optional<Metric> parse_metric(std::string_view t) {
  return find_name<Metric>(kMetricNames, t);
}
std::optional<Method> parse_method(std::string_view t) {
  return find_name<Method>(kMethodNames, t);
}
std::optional<Combine> parse_combine(std::string_view t) {
  return find_name<Combine>(kCombineNames, t);
}

std::vector<Threshold> Policy::default_thresholds() {
  // SPEC 3.3: amount 500000,200000; frequency 10,5; profit 100000,50000;
  // clv 1000000,500000.
  return {{Metric::Amount, Decimal::from_int(500000), Decimal::from_int(200000)},
          {Metric::Frequency, Decimal::from_int(10), Decimal::from_int(5)},
          {Metric::Profit, Decimal::from_int(100000), Decimal::from_int(50000)},
          {Metric::Clv, Decimal::from_int(1000000), Decimal::from_int(500000)}};
}

std::vector<ScoreWeight> Policy::default_score() {
  // SPEC 3.4: the seeds' "current value 80 %, potential value 20 %".
  return {{Metric::Amount, *Decimal::from_plain("0.8")},
          {Metric::Clv, *Decimal::from_plain("0.2")}};
}

std::string_view cuts_problem(const Cuts& c) {
  const Decimal zero, hundred = Decimal::from_int(100);
  if (c.a > zero && c.a <= c.b && c.b <= hundred) return {};
  return "cut points must satisfy 0 < A <= B <= 100";
}

std::string_view threshold_problem(const Threshold& t) {
  if (t.metric == Metric::Recency) return "recency cannot be thresholded";
  if (t.a_min < t.b_min) return "A_MIN must be >= B_MIN";
  return {};
}

std::string_view weight_problem(const ScoreWeight& w) {
  // Weights are relative; the cap keeps the score's exact fractions within
  // 128 bits for any number of customers.
  if (!w.weight.is_positive()) return "weights must be > 0";
  if (w.weight > Decimal::from_int(1000000)) return "weights must be at most 1000000";
  return {};
}

void normalize(Policy& p) {
  std::stable_sort(p.thresholds.begin(), p.thresholds.end(),
                   [](const Threshold& a, const Threshold& b) { return a.metric < b.metric; });
  std::stable_sort(p.score.begin(), p.score.end(),
                   [](const ScoreWeight& a, const ScoreWeight& b) { return a.metric < b.metric; });
}

void validate(const Policy& p, std::string_view origin) {
  const std::string o(origin);
  check_cuts(p.pareto, "--pareto", origin);
  check_cuts(p.percentile, "--percentile", origin);
  if (p.metric == Metric::Recency) {
    throw Error(ExitCode::kUsage, o + "--metric recency: recency is a score ingredient only (use "
                                      "--score recency=WEIGHT)");
  }
  for (std::size_t i = 0; i < p.thresholds.size(); ++i) {
    const Threshold& t = p.thresholds[i];
    const std::string what = o + "--threshold " + std::string(name_of(t.metric)) + "=" +
                             t.a_min.to_shortest() + "," + t.b_min.to_shortest();
    if (const std::string_view why = threshold_problem(t); !why.empty()) {
      throw Error(ExitCode::kUsage, what + ": " + std::string(why));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (p.thresholds[j].metric == t.metric) {
        throw Error(ExitCode::kUsage,
                    o + "--threshold " + std::string(name_of(t.metric)) + " is given twice");
      }
    }
  }
  if (p.thresholds.empty() && p.thresholds_explicit) {
    throw Error(ExitCode::kUsage, o + "--threshold: no thresholds given");
  }
  if (p.score.empty()) throw Error(ExitCode::kUsage, o + "--score: no weights given");
  for (std::size_t i = 0; i < p.score.size(); ++i) {
    const ScoreWeight& w = p.score[i];
    if (const std::string_view why = weight_problem(w); !why.empty()) {
      throw Error(ExitCode::kUsage, o + "--score " + std::string(name_of(w.metric)) + "=" +
                                        w.weight.to_shortest() + ": " + std::string(why));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (p.score[j].metric == w.metric) {
        throw Error(ExitCode::kUsage,
                    o + "--score " + std::string(name_of(w.metric)) + " is given twice");
      }
    }
  }
  if (p.window_days && *p.window_days < 1) {
    throw Error(ExitCode::kUsage,
                o + "--window " + std::to_string(*p.window_days) + ": must be at least 1 day");
  }
  if (p.group_by && p.group_by->empty()) {
    throw Error(ExitCode::kUsage, o + "--group-by: the header name is empty");
  }
}

bool AvailableMetrics::has(Metric m) const {
  switch (m) {
    case Metric::Profit:
      return profit;
    case Metric::Recency:
      return recency;
    default:
      return true;
  }
}

std::vector<Threshold> resolve_against_data(const Policy& p, const AvailableMetrics& data) {
  auto lacking = [&](Metric m, std::string_view option) {
    const std::string why =
        m == Metric::Recency ? "the input has no date column" : "the input has no profit column";
    return Error(ExitCode::kUsage,
                 std::string(option) + " " + std::string(name_of(m)) + ": " + why);
  };
  if (!data.has(p.metric)) throw lacking(p.metric, "--metric");
  if (p.score_requested || p.method == Method::Score) {
    for (const ScoreWeight& w : p.score) {
      if (!data.has(w.metric)) throw lacking(w.metric, "--score");
    }
  }
  std::vector<Threshold> used;
  for (const Threshold& t : p.thresholds) {
    if (data.has(t.metric)) {
      used.push_back(t);
    } else if (p.thresholds_explicit) {
      throw lacking(t.metric, "--threshold");
    }
  }
  if (used.empty() && p.method == Method::Threshold) {
    throw Error(ExitCode::kUsage,
                "--method threshold: none of the policy's thresholds is for a metric the data has");
  }
  return used;
}

}  // namespace abcgrade
