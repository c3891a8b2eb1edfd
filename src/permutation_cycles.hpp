// The cycles of a permutation, listed so that the moves that apply it in
// place can be split between threads (table.cpp's permute). Private to the
// grading core.
#pragma once

#include <cstdint>
#include <vector>

namespace abcgrade {

// The cycles of `order` (a permutation of 0 .. n-1), fixed points left out.
// `walk` gets their positions cycle after cycle, each cycle as p, order[p],
// order[order[p]], ... from one of its positions; `cycle_starts` gets where
// each cycle begins in `walk`, then walk.size(). `order` is used as scratch
// and holds its values again on return.
void list_cycles(std::vector<std::uint32_t>& order, std::vector<std::uint32_t>& walk,
                 std::vector<std::uint32_t>& cycle_starts);

}  // namespace abcgrade
