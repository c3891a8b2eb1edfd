// Transactions -> CustomerTotals (SPEC 3.1): exact sums, frequency, clv, the
// window and as-of, the latest name and kept values, overflow.
#include "abcgrade/aggregate.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "abcgrade/error.hpp"
#include "expect_totals.hpp"

namespace abcgrade {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Decimal dec(const char* text) {
  const std::optional<Decimal> d = Decimal::from_plain(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Decimal());
}

Date day(const char* iso) {
  const ParseResult<Date> d = parse_date(iso);
  EXPECT_TRUE(d.ok()) << iso;
  return d.value;
}

// The exact value as text ("59.97", "-5", "800000").
std::string exact(Decimal d) { return d.to_shortest(); }

// One input row, written as text for readability.
struct Row {
  std::string id;
  std::string amount = "0";
  std::string date = "2024-01-01";
  std::string name{};
  std::string order{};
  std::string group{};
  std::string profit = "0";
  std::string clv = "0";
  std::int64_t frequency = 0;
  std::vector<std::string> kept{};
};

class Totals {
 public:
  explicit Totals(const AggregateOptions& options) : aggregator_(options) {}

  RowUse add(const Row& r) {
    std::vector<std::string_view> kept(r.kept.begin(), r.kept.end());
    Transaction tx;
    tx.customer_id = r.id;
    tx.customer_name = r.name;
    tx.order_id = r.order;
    tx.group = r.group;
    tx.kept = kept;
    tx.amount = dec(r.amount.c_str());
    tx.profit = dec(r.profit.c_str());
    tx.clv = dec(r.clv.c_str());
    tx.frequency = r.frequency;
    tx.date = day(r.date.c_str());
    return aggregator_.add(tx);
  }
  void add_all(const std::vector<Row>& rows) {
    for (const Row& r : rows) add(r);
  }

  // The totals sorted by customer id.
  // Their text stays valid while this object lives.
  std::vector<CustomerTotals> finish() {
    result_ = aggregator_.finish();
    std::vector<CustomerTotals> out = result_.customers;
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
  }
  Aggregator& aggregator() { return aggregator_; }

 private:
  Aggregator aggregator_;
  CustomerSet result_;
};

AggregateOptions dated(const char* as_of = nullptr, std::optional<int> window_days = {}) {
  AggregateOptions o;
  o.has_date = true;
  if (as_of != nullptr) o.as_of = day(as_of);
  o.window_days = window_days;
  return o;
}

// ------------------------------------------------------------------ amounts

TEST(Aggregator, AmountsThatAddUpToExactly500000Are500000) {
  // 166666.67 + 166666.67 + 166666.66 = 500000.00; and 0.10 + 0.20 = 0.30,
  // which binary floating point gets wrong.
  Totals t{AggregateOptions{}};
  t.add_all({{.id = "C1", .amount = "166666.67"},
             {.id = "C1", .amount = "166666.67"},
             {.id = "C1", .amount = "166666.66"},
             {.id = "C2", .amount = "0.10"},
             {.id = "C2", .amount = "0.20"}});
  const auto c = t.finish();
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].amount, dec("500000.00"));
  EXPECT_EQ(c[0].amount.to_string(2), "500000.00");
  EXPECT_EQ(c[1].amount, dec("0.3"));
}

TEST(Aggregator, ManySmallAmountsSumExactly) {
  // 0.05 has no exact binary form: 100 000 x 0.05 = 5000 exactly.
  Totals t{AggregateOptions{}};
  for (int i = 0; i < 100000; ++i) t.add({.id = "C1", .amount = "0.05"});
  const auto c = t.finish();
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(exact(c[0].amount), "5000");
}

TEST(Aggregator, ReturnsNetOut) {
  // 100.00 - 30.50 + 20 = 89.50; a customer whose return cancels out is 0.
  Totals t{AggregateOptions{}};
  t.add_all({{.id = "C1", .amount = "100.00"},
             {.id = "C1", .amount = "-30.50"},
             {.id = "C1", .amount = "20"},
             {.id = "C2", .amount = "15"},
             {.id = "C2", .amount = "-15"}});
  const auto c = t.finish();
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(exact(c[0].amount), "89.5");
  EXPECT_TRUE(c[1].amount.is_zero());
  EXPECT_EQ(c[1].frequency, 2);  // two rows, whatever their sign
}

