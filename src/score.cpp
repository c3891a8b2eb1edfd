#include "abcgrade/score.hpp"

#include <algorithm>
#include <numeric>

namespace abcgrade {

CompositeScores composite_scores(const std::vector<std::vector<Int128>>& values,
                                 std::span<const Decimal> weights) {
  const std::size_t n = values.empty() ? 0 : values.front().size();
  CompositeScores s;
  s.numerators.assign(n, 0);
  Int128 weight_total = 0;
  for (const Decimal& w : weights) weight_total += w.units();
  if (n == 1) {
    // SPEC 3.4: p = 1 when N = 1, so the score is the sum of the weights: 1.
    s.numerators[0] = weight_total;
    s.denominator = weight_total;
    return s;
  }
  // p = (2 * worse + same - 1) / (2 * (N - 1)); the score's numerator is
  // sum of W_k * (2 * worse + same - 1) over the common denominator
  // sum(W) * 2 * (N - 1). Weights are below 10^30 units only in theory; in
  // practice a weight of 10^6 and N of 10^9 give terms near 10^23.
  s.denominator = weight_total * 2 * static_cast<Int128>(n - 1);
  std::vector<std::uint32_t> order(n);
  for (std::size_t k = 0; k < values.size(); ++k) {
    const std::vector<Int128>& v = values[k];
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return v[a] < v[b]; });
    for (std::size_t begin = 0; begin < n;) {
      std::size_t end = begin + 1;
      while (end < n && v[order[end]] == v[order[begin]]) ++end;
      const Int128 worse = static_cast<Int128>(begin), same = static_cast<Int128>(end - begin);
      for (std::size_t i = begin; i < end; ++i) {
        s.numerators[order[i]] += weights[k].units() * (2 * worse + same - 1);
      }
      begin = end;
    }
  }
  return s;
}

}  // namespace abcgrade
