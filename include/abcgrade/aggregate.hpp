// Transactions -> one CustomerTotals per customer (SPEC 3.1): exact sums,
// frequency (frequency column, distinct order ids, or rows), clv, the latest
// name and kept values, and the window and as-of rules. Memory grows with
// customers and their distinct orders, never with rows; adding a row does not
// allocate unless it brings a new customer, order id or longer name.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/date.hpp"
#include "abcgrade/decimal.hpp"

namespace abcgrade {

// One good input row, already parsed and trimmed. Views are valid only
// during the call that receives it.
struct Transaction {
  std::string_view customer_id;            // non-empty
  std::string_view customer_name;          // may be empty
  std::string_view order_id;               // when the input has an order_id column
  std::string_view group;                  // the --group-by value, may be empty
  std::span<const std::string_view> kept;  // --keep values, in option order
  Decimal amount;
  Decimal profit;              // 0 without a profit column
  Decimal clv;                 // the clv column's value, 0 without one
  std::int64_t frequency = 0;  // the frequency column's value, 0 without one
  Date date;                   // when the input has a date column
};

// Where a row went: into the totals, or outside the window / after as-of.
enum class RowUse { Used, OutsideWindow };

// Receives good rows; implemented by Aggregator and by the as-of finder.
class TransactionSink {
 public:
  virtual ~TransactionSink() = default;
  // Throws Error(kDataErr) when a customer's total would overflow.
  virtual RowUse add(const Transaction& tx) = 0;
};

// What the input holds, which decides how totals are formed (SPEC 3.1).
struct AggregateOptions {
  bool has_date = false;
  bool has_order_id = false;
  bool has_profit = false;
  bool has_frequency_column = false;
  bool has_clv_column = false;
  std::size_t kept_count = 0;
  std::optional<Date> as_of;       // known as-of; none = no row is after it
  std::optional<int> window_days;  // REQUIRES: as_of when set
};

struct CustomerTotals {
  std::string id;
  std::string name;   // from the latest row with a non-empty name
  std::string group;  // --group-by value from the latest row with one
  std::vector<std::string> kept;
  Decimal amount;  // in the window
  Decimal profit;  // in the window
  Decimal clv;     // up to as-of, window ignored
  std::int64_t frequency = 0;
  std::optional<Date> last_date;  // latest transaction up to as-of (recency)
};

class Aggregator : public TransactionSink {
 public:
  explicit Aggregator(const AggregateOptions& options);
  ~Aggregator() override;

  RowUse add(const Transaction& tx) override;

  // Every customer with at least one row up to as-of, in no particular order.
  // REQUIRES: called once, after the last add.
  std::vector<CustomerTotals> finish();

  // The latest date of any row added (for the default as-of).
  std::optional<Date> latest_date() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace abcgrade