TEST(Aggregator, CustomersAreKeyedByIdExactly) {
  Totals t{AggregateOptions{}};
  t.add_all(
      {{.id = "c1", .amount = "1"}, {.id = "C1", .amount = "2"}, {.id = "C1", .amount = "3"}});
  const auto c = t.finish();
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].id, "C1");
  EXPECT_EQ(exact(c[0].amount), "5");
  EXPECT_EQ(c[1].id, "c1");
  EXPECT_EQ(exact(c[1].amount), "1");
}

TEST(Aggregator, OverflowOfACustomerTotalIsDataErrorNamingTheCustomer) {
  // 6e21 + 6e21 = 1.2e22, beyond the 10^22 limit of Decimal.
  Totals t{AggregateOptions{}};
  t.add({.id = "BIG", .amount = "6000000000000000000000"});
  try {
    t.add({.id = "BIG", .amount = "6000000000000000000000"});
    FAIL() << "no Error thrown";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kDataErr);
    EXPECT_THAT(e.what(), HasSubstr("customer \"BIG\": the amount total is too large"));
  }
}

// Each total that would pass the limit is named: profit, then the clv
// column's (with amount and profit small).
TEST(Aggregator, ProfitAndClvOverflowsNameTheirTotal) {
  AggregateOptions o;
  o.has_profit = true;
  Totals profit{o};
  profit.add({.id = "P", .amount = "1", .profit = "9000000000000000000000"});
  o.has_clv_column = true;
  Totals clv{o};
  clv.add({.id = "V", .amount = "1", .clv = "9000000000000000000000"});
  for (auto [totals, row, named] :
       {std::tuple{&profit, Row{.id = "P", .amount = "1", .profit = "9000000000000000000000"},
                   "customer \"P\": the profit total is too large"},
        std::tuple{&clv, Row{.id = "V", .amount = "1", .clv = "9000000000000000000000"},
                   "customer \"V\": the clv total is too large"}}) {
    try {
      totals->add(row);
      ADD_FAILURE() << "no Error thrown for " << named;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::kDataErr);
      EXPECT_THAT(e.what(), HasSubstr(named));
    }
  }
}

// ---------------------------------------------------------------- frequency

TEST(Aggregator, FrequencyIsTheNumberOfRowsWithoutOrderIds) {
  Totals t{AggregateOptions{}};
  t.add_all(
      {{.id = "C1", .amount = "1"}, {.id = "C1", .amount = "2"}, {.id = "C1", .amount = "3"}});
  EXPECT_EQ(t.finish()[0].frequency, 3);
}

TEST(Aggregator, ConsecutiveLinesOfOneOrderCountOnce) {
  AggregateOptions o;
  o.has_order_id = true;
  Totals t{o};
  // Orders 1001 (three lines), 1002 (one line): 2.
  t.add_all({{.id = "C1", .amount = "1", .order = "1001"},
             {.id = "C1", .amount = "1", .order = "1001"},
             {.id = "C1", .amount = "1", .order = "1001"},
             {.id = "C1", .amount = "1", .order = "1002"}});
  const auto c = t.finish();
  EXPECT_EQ(c[0].frequency, 2);
  EXPECT_EQ(exact(c[0].amount), "4");
}

TEST(Aggregator, AnOrderThatComesBackLaterCountsOnce) {
  AggregateOptions o;
  o.has_order_id = true;
  Totals t{o};
  // Numeric ids 7, 3, 7, 5 -> {3, 5, 7}; text ids B, A, B -> {A, B}.
  t.add_all({{.id = "N", .order = "7"},
             {.id = "N", .order = "3"},
             {.id = "N", .order = "7"},
             {.id = "N", .order = "5"},
             {.id = "T", .order = "INV-B"},
             {.id = "T", .order = "INV-A"},
             {.id = "T", .order = "INV-B"}});
  const auto c = t.finish();
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].id, "N");
  EXPECT_EQ(c[0].frequency, 3);
  EXPECT_EQ(c[1].frequency, 2);
}

TEST(Aggregator, AnIncreasingOrderThatComesBackCountsOnce) {
  AggregateOptions o;
  o.has_order_id = true;
  Totals t{o};
  // 1, 2, 3, then 2 again: {1, 2, 3}.
  t.add_all({{.id = "C", .order = "1"},
             {.id = "C", .order = "2"},
             {.id = "C", .order = "3"},
             {.id = "C", .order = "2"}});
  EXPECT_EQ(t.finish()[0].frequency, 3);
}

