// Helpers the unit tests share: exact decimals written as text, policy values
// printed readably by gtest, table cells as text and table options.
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "abcgrade/decimal.hpp"
#include "abcgrade/policy.hpp"
#include "abcgrade/table.hpp"

namespace abcgrade {

// Readable failure messages; gtest finds PrintTo by argument-dependent lookup.
inline void PrintTo(const Decimal& d, std::ostream* os) { *os << d.to_shortest(); }
inline void PrintTo(const Cuts& c, std::ostream* os) {
  *os << c.a.to_shortest() << "," << c.b.to_shortest();
}
inline void PrintTo(const Threshold& t, std::ostream* os) {
  *os << name_of(t.metric) << "=" << t.a_min.to_shortest() << "," << t.b_min.to_shortest();
}
inline void PrintTo(const ScoreWeight& w, std::ostream* os) {
  *os << name_of(w.metric) << "=" << w.weight.to_shortest();
}

namespace test {

// "59.97" as a Decimal; the text must be a plain decimal.
inline Decimal dec(const char* text) {
  const std::optional<Decimal> d = Decimal::from_plain(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Decimal());
}

inline Threshold threshold(Metric m, const char* a_min, const char* b_min) {
  return {m, dec(a_min), dec(b_min)};
}

// A cell as text: Null is "<null>", money 2 digits, fractions 6 digits.
inline std::string show(const Cell& cell) {
  switch (cell.type) {
    case Cell::Type::Null:
      return "<null>";
    case Cell::Type::Text:
      return std::string(cell.text);
    case Cell::Type::Integer:
      return std::to_string(cell.integer);
    case Cell::Type::Money:
      return cell.number.to_string(2);
    case Cell::Type::Fraction:
      return cell.number.to_string(6);
  }
  return "?";
}

// Options for an input with a customer_name column (and no profit column).
inline TableOptions options(Method method = Method::Pareto, Metric metric = Metric::Amount) {
  TableOptions o;
  o.policy.method = method;
  o.policy.metric = metric;
  o.has_name = true;
  return o;
}

}  // namespace test
}  // namespace abcgrade
