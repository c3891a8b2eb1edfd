// The grading methods of SPEC 3.3 on values already in rank order: pareto
// (cumulative share), percentile (rank), threshold (fixed minimums) and how
// per-metric threshold grades combine. Every comparison is exact. Tie groups
// take the grade of their best-ranked member (SPEC 3.2) in the rank-based
// methods; thresholds depend on values only, so ties agree by construction.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "abcgrade/decimal.hpp"
#include "abcgrade/policy.hpp"

namespace abcgrade {

enum class Grade : std::uint8_t { A, B, C };

// "A", "B", "C". Inline: the writers call it for four cells a row.
inline std::string_view letter(Grade g) { return g == Grade::A ? "A" : g == Grade::B ? "B" : "C"; }

// SPEC 3.3 pareto: T = sum of positive values; a positive value is A if the
// sum above it is < A% of T, else B if < B% of T, else C; values <= 0 are C.
// `ranked` holds values in rank order (highest first); returns one grade per
// position.
std::vector<Grade> grade_pareto(std::span<const Int128> ranked, const Cuts& cuts);

// SPEC 3.3 percentile: nA = ceil(N*A%), nC = ceil(N*(100-B)%); positions
// 1..nA are A, positions > N-nC are C, the rest B; then each tie group takes
// its first member's grade. `tie_firsts` comes from tie_group_firsts.
std::vector<Grade> grade_percentile(std::span<const std::uint32_t> tie_firsts, const Cuts& cuts);

// SPEC 3.3 threshold for one metric: A when value >= a_min, B when >= b_min.
Grade grade_threshold(Decimal value, const Threshold& threshold);

// Combines per-metric grades: `all` gives the lowest, `any` the highest.
Grade combine(Grade a, Grade b, Combine how);

// The sum of the positive values (SPEC 3.3's T, SPEC 4's share denominator).
// Throws Error(kDataErr) when it reaches 10^22.
Int128 positive_total(std::span<const Int128> values);

}  // namespace abcgrade