TEST(Aggregator, InterleavedOrdersOfTwoCustomers) {
  AggregateOptions o;
  o.has_order_id = true;
  Totals t{o};
  // C1: o1, o1, o3 -> 2 orders. C2: o2, o2 -> 1 order.
  t.add_all({{.id = "C1", .order = "o1"},
             {.id = "C2", .order = "o2"},
             {.id = "C1", .order = "o1"},
             {.id = "C2", .order = "o2"},
             {.id = "C1", .order = "o3"}});
  const auto c = t.finish();
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].frequency, 2);
  EXPECT_EQ(c[1].frequency, 1);
}

// Orders whose lines interleave log a (customer, order) pair per line; the
// log is compacted now and then (past 2^20 such entries) so that it stays
// bounded by the distinct pairs (SPEC 6). Counts must stay exact through
// every compaction: checked against a set per customer, over 3 M rows that
// compact several times, with numeric and interned order ids, and one
// customer whose orders only increase (never compacted).
TEST(Aggregator, DistinctOrdersStayExactWhenTheLogIsCompacted) {
  AggregateOptions o;
  o.has_order_id = true;
  Aggregator aggregator(o);
  std::vector<std::set<std::string>> expected(8);
  std::mt19937 random(7);
  Transaction tx;
  std::string id, order;
  std::uint64_t increasing = 0;
  for (int row = 0; row < 3000000; ++row) {
    const std::size_t c = random() % 8;
    id = "C" + std::to_string(c);
    if (c == 7) {
      increasing += 1 + random() % 3;
      order = std::to_string(increasing);
    } else {
      const std::uint64_t k = random() % 60;
      order = (k % 2 == 0 ? "" : "X") +
              std::to_string(k + 1);  // no 0: it is what an unfilled key would read as
    }
    expected[c].insert(order);
    tx.customer_id = id;
    tx.order_id = order;
    aggregator.add(tx);
  }
  CustomerSet set = aggregator.finish();
  ASSERT_EQ(set.customers.size(), 8u);
  for (const CustomerTotals& c : set.customers) {
    const std::size_t n = static_cast<std::size_t>(c.id[1] - '0');
    EXPECT_EQ(c.frequency, static_cast<std::int64_t>(expected[n].size())) << c.id;
  }
}

// Finishing hands the copied records back to the system a block at a time
// (4 MiB, 32,768 customers), so that the table reuses their pages: enough
// customers for several blocks and a part block, each of whose totals,
// order count, date and name (inline or long) must arrive whole. Lookups
// are released first, as the pipeline does with several workers.
TEST(Aggregator, EveryCustomerArrivesWholeAfterLookupsAndRecordsAreReleased) {
  AggregateOptions o = dated();
  o.has_order_id = true;
  Aggregator aggregator(o);
  constexpr int kCustomers = 100003;
  const std::string long_tail(60, 'x');  // longer than a record holds inline
  auto name_of = [&](int c) {
    return "name " + std::to_string(c) + (c % 1000 == 0 ? long_tail : std::string());
  };
  Transaction tx;
  std::string id, name, order;
  for (int pass = 0; pass < 2; ++pass) {
    for (int c = 0; c < kCustomers; ++c) {
      id = "C" + std::to_string(c);
      name = name_of(c);
      order = std::to_string(2 * c + pass + 1);  // two distinct orders each
      tx.customer_id = id;
      tx.customer_name = name;
      tx.order_id = order;
      tx.amount = Decimal::from_int(c + pass);
      tx.date = Date{20000 + c % 365 + pass};
      aggregator.add(tx);
    }
  }
  aggregator.release_lookups();
  CustomerSet set;
  aggregator.finish_into(set);
  ASSERT_EQ(set.customers.size(), static_cast<std::size_t>(kCustomers));
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < set.customers.size(); ++i) {
    const CustomerTotals& t = set.customers[i];
    const int c = static_cast<int>(i);  // first-seen order
    if (t.id != "C" + std::to_string(c) || t.name != name_of(c) ||
        t.amount != Decimal::from_int(2 * c + 1) || t.frequency != 2 ||
        t.last_date != Date{20000 + c % 365 + 1}) {
      ++wrong;
    }
  }
  EXPECT_EQ(wrong, 0u);
}

