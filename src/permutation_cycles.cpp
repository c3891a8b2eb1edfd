#include "permutation_cycles.hpp"

#include <array>
#include <cstddef>

namespace abcgrade {
namespace {

// Following a cycle is a chain of dependent reads, and for 1 M customers
// each one missed the cache: one walker took 55-85 ms. This many walkers
// follow stretches of the cycles in step, so that their misses overlap.
constexpr std::size_t kWalkers = 16;

// A stretch of a cycle that one walker followed: from `first` up to the
// position before the first one of the stretch `next`.
struct Stretch {
  std::uint32_t first;       // where the walker started
  std::uint32_t successor;   // order[first], which holds the stretch's number meanwhile
  std::uint32_t walker;      // whose list of positions holds the stretch ...
  std::uint32_t begin, end;  // ... in [begin, end)
  std::uint32_t next;        // the stretch that it ran into
};

}  // namespace

void list_cycles(std::vector<std::uint32_t>& order, std::vector<std::uint32_t>& walk,
                 std::vector<std::uint32_t>& cycle_starts) {
  const std::size_t n = order.size();
  walk.clear();
  cycle_starts.clear();
  std::vector<std::uint64_t> visited((n + 63) / 64, 0);
  auto is_visited = [&visited](std::size_t p) { return (visited[p >> 6] >> (p & 63)) & 1; };
  auto visit = [&visited](std::size_t p) { visited[p >> 6] |= std::uint64_t{1} << (p & 63); };

  std::vector<Stretch> stretches;
  std::array<std::vector<std::uint32_t>, kWalkers>
      positions;                                  // each walker's, stretch after stretch
  std::array<std::uint32_t, kWalkers> at{};       // the position each walker visits next
  std::array<std::uint32_t, kWalkers> current{};  // the stretch each walker is on
  std::array<bool, kWalkers> walking{};
  std::size_t scan = 0;  // every position below it is visited or fixed
  // Starts walker w at the first position that nobody has visited (and that
  // is not fixed); false when there is none.
  auto start = [&](std::size_t w) {
    while (scan < n && (is_visited(scan) || order[scan] == scan)) ++scan;
    if (scan == n) return false;
    const auto p = static_cast<std::uint32_t>(scan++);
    current[w] = static_cast<std::uint32_t>(stretches.size());
    stretches.push_back({p, order[p], static_cast<std::uint32_t>(w),
                         static_cast<std::uint32_t>(positions[w].size()), 0, 0});
    positions[w].push_back(p);
    visit(p);
    at[w] = order[p];
    // A walker can enter a walked stretch only at its first position (every
    // position has one predecessor), and reads there whose stretch it is.
    order[p] = current[w];
    __builtin_prefetch(&order[at[w]]);
    return true;
  };
  std::size_t left = 0;
  for (std::size_t w = 0; w < kWalkers; ++w) left += walking[w] = start(w);
  while (left > 0) {
    for (std::size_t w = 0; w < kWalkers; ++w) {
      if (!walking[w]) continue;
      const std::uint32_t p = at[w];
      if (is_visited(p)) {
        Stretch& s = stretches[current[w]];
        s.end = static_cast<std::uint32_t>(positions[w].size());
        s.next = order[p];
        if (!start(w)) {
          walking[w] = false;
          --left;
        }
        continue;
      }
      visit(p);
      positions[w].push_back(p);
      at[w] = order[p];
      __builtin_prefetch(&order[at[w]]);
    }
  }

  // Each cycle's stretches, joined in the order they follow one another.
  std::size_t total = 0;
  for (const auto& p : positions) total += p.size();
  walk.reserve(total);
  std::vector<bool> listed(stretches.size(), false);
  for (std::size_t k = 0; k < stretches.size(); ++k) {
    if (listed[k]) continue;
    cycle_starts.push_back(static_cast<std::uint32_t>(walk.size()));
    for (std::size_t t = k; !listed[t]; t = stretches[t].next) {
      listed[t] = true;
      const Stretch& s = stretches[t];
      const auto& from = positions[s.walker];
      walk.insert(walk.end(), from.begin() + s.begin, from.begin() + s.end);
    }
  }
  cycle_starts.push_back(static_cast<std::uint32_t>(walk.size()));
  for (const Stretch& s : stretches) order[s.first] = s.successor;
}

}  // namespace abcgrade
