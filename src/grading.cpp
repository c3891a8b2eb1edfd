#include "abcgrade/grading.hpp"

#include "abcgrade/error.hpp"

namespace abcgrade {

Int128 positive_total(std::span<const Int128> values) {
  Int128 t = 0;
  for (Int128 v : values) {
    if (v <= 0) continue;
    t += v;  // each term < 10^30 and t <= 10^30 before it: no wrap
    if (t > Decimal::kMaxUnits) {
      throw Error(ExitCode::kDataErr,
                  "the metric's total over all customers is too large (the limit is 10^22)");
    }
  }
  return t;
}

std::vector<Grade> grade_pareto(std::span<const Int128> ranked, const Cuts& cuts) {
  const Int128 total = positive_total(ranked);
  // Percentages are Decimals (units of 10^-8), so "before < A% of T" is
  // before * 100 * 10^8 < A_units * T, compared exactly.
  const Int128 hundred = static_cast<Int128>(100) * Decimal::kOne;
  std::vector<Grade> grades(ranked.size(), Grade::C);
  Int128 before = 0;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const Int128 v = ranked[i];
    if (v > 0) {
      // SPEC 3.3: the customer that crosses the A line is still A. A tie group
      // shares its first member's grade (SPEC 3.2).
      if (i > 0 && v == ranked[i - 1]) {
        grades[i] = grades[i - 1];
      } else if (compare_products(before, hundred, cuts.a.units(), total) < 0) {
        grades[i] = Grade::A;
      } else if (compare_products(before, hundred, cuts.b.units(), total) < 0) {
        grades[i] = Grade::B;
      }
    }
    if (v > 0) before += v;
  }
  return grades;
}

namespace {

// ceil(n * percent / 100) for a percentage in Decimal units.
std::uint64_t ceil_share(std::uint64_t n, Decimal percent) {
  const Int128 num = static_cast<Int128>(n) * percent.units();
  const Int128 den = static_cast<Int128>(100) * Decimal::kOne;
  return static_cast<std::uint64_t>((num + den - 1) / den);
}

}  // namespace

std::vector<Grade> grade_percentile(std::span<const std::uint32_t> tie_firsts, const Cuts& cuts) {
  const std::uint64_t n = tie_firsts.size();
  const std::uint64_t n_a = ceil_share(n, cuts.a);
  const std::uint64_t n_c =
      ceil_share(n, Decimal::from_units(Decimal::from_int(100).units() - cuts.b.units()));
  std::vector<Grade> grades(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    const std::uint64_t rank = i + 1;
    Grade g = Grade::B;
    if (rank <= n_a)
      g = Grade::A;
    else if (rank + n_c > n)
      g = Grade::C;  // rank > N - nC
    grades[i] = tie_firsts[i] == i ? g : grades[tie_firsts[i]];
  }
  return grades;
}

Grade grade_threshold(Decimal value, const Threshold& t) {
  if (value >= t.a_min) return Grade::A;
  if (value >= t.b_min) return Grade::B;
  return Grade::C;
}

Grade combine(Grade a, Grade b, Combine how) {
  if (how == Combine::All) return a > b ? a : b;  // the lowest grade
  return a < b ? a : b;                           // the highest grade
}

}  // namespace abcgrade