TEST(Aggregator, OrderIdsAreDistinctAsTextNotAsNumbers) {
  AggregateOptions o;
  o.has_order_id = true;
  Totals t{o};
  // "1", "01", "001" and "1.0" are four different order_id values.
  t.add_all({{.id = "C", .order = "1"},
             {.id = "C", .order = "01"},
             {.id = "C", .order = "001"},
             {.id = "C", .order = "1.0"},
             {.id = "C", .order = "01"}});
  EXPECT_EQ(t.finish()[0].frequency, 4);
}

TEST(Aggregator, OneOrderIdSharedByTwoCustomersCountsForEach) {
  AggregateOptions o;
  o.has_order_id = true;
  Totals t{o};
  t.add_all({{.id = "A", .order = "X"}, {.id = "B", .order = "X"}});
  const auto c = t.finish();
  EXPECT_EQ(c[0].frequency, 1);
  EXPECT_EQ(c[1].frequency, 1);
}

TEST(Aggregator, FrequencyColumnIsSummedEvenWithOrderIds) {
  AggregateOptions o;
  o.has_frequency_column = true;
  o.has_order_id = true;
  Totals t{o};
  // 5 + 7 = 12 (the frequency column wins over counting order ids).
  t.add_all(
      {{.id = "C1", .order = "A", .frequency = 5}, {.id = "C1", .order = "A", .frequency = 7}});
  EXPECT_EQ(t.finish()[0].frequency, 12);
}

TEST(Aggregator, OnlyOrdersInTheWindowCount) {
  AggregateOptions o = dated("2024-03-31", 30);
  o.has_order_id = true;
  Totals t{o};
  // Window (2024-03-01, 2024-03-31]: order A (02-15) is before it, B and C in it,
  // D (04-01) after as-of.
  t.add_all({{.id = "C", .date = "2024-02-15", .order = "A"},
             {.id = "C", .date = "2024-03-10", .order = "B"},
             {.id = "C", .date = "2024-03-11", .order = "C"},
             {.id = "C", .date = "2024-04-01", .order = "D"}});
  EXPECT_EQ(t.finish()[0].frequency, 2);
}

// --------------------------------------------------------------------- clv

TEST(Aggregator, ClvIsTheSumOfTheClvColumn) {
  AggregateOptions o;
  o.has_clv_column = true;
  o.has_profit = true;
  Totals t{o};
  t.add_all({{.id = "C", .amount = "10", .profit = "3", .clv = "1000.25"},
             {.id = "C", .amount = "10", .profit = "3", .clv = "0.75"}});
  const auto c = t.finish();
  EXPECT_EQ(exact(c[0].clv), "1001");
  EXPECT_EQ(exact(c[0].profit), "6");
}

TEST(Aggregator, ClvIsProfitOverAllRowsUpToAsOfIgnoringTheWindow) {
  AggregateOptions o = dated("2024-03-31", 30);
  o.has_profit = true;
  Totals t{o};
  // Before the window: amount 100, profit 10. Inside: amount 50, profit 5.
  // After as-of: profit 1000, counts for nothing. clv = 10 + 5 = 15.
  t.add_all({{.id = "C", .amount = "100", .date = "2024-01-15", .profit = "10"},
             {.id = "C", .amount = "50", .date = "2024-03-15", .profit = "5"},
             {.id = "C", .amount = "999", .date = "2024-04-01", .profit = "1000"}});
  const auto c = t.finish();
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(exact(c[0].amount), "50");
  EXPECT_EQ(exact(c[0].profit), "5");
  EXPECT_EQ(exact(c[0].clv), "15");
  EXPECT_EQ(c[0].frequency, 1);
}

TEST(Aggregator, ClvIsAmountOverAllRowsUpToAsOfWithoutProfit) {
  Totals t{dated("2024-03-31", 30)};
  // Before the window 100, inside 50, after as-of 999: clv = 150.
  t.add_all({{.id = "C", .amount = "100", .date = "2024-01-15"},
             {.id = "C", .amount = "50", .date = "2024-03-15"},
             {.id = "C", .amount = "999", .date = "2024-04-01"}});
  const auto c = t.finish();
  EXPECT_EQ(exact(c[0].amount), "50");
  EXPECT_EQ(exact(c[0].clv), "150");
  EXPECT_TRUE(c[0].profit.is_zero());
}

