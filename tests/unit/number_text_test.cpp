#include "abcgrade/decimal.hpp"

#include <gtest/gtest.h>

namespace abcgrade {
namespace {

TEST(NumberText, Placeholder) { EXPECT_EQ(Decimal::from_plain("1.5")->to_string(2), "1.50"); }

}  // namespace
}  // namespace abcgrade
