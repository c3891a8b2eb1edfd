// Test helper: two customers' totals compared field by field, for the tests
// that total the same rows two ways (one thread and three; joined lines and
// one by one) and must get the same customers.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "abcgrade/aggregate.hpp"

namespace abcgrade::test {

inline void expect_same_totals(const CustomerTotals& got, const CustomerTotals& want) {
  SCOPED_TRACE("customer " + std::string(want.id));
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.amount, want.amount);
  EXPECT_EQ(got.profit, want.profit);
  EXPECT_EQ(got.clv, want.clv);
  EXPECT_EQ(got.frequency, want.frequency);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.group, want.group);
  EXPECT_TRUE(std::equal(got.kept.begin(), got.kept.end(), want.kept.begin(), want.kept.end()));
  EXPECT_EQ(got.last_date, want.last_date);
}

}  // namespace abcgrade::test