TEST(Aggregator, ClvWithoutDatesIsTheAmountOfEveryRow) {
  Totals t{AggregateOptions{}};
  t.add_all({{.id = "C", .amount = "10"}, {.id = "C", .amount = "-4"}});
  EXPECT_EQ(exact(t.finish()[0].clv), "6");
}

// ------------------------------------------------------------ window, as-of

TEST(Aggregator, WindowStartDayIsOutsideAndTheNextDayInside) {
  // as-of 2024-03-31, 30 days: (2024-03-01, 2024-03-31].
  Totals t{dated("2024-03-31", 30)};
  EXPECT_EQ(t.add({.id = "OUT", .amount = "1", .date = "2024-03-01"}), RowUse::OutsideWindow);
  EXPECT_EQ(t.add({.id = "IN", .amount = "2", .date = "2024-03-02"}), RowUse::Used);
  EXPECT_EQ(t.add({.id = "END", .amount = "3", .date = "2024-03-31"}), RowUse::Used);
  const auto c = t.finish();
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].id, "END");
  EXPECT_EQ(exact(c[0].amount), "3");
  EXPECT_EQ(c[1].id, "IN");
  EXPECT_EQ(exact(c[1].amount), "2");
  EXPECT_EQ(c[2].id, "OUT");
  EXPECT_TRUE(c[2].amount.is_zero());
}

TEST(Aggregator, WindowAcrossALeapDay) {
  // as-of 2024-03-01, 2 days: (2024-02-28, 2024-03-01] holds 02-29.
  Totals t{dated("2024-03-01", 2)};
  EXPECT_EQ(t.add({.id = "A", .date = "2024-02-28"}), RowUse::OutsideWindow);
  EXPECT_EQ(t.add({.id = "A", .date = "2024-02-29"}), RowUse::Used);
}

TEST(Aggregator, RowsAfterAsOfCountTowardNothing) {
  Totals t{dated("2024-03-31")};
  EXPECT_EQ(t.add({.id = "LATE", .amount = "500", .date = "2024-04-01", .name = "Late"}),
            RowUse::OutsideWindow);
  EXPECT_EQ(t.add({.id = "ON", .amount = "5", .date = "2024-03-31"}), RowUse::Used);
  EXPECT_EQ(t.add({.id = "ON", .amount = "7", .date = "2024-05-01", .name = "Future"}),
            RowUse::OutsideWindow);
  const auto c = t.finish();
  ASSERT_EQ(c.size(), 1u);  // LATE has no row up to as-of: absent
  EXPECT_EQ(c[0].id, "ON");
  EXPECT_EQ(exact(c[0].amount), "5");
  EXPECT_EQ(exact(c[0].clv), "5");
  EXPECT_EQ(c[0].frequency, 1);
  EXPECT_EQ(c[0].name, "");  // the name of a row after as-of is not taken
  ASSERT_TRUE(c[0].last_date.has_value());
  EXPECT_EQ(*c[0].last_date, day("2024-03-31"));
}

TEST(Aggregator, LapsedCustomerIsPresentWithZerosButItsClv) {
  AggregateOptions o = dated("2024-03-31", 30);
  o.has_profit = true;
  o.has_order_id = true;
  Totals t{o};
  // Every row of L is before the window: amount, frequency, profit 0, clv 7 + 8.
  t.add_all({{.id = "L", .amount = "100", .date = "2023-12-01", .order = "1", .profit = "7"},
             {.id = "L", .amount = "200", .date = "2024-02-01", .order = "2", .profit = "8"},
             {.id = "X", .amount = "1", .date = "2024-03-20", .order = "3", .profit = "1"}});
  const auto c = t.finish();
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].id, "L");
  EXPECT_TRUE(c[0].amount.is_zero());
  EXPECT_TRUE(c[0].profit.is_zero());
  EXPECT_EQ(c[0].frequency, 0);
  EXPECT_EQ(exact(c[0].clv), "15");
  ASSERT_TRUE(c[0].last_date.has_value());
  EXPECT_EQ(*c[0].last_date, day("2024-02-01"));
}

