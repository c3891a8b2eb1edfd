#include "abcgrade/ranking.hpp"

#include <algorithm>

#include "two_halves.hpp"

namespace abcgrade {

namespace {

// The first 8 bytes of an id, big-endian, so that comparing two prefixes as
// integers compares the bytes in order (zero-padded: "ab" < "ab\x01").
std::uint64_t prefix_of(std::string_view id) {
  std::uint64_t p = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    p = (p << 8) | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
  }
  return p;
}

constexpr std::size_t kSortInHalvesFrom = std::size_t{1} << 16;

struct SortKey {
  Int128 value;
  std::uint64_t prefix;
  std::uint32_t index;
};

}  // namespace

std::vector<std::uint32_t> rank_order(std::span<const Int128> values,
                                      std::span<const std::string_view> ids) {
  std::vector<SortKey> keys(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    keys[i] = {values[i], prefix_of(ids[i]), static_cast<std::uint32_t>(i)};
  }
  // SPEC 3.2: highest first; ties by customer_id in byte order. The prefix
  // settles most ties without touching the ids themselves.
  const auto before = [&](const SortKey& a, const SortKey& b) {
    if (a.value != b.value) return a.value > b.value;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return ids[a.index] < ids[b.index];
  };
  // The sort is most of ranking 1 M customers: its halves sort on two cores
  // and are merged. Keys are distinct (ids are), so any correct sort gives
  // the same order.
  const bool split =
      in_two_halves(keys.size(), kSortInHalvesFrom, [&](int, std::size_t begin, std::size_t end) {
        std::sort(keys.begin() + static_cast<std::ptrdiff_t>(begin),
                  keys.begin() + static_cast<std::ptrdiff_t>(end), before);
      });
  std::vector<std::uint32_t> order(values.size());
  if (!split) {
    for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].index;
    return order;
  }
  // The halves merge straight into the order: a merged copy of the keys
  // (32 bytes a customer) would be grading's largest block.
  const SortKey* a = keys.data();
  const SortKey* const a_end = a + keys.size() / 2;
  const SortKey* b = a_end;
  const SortKey* const b_end = keys.data() + keys.size();
  for (std::uint32_t& out : order) {
    const bool take_b = a == a_end || (b != b_end && before(*b, *a));
    out = take_b ? (b++)->index : (a++)->index;
  }
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
