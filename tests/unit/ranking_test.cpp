// Unit tests of ranking.hpp (SPEC 3.2): highest value first, ties by
// customer_id in byte order, and the tie groups that share a grade.
#include "abcgrade/ranking.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "abcgrade/decimal.hpp"

namespace abcgrade {
namespace {

// A value in Decimal units from its plain text ("1.5", "-3").
Int128 units(const char* text) { return Decimal::from_plain(text)->units(); }

std::vector<Int128> values_of(std::initializer_list<const char*> texts) {
  std::vector<Int128> out;
  for (const char* t : texts) out.push_back(units(t));
  return out;
}

// rank_order takes views of ids the caller keeps alive.
std::vector<std::string_view> views(const std::vector<std::string>& ids) {
  return std::vector<std::string_view>(ids.begin(), ids.end());
}

// The ids in rank order, so that failures print readable names.
std::vector<std::string> ranked_ids(const std::vector<Int128>& values,
                                    const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (std::uint32_t i : rank_order(values, views(ids))) out.push_back(ids[i]);
  return out;
}

TEST(RankOrder, HighestValueComesFirst) {
  // 3 > 2 > 1, whatever the input order.
  const std::vector<Int128> values = values_of({"1", "3", "2"});
  const std::vector<std::string> ids = {"low", "high", "mid"};
  EXPECT_EQ(rank_order(values, views(ids)), (std::vector<std::uint32_t>{1, 2, 0}));
}

TEST(RankOrder, ReturnsIndexesIntoTheInput) {
  const std::vector<Int128> values = values_of({"5", "7"});
  const std::vector<std::string> ids = {"x", "y"};
  EXPECT_EQ(rank_order(values, views(ids)), (std::vector<std::uint32_t>{1, 0}));
}

TEST(RankOrder, NegativeValuesRankBelowZeroAndPositives) {
  // 5 > 0 > -0.5 > -5.
  const std::vector<Int128> values = values_of({"-5", "0", "5", "-0.5"});
  const std::vector<std::string> ids = {"m5", "zero", "p5", "mhalf"};
  EXPECT_EQ(ranked_ids(values, ids), (std::vector<std::string>{"p5", "zero", "mhalf", "m5"}));
}

TEST(RankOrder, TiesGoByCustomerIdInByteOrderUppercaseBeforeLowercase) {
  // 'B' is 0x42 and 'a' is 0x61, so "B" < "a" in byte order (not alphabetical).
  const std::vector<Int128> values = values_of({"10", "10"});
  const std::vector<std::string> ids = {"a", "B"};
  EXPECT_EQ(ranked_ids(values, ids), (std::vector<std::string>{"B", "a"}));
}

TEST(RankOrder, TiesCompareIdsAsBytesNotAsNumbers) {
  // "C10" < "C9" because '1' (0x31) < '9' (0x39); "C1" is a prefix of "C10" so it is first.
  const std::vector<Int128> values = values_of({"4", "4", "4"});
  const std::vector<std::string> ids = {"C9", "C10", "C1"};
  EXPECT_EQ(ranked_ids(values, ids), (std::vector<std::string>{"C1", "C10", "C9"}));
}

TEST(RankOrder, TiesCompareUtf8BytesAsUnsigned) {
  // "z" is 0x7A; "é" is C3 A9; "客" is E5 AE A2. Unsigned byte order: z < é < 客.
  // (A signed-char comparison would put both non-ASCII ids before "z".)
  const std::vector<Int128> values = values_of({"1", "1", "1"});
  const std::vector<std::string> ids = {"客", "z", "é"};
  EXPECT_EQ(ranked_ids(values, ids), (std::vector<std::string>{"z", "é", "客"}));
}

TEST(RankOrder, TieOrderDoesNotDependOnInputOrder) {
  const std::vector<Int128> values = values_of({"2", "2", "9", "2"});
  const std::vector<std::string> ids = {"d", "b", "top", "c"};
  EXPECT_EQ(ranked_ids(values, ids), (std::vector<std::string>{"top", "b", "c", "d"}));
  const std::vector<Int128> reversed = values_of({"2", "9", "2", "2"});
  const std::vector<std::string> reversed_ids = {"c", "top", "b", "d"};
  EXPECT_EQ(ranked_ids(reversed, reversed_ids), (std::vector<std::string>{"top", "b", "c", "d"}));
}

TEST(RankOrder, ManyEqualValuesAreOrderedByIdBytes) {
  // 200 customers, all with 1; ids given in descending order.
  std::vector<Int128> values(200, units("1"));
  std::vector<std::string> ids;
  for (int i = 199; i >= 0; --i) ids.push_back("id" + std::to_string(1000 + i));
  std::vector<std::string> expected = ids;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ranked_ids(values, ids), expected);
}

TEST(RankOrder, ValuesOneUnitApartAreNotTied) {
  // 10^21 + 0.00000001 > 10^21, even though a double cannot tell them apart.
  const std::vector<Int128> values =
      values_of({"1000000000000000000000", "1000000000000000000000.00000001"});
  const std::vector<std::string> ids = {"a", "b"};
  EXPECT_EQ(ranked_ids(values, ids), (std::vector<std::string>{"b", "a"}));
}

TEST(RankOrder, EqualValuesWrittenDifferentlyAreTied) {
  // 1.5 and 1.50000000 are the same value: the tie goes by id.
  const std::vector<Int128> values = values_of({"1.50000000", "1.5"});
  const std::vector<std::string> ids = {"b", "a"};
  EXPECT_EQ(ranked_ids(values, ids), (std::vector<std::string>{"a", "b"}));
}

TEST(RankOrder, EmptyInputGivesEmptyOrder) { EXPECT_TRUE(rank_order({}, {}).empty()); }

TEST(RankOrder, SingleCustomerIsRankOne) {
  const std::vector<Int128> values = values_of({"-3"});
  const std::vector<std::string> ids = {"only"};
  EXPECT_EQ(rank_order(values, views(ids)), (std::vector<std::uint32_t>{0}));
}

TEST(RankOrder, ManyCustomersWithTiesAreInSpecOrder) {
  // Enough customers for the two-thread sort (sorted halves, merged from
  // both ends at once): 200,000 and 200,001 with 7 distinct values, and ids
  // that share their first 8 bytes so that ties reach the full byte
  // comparison. Every neighbouring pair must follow SPEC 3.2, and every
  // customer must appear exactly once.
  for (const std::size_t n : {std::size_t{200'000}, std::size_t{200'001}}) {
    std::vector<Int128> values(n);
    std::vector<std::string> ids(n);
    std::uint64_t seed = 12345;
    for (std::size_t i = 0; i < n; ++i) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      values[i] = units(std::to_string(static_cast<int>(seed >> 61) - 2).c_str());
      ids[i] = "CUSTOMER" + std::to_string((seed >> 20) % 1'000'000'000) + "-" + std::to_string(i);
    }
    const std::vector<std::uint32_t> order = rank_order(values, views(ids));
    ASSERT_EQ(order.size(), n);
    std::vector<bool> seen(n, false);
    for (std::size_t r = 0; r < n; ++r) {
      ASSERT_LT(order[r], n);
      ASSERT_FALSE(seen[order[r]]) << "customer " << order[r] << " ranked twice";
      seen[order[r]] = true;
      if (r == 0) continue;
      const std::uint32_t a = order[r - 1], b = order[r];
      ASSERT_TRUE(values[a] > values[b] || (values[a] == values[b] && ids[a] < ids[b]))
          << "rank " << r << ": " << ids[a] << " before " << ids[b];
    }
  }
}

TEST(RankOrder, ValuesAcrossTheWhole64BitRangeAndBeyondAreInSpecOrder) {
  // Totals are 128-bit: values here reach both ends of the 64-bit range
  // (and, in the wide case, one goes past it), differ in every group of
  // bits, and repeat; sizes take the one-thread sort and the two-thread one.
  // The order must be exactly the one a plain sort by SPEC 3.2 gives
  // (highest first, ties by id bytes).
  auto spec_order = [](const std::vector<Int128>& values, const std::vector<std::string>& ids) {
    std::vector<std::uint32_t> order(values.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return values[a] != values[b] ? values[a] > values[b] : ids[a] < ids[b];
    });
    return order;
  };
  const Int128 kMin64 = INT64_MIN, kMax64 = INT64_MAX;
  for (const bool wide : {false, true}) {
    for (const std::size_t n : {std::size_t{5'000}, std::size_t{200'001}}) {
      SCOPED_TRACE(::testing::Message() << (wide ? "wide " : "narrow ") << n);
      std::vector<Int128> values(n);
      std::vector<std::string> ids(n);
      std::uint64_t seed = 977;
      for (std::size_t i = 0; i < n; ++i) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        const std::uint64_t r = seed >> 3;
        switch (seed >> 61) {
          case 0:
            values[i] = kMax64 - static_cast<Int128>(r % 3);
            break;
          case 1:
            values[i] = kMin64 + static_cast<Int128>(r % 3);
            break;
          case 2:
            values[i] = static_cast<Int128>(r % 5) - 2;
            break;  // ties around 0
          case 3:
            values[i] = -static_cast<Int128>(r);
            break;
          default:
            values[i] = static_cast<Int128>(r);
            break;  // every bit varies
        }
        // Unique by the suffix; equal first 8 bytes are common, so ties
        // reach the whole ids.
        ids[i] = "ID" + std::to_string(seed % 100'000) + "#" + std::to_string(i);
      }
      if (wide) values[n / 3] = kMax64 + 1;  // one value past 64 bits
      EXPECT_EQ(rank_order(values, views(ids)), spec_order(values, ids));
    }
  }
}