TEST(Aggregator, LatestDateIsTheLatestRowAdded) {
  Totals t{dated()};
  t.add_all({{.id = "A", .date = "2024-02-01"},
             {.id = "B", .date = "2024-03-05"},
             {.id = "A", .date = "2024-01-01"}});
  ASSERT_TRUE(t.aggregator().latest_date().has_value());
  EXPECT_EQ(*t.aggregator().latest_date(), day("2024-03-05"));
  const auto c = t.finish();
  EXPECT_EQ(*c[0].last_date, day("2024-02-01"));
  EXPECT_EQ(*c[1].last_date, day("2024-03-05"));
}

// ------------------------------------------------------------- name, kept

TEST(Aggregator, NameComesFromTheLatestDatedRowWithAName) {
  Totals t{dated()};
  // By date: 03-05 "Bob New" is latest with a name; the 03-09 row has none,
  // the 03-01 row comes later in input but is older.
  t.add_all({{.id = "B", .date = "2024-03-05", .name = "Bob New"},
             {.id = "B", .date = "2024-03-09", .name = ""},
             {.id = "B", .date = "2024-03-01", .name = "Bob Old"}});
  EXPECT_EQ(t.finish()[0].name, "Bob New");
}

TEST(Aggregator, NameTieOnDateGoesToTheLaterInputRow) {
  Totals t{dated()};
  t.add_all({{.id = "B", .date = "2024-03-05", .name = "First"},
             {.id = "B", .date = "2024-03-05", .name = "Second"},
             {.id = "B", .date = "2024-03-04", .name = "Older"}});
  EXPECT_EQ(t.finish()[0].name, "Second");
}

TEST(Aggregator, NameWithoutDatesIsFromTheLastInputRowWithOne) {
  Totals t{AggregateOptions{}};
  t.add_all({{.id = "B", .name = "One"}, {.id = "B", .name = "Two"}, {.id = "B", .name = ""}});
  EXPECT_EQ(t.finish()[0].name, "Two");
}

TEST(Aggregator, NameOfARowBeforeTheWindowStillCounts) {
  Totals t{dated("2024-03-31", 30)};
  t.add_all({{.id = "B", .date = "2024-01-01", .name = "Lapsed Name"},
             {.id = "B", .date = "2024-03-20", .name = ""}});
  EXPECT_EQ(t.finish()[0].name, "Lapsed Name");
}

// Short names are held beside the customer's totals and long ones in the
// text arena (the cut is 40 bytes); the rule must not care which.
TEST(Aggregator, LongAndShortNamesReplaceEachOtherByDate) {
  const std::string long_name(60, 'L');
  const std::string at_cut(40, 'c');
  const std::string past_cut(41, 'p');
  const std::string zh = "上海市浦东新区某某国际贸易有限公司华东分公司";  // 66 bytes of UTF-8
  Totals t{dated()};
  t.add_all({{.id = "A", .date = "2024-01-01", .name = long_name},
             {.id = "A", .date = "2024-01-02", .name = "Short"},
             {.id = "B", .date = "2024-01-01", .name = "Short"},
             {.id = "B", .date = "2024-01-02", .name = long_name},
             {.id = "B", .date = "2024-01-01", .name = "Older"},
             {.id = "C", .date = "2024-01-03", .name = past_cut},
             {.id = "C", .date = "2024-01-03", .name = at_cut},
             {.id = "D", .date = "2024-01-03", .name = at_cut},
             {.id = "D", .date = "2024-01-03", .name = past_cut},
             {.id = "E", .date = "2024-01-01", .name = zh},
             {.id = "E", .date = "2024-01-01", .name = long_name},
             {.id = "E", .date = "2024-01-01", .name = zh}});
  const std::vector<CustomerTotals> c = t.finish();
  ASSERT_EQ(c.size(), 5u);
  EXPECT_EQ(c[0].name, "Short");
  EXPECT_EQ(c[1].name, long_name);
  EXPECT_EQ(c[2].name, at_cut);    // the later row on a tie
  EXPECT_EQ(c[3].name, past_cut);  // likewise
  EXPECT_EQ(c[4].name, zh);        // back to an earlier long name
}

TEST(Aggregator, KeptColumnsEachTakeTheirLatestNonEmptyValue) {
  AggregateOptions o = dated();
  o.kept_count = 2;
  Totals t{o};
  // Region: latest non-empty is "North" (03-01; 03-02 is empty).
  // Tier: latest non-empty is "Silver" (03-02); the 02-01 row is older.
  t.add_all({{.id = "K", .date = "2024-03-01", .kept = {"North", "Gold"}},
             {.id = "K", .date = "2024-03-02", .kept = {"", "Silver"}},
             {.id = "K", .date = "2024-02-01", .kept = {"South", "Bronze"}}});
  const auto c = t.finish();
  EXPECT_THAT(c[0].kept, ElementsAre("North", "Silver"));
}

