// Unit tests of src/string_table.hpp, the table that interns customer and
// order ids: through every doubling of its slots each key keeps the index
// it got first (0, 1, 2, ... in first-seen order), is found again, and keys
// it never saw are not found, including keys that share their first eight
// bytes or differ only in length.
#include "string_table.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace abcgrade {
namespace {

// Key n: lengths 1 to 30, many sharing the first 8 bytes ("CUSTOMER..."),
// some differing from another only by a trailing NUL.
std::string key(std::uint32_t n) {
  switch (n % 4) {
    case 0:
      return std::to_string(n);
    case 1:
      return "CUSTOMER-" + std::to_string(n);
    case 2:
      return std::string(1 + n % 30, static_cast<char>('a' + n % 26)) + std::to_string(n);
    default:
      return std::to_string(n - 3) + std::string(1, '\0');  // key n - 3 and a NUL
  }
}

TEST(StringTable, KeysKeepTheirFirstIndexThroughEveryGrowth) {
  StringTable table;
  constexpr std::uint32_t kKeys = 300'001;  // 1,024 slots doubled nine times, a partial batch
  std::uint32_t wrong = 0;
  for (std::uint32_t n = 0; n < kKeys; ++n) {
    bool inserted = false;
    wrong += table.find_or_insert(key(n), &inserted) != n || !inserted;
    // Every fifth step, an earlier key again: found, not inserted.
    if (n % 5 == 0) {
      const std::uint32_t earlier = n / 2;
      wrong += table.find_or_insert(key(earlier), &inserted) != earlier || inserted;
    }
  }
  EXPECT_EQ(wrong, 0u);
  for (std::uint32_t n = 0; n < kKeys; ++n) {
    const std::optional<std::uint32_t> found = table.find(key(n));
    wrong += !found || *found != n || table.key_of(n) != key(n);
  }
  EXPECT_EQ(wrong, 0u);
  // Keys never inserted: past the end, a prefix of one, one longer by a byte.
  EXPECT_FALSE(table.find(key(kKeys)).has_value());
  EXPECT_FALSE(table.find("CUSTOMER-").has_value());
  EXPECT_FALSE(table.find("CUSTOMER-1x").has_value());
  EXPECT_FALSE(table.find(std::string("5") + std::string(2, '\0')).has_value());
}

}  // namespace
}  // namespace abcgrade
