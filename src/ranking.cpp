#include "abcgrade/ranking.hpp"

#include <algorithm>
#include <numeric>

namespace abcgrade {

std::vector<std::uint32_t> rank_order(std::span<const Int128> values,
                                      std::span<const std::string> ids) {
  std::vector<std::uint32_t> order(values.size());
  std::iota(order.begin(), order.end(), 0u);
  // SPEC 3.2: highest first; ties by customer_id in byte order (std::string
  // compares bytes as unsigned char, which is byte order).
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (values[a] != values[b]) return values[a] > values[b];
    return ids[a] < ids[b];
  });
  return order;
}

std::vector<std::uint32_t> tie_group_firsts(std::span<const Int128> ranked) {
  std::vector<std::uint32_t> firsts(ranked.size());
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    firsts[i] =
        (i > 0 && ranked[i] == ranked[i - 1]) ? firsts[i - 1] : static_cast<std::uint32_t>(i);
  }
  return firsts;
}

}  // namespace abcgrade