// SPEC 6: memory grows with customers, not rows. A kept value, a group or
// a long name that changes on every row is overwritten where it is, so the
// text held is each customer's longest value per column, not one copy per row.
TEST(Aggregator, ValuesThatChangeEveryRowDoNotAccumulate) {
  AggregateOptions o = dated();
  o.kept_count = 1;
  o.has_group = true;
  Totals t{o};
  const std::string long_a(100, 'a'), long_b(60, 'b');
  const std::string group_a(30, 'g'), group_b(20, 'h');
  const std::string name_a(50, 'N'), name_b(45, 'M');  // past the inline cut: in the arena
  for (int i = 0; i < 10000; ++i) {
    const bool even = i % 2 == 0;
    t.add({.id = "C",
           .name = even ? name_a : name_b,
           .group = even ? group_a : group_b,
           .kept = {even ? long_a : long_b}});
  }
  EXPECT_LE(t.aggregator().text_bytes(), 100u + 50u + 30u);
  const std::vector<CustomerTotals> c = t.finish();
  EXPECT_EQ(c[0].name, name_b);  // the last row's, all on one date
  EXPECT_EQ(c[0].kept[0], long_b);
  EXPECT_EQ(c[0].group, group_b);
}

TEST(Aggregator, KeptColumnsStayEmptyWhenNoRowHasAValue) {
  AggregateOptions o;
  o.kept_count = 1;
  Totals t{o};
  t.add({.id = "K", .kept = {""}});
  EXPECT_THAT(t.finish()[0].kept, ElementsAre(""));
}

// ------------------------------------------------- lines of one order, joined

Transaction line(std::string_view id, std::string_view order, const char* date, const char* amount,
                 const char* profit = "0", std::string_view name = "N") {
  Transaction tx;
  tx.customer_id = id;
  tx.order_id = order;
  tx.customer_name = name;
  tx.date = day(date);
  tx.amount = dec(amount);
  tx.profit = dec(profit);
  return tx;
}

AggregateOptions with_orders() {
  AggregateOptions o = dated();
  o.has_order_id = true;
  o.has_profit = true;
  return o;
}

TEST(JoinOrderLine, JoinsTheNextLineOfTheSameOrder) {
  Transaction into = line("C1", "O1", "2024-03-10", "10.50", "1");
  ASSERT_TRUE(join_order_line(into, line("C1", "O1", "2024-03-10", "4.25", "2"), with_orders()));
  ASSERT_TRUE(join_order_line(into, line("C1", "O1", "2024-03-10", "0.25"), with_orders()));
  EXPECT_EQ(exact(into.amount), "15");
  EXPECT_EQ(exact(into.profit), "3");
  EXPECT_EQ(into.rows, 3u);
}

TEST(JoinOrderLine, KeepsApartWhatWouldTotalDifferently) {
  auto options = [](auto change) {
    AggregateOptions o = with_orders();
    change(o);
    return o;
  };
  const AggregateOptions plain = with_orders();
  struct Case {
    const char* why;
    Transaction next;
    AggregateOptions options;
  };
  const Case cases[] = {
      {"another customer", line("C2", "O1", "2024-03-10", "1"), plain},
      {"another order", line("C1", "O2", "2024-03-10", "1"), plain},
      {"another date", line("C1", "O1", "2024-03-11", "1"), plain},
      {"another name", line("C1", "O1", "2024-03-10", "1", "0", "M"), plain},
      {"no name", line("C1", "O1", "2024-03-10", "1", "0", ""), plain},
      {"a return", line("C1", "O1", "2024-03-10", "-1"), plain},
      {"a loss", line("C1", "O1", "2024-03-10", "1", "-0.01"), plain},
      {"a sum past the limit", line("C1", "O1", "2024-03-10", "9999999999999999999999"), plain},
      {"a group column", line("C1", "O1", "2024-03-10", "1"),
       options([](AggregateOptions& o) { o.has_group = true; })},
      {"a kept column", line("C1", "O1", "2024-03-10", "1"),
       options([](AggregateOptions& o) { o.kept_count = 1; })},
      {"a frequency column", line("C1", "O1", "2024-03-10", "1"),
       options([](AggregateOptions& o) { o.has_frequency_column = true; })},
      {"a clv column", line("C1", "O1", "2024-03-10", "1"),
       options([](AggregateOptions& o) { o.has_clv_column = true; })},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    Transaction into = line("C1", "O1", "2024-03-10", "5", "1");
    EXPECT_FALSE(join_order_line(into, c.next, c.options));
    EXPECT_EQ(exact(into.amount), "5");
    EXPECT_EQ(exact(into.profit), "1");
    EXPECT_EQ(into.rows, 1u);
  }
  Transaction negative = line("C1", "O1", "2024-03-10", "-5");
  EXPECT_FALSE(join_order_line(negative, line("C1", "O1", "2024-03-10", "1"), plain));
}

