// The weighted composite score of SPEC 3.4, exact: for each ingredient a
// percentile position p = (worse + (same - 1) / 2) / (N - 1) (1 when N = 1),
// and the score = sum of weight * p with the weights normalised to 1. Scores
// are kept as integer numerators over one common denominator, so equal
// inputs give equal scores on every machine and comparisons are exact.
#pragma once

#include <span>
#include <vector>

#include "abcgrade/decimal.hpp"

namespace abcgrade {

struct CompositeScores {
  std::vector<Int128> numerators;  // one per customer
  Int128 denominator = 1;          // shared; score = numerator / denominator, in [0, 1]
};

// `values[k][i]` is ingredient k of customer i, oriented so that larger is
// better (recency: pass the negated number of days). `weights[k]` > 0.
// REQUIRES: every values[k] has the same size N >= 1.
CompositeScores composite_scores(const std::vector<std::vector<Int128>>& values,
                                 std::span<const Decimal> weights);

}  // namespace abcgrade
