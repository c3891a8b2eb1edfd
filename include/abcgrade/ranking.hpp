// Ranking (SPEC 3.2): customers ordered by a value, highest first, ties by
// customer_id in byte order, and the tie groups that share a grade. Pure
// functions of values and ids; nothing here knows about methods or output.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "abcgrade/decimal.hpp"

namespace abcgrade {

// Indexes into `values`/`ids` in rank order. REQUIRES: equal sizes; ids unique.
std::vector<std::uint32_t> rank_order(std::span<const Int128> values,
                                      std::span<const std::string_view> ids);

// For values already in rank order: the position of the first member of each
// position's tie group (equal values), e.g. {9, 5, 5, 1} -> {0, 1, 1, 3}.
std::vector<std::uint32_t> tie_group_firsts(std::span<const Int128> ranked_values);

}  // namespace abcgrade