// Joining, then totalling, gives what totalling every row gives: random
// rows of few customers, orders, dates and names, with and without order
// ids and a window.
TEST(Aggregator, JoinedLinesTotalAsTheirRowsOneByOne) {
  std::mt19937 rng(1125);
  const char* dates[] = {"2024-03-01", "2024-03-01", "2024-03-20", "2024-03-31"};
  const char* amounts[] = {"0.01", "2.50", "100", "0", "-3"};
  const char* ids[] = {"C1", "C2", "C3"};
  const char* orders[] = {"1", "1", "2", "x9"};
  const char* names[] = {"A", "A", "B", ""};
  for (bool orders_column : {true, false}) {
    for (std::optional<int> window : {std::optional<int>{}, std::optional<int>{10}}) {
      AggregateOptions o = dated("2024-03-31", window);
      o.has_order_id = orders_column;
      o.has_profit = true;
      std::vector<Transaction> rows;
      for (int i = 0; i < 2000; ++i) {
        Transaction tx =
            line(ids[rng() % 3], orders_column ? orders[rng() % 4] : "", dates[rng() % 4],
                 amounts[rng() % 5], amounts[rng() % 5], names[rng() % 4]);
        if (!rows.empty() && rng() % 2 == 0) {  // mostly a next line of the same order
          const Transaction& previous = rows.back();
          tx = line(previous.customer_id, previous.order_id, "2024-03-01", amounts[rng() % 5],
                    amounts[rng() % 5], previous.customer_name);
          tx.date = previous.date;
        }
        rows.push_back(tx);
      }
      Aggregator one_by_one(o), joined(o);
      std::size_t used_rows = 0, used_joined = 0;
      for (const Transaction& tx : rows) used_rows += one_by_one.add(tx) == RowUse::Used;
      std::vector<Transaction> merged;
      for (const Transaction& tx : rows) {
        if (merged.empty() || !join_order_line(merged.back(), tx, o)) merged.push_back(tx);
      }
      ASSERT_LT(merged.size(), rows.size() * 8 / 10) << "too few joins to test anything";
      for (const Transaction& tx : merged)
        used_joined += joined.add(tx) == RowUse::Used ? tx.rows : 0;
      EXPECT_EQ(used_joined, used_rows);
      CustomerSet a = one_by_one.finish(), b = joined.finish();
      ASSERT_EQ(a.customers.size(), b.customers.size());
      for (std::size_t i = 0; i < a.customers.size(); ++i)
        test::expect_same_totals(b.customers[i], a.customers[i]);
    }
  }
}

TEST(Aggregator, JoinedLinesPastTheLimitAddNothing) {
  // 5e21, then an order of 3e21 + 3e21: the whole passes 10^22, so the
  // caller must add the lines one by one to learn which one passes it.
  Aggregator a(with_orders());
  a.add(line("BIG", "O1", "2024-03-01", "5000000000000000000000"));
  Transaction order = line("BIG", "O2", "2024-03-02", "3000000000000000000000");
  ASSERT_TRUE(join_order_line(order, line("BIG", "O2", "2024-03-02", "3000000000000000000000"),
                              with_orders()));
  EXPECT_THROW(a.add(order), JoinedRowsOverflow);
  const CustomerSet set = a.finish();
  ASSERT_EQ(set.customers.size(), 1u);
  EXPECT_EQ(exact(set.customers[0].amount), "5000000000000000000000");
  EXPECT_EQ(set.customers[0].frequency, 1);
  EXPECT_EQ(set.customers[0].last_date, day("2024-03-01"));
}

}  // namespace
}  // namespace abcgrade