TEST(TieGroupFirsts, HeaderExample) {
  // {9, 5, 5, 1} -> {0, 1, 1, 3}.
  EXPECT_EQ(tie_group_firsts(values_of({"9", "5", "5", "1"})),
            (std::vector<std::uint32_t>{0, 1, 1, 3}));
}

TEST(TieGroupFirsts, DistinctValuesAreTheirOwnGroup) {
  EXPECT_EQ(tie_group_firsts(values_of({"4", "3", "2", "1"})),
            (std::vector<std::uint32_t>{0, 1, 2, 3}));
}

TEST(TieGroupFirsts, AllEqualValuesFormOneGroup) {
  EXPECT_EQ(tie_group_firsts(values_of({"7", "7", "7"})), (std::vector<std::uint32_t>{0, 0, 0}));
}

TEST(TieGroupFirsts, SeveralGroupsIncludingZerosAndNegatives) {
  // positions: 0:8 1:8 2:3 3:0 4:0 5:0 6:-2 7:-2
  EXPECT_EQ(tie_group_firsts(values_of({"8", "8", "3", "0", "0", "0", "-2", "-2"})),
            (std::vector<std::uint32_t>{0, 0, 2, 3, 3, 3, 6, 6}));
}

TEST(TieGroupFirsts, ValuesOneUnitApartAreDifferentGroups) {
  EXPECT_EQ(tie_group_firsts(values_of({"0.00000002", "0.00000001", "0.00000001"})),
            (std::vector<std::uint32_t>{0, 1, 1}));
}

TEST(TieGroupFirsts, EmptyInputGivesEmptyResult) { EXPECT_TRUE(tie_group_firsts({}).empty()); }

}  // namespace
}  // namespace abcgrade
