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
  // hash_bytes of customer_id when the loader has it already (it hashes ids
  // to pick a worker), else 0: the aggregator then hashes the id itself.
  std::uint64_t id_hash = 0;
  // The input rows it stands for: 1, or more when the loader has joined
  // consecutive lines of one order into it (join_order_line), whose money
  // it then holds the sum of.
  std::uint32_t rows = 1;
};

// Where a row went: into the totals, or outside the window / after as-of.
enum class RowUse { Used, OutsideWindow };

// Receives good rows; implemented by Aggregator and by the as-of finder.
class TransactionSink {
 public:
  virtual ~TransactionSink() = default;
  // Throws Error(kDataErr) when a customer's total would overflow.
  virtual RowUse add(const Transaction& tx) = 0;
  // The same for several rows in input order, uses[i] for txs[i]; on a
  // throw, *done holds how many rows went in before the failing one. Sinks
  // may overlap the rows' memory accesses.
  virtual void add_batch(std::span<const Transaction> txs, std::span<RowUse> uses,
                         std::size_t* done) {
    for (*done = 0; *done < txs.size(); ++*done) uses[*done] = add(txs[*done]);
  }
};

// What the input holds, which decides how totals are formed (SPEC 3.1).
struct AggregateOptions {
  bool has_date = false;
  bool has_order_id = false;
  bool has_profit = false;
  bool has_frequency_column = false;
  bool has_clv_column = false;
  bool has_group = false;  // a --group-by column: Transaction::group may be set
  std::size_t kept_count = 0;
  std::optional<Date> as_of;       // known as-of; none = no row is after it
  std::optional<int> window_days;  // REQUIRES: as_of when set
};

// One customer's totals. The text fields view storage owned by the
// CustomerSet that holds the customer (or, in tests, string literals).
struct ColumnMap;

// What an input's columns say about aggregating it (SPEC 3.1): which
// metrics it has and how many kept columns; as_of and the window are left
// for the caller.
AggregateOptions aggregate_options_for(const ColumnMap& columns);

// Joins `row`, the input row right after those of `into`, into `into` when
// totalling the two as one transaction gives exactly what totalling them
// one after the other gives (SPEC 3.1): the same customer, order, date and
// name, no column whose latest value or sum is kept as given (--keep,
// --group-by, frequency, clv), money that is not negative and a sum within
// the limit. An export lists an order's lines together, and a joined line
// costs neither a lookup nor a visit to its customer's totals. False, and
// nothing changed, otherwise.
bool join_order_line(Transaction& into, const Transaction& row, const AggregateOptions& options);

// Thrown by Aggregator::add() and add_batch() for a joined transaction
// (rows > 1) that would take a total past the limit: which of its rows does
// so is not known from the sum, so the caller adds those rows one by one,
// and the one that passes the limit throws the Error that names it. Nothing
// of the transaction has been added. (Its money is not negative, so no part
// of it passes the limit unless the whole does.)
struct JoinedRowsOverflow {};

struct CustomerTotals {
  std::string_view id;
  std::string_view name;                   // from the latest row with a non-empty name
  std::string_view group;                  // --group-by value from the latest row with one
  std::span<const std::string_view> kept;  // --keep values, likewise
  Decimal amount;                          // in the window
  Decimal profit;                          // in the window
  Decimal clv;                             // up to as-of, window ignored
  std::int64_t frequency = 0;
  std::optional<Date> last_date;  // latest transaction up to as-of (recency)
};

// Customers and the storage their text lives in; movable, never copied, so
// that 1 M customers cost one compact record each (SPEC 6).
struct CustomerSet {
  std::vector<CustomerTotals> customers;
  std::vector<std::shared_ptr<const void>> storage;  // keeps the views valid
};

class Aggregator : public TransactionSink {
 public:
  explicit Aggregator(const AggregateOptions& options);
  ~Aggregator() override;

  RowUse add(const Transaction& tx) override;
  // Looks customers up a batch at a time with prefetching, so that the
  // cache misses of one row overlap those of the next (1 M customers do not
  // fit in any cache).
  void add_batch(std::span<const Transaction> txs, std::span<RowUse> uses,
                 std::size_t* done) override;

  // Every customer with at least one row up to as-of, in no particular order.
  // REQUIRES: called once, after the last add.
  CustomerSet finish();
  // The same, appended to `out` (into its reserved capacity, if any), with
  // this aggregator's per-customer records given back to the system a few
  // MiB at a time as they are copied; so that parts become one table
  // without a second copy of it, on the pages the records had.
  void finish_into(CustomerSet& out);
  // Frees what only adding rows needs (the id index, the order log, once
  // distinct orders are counted), ahead of finish_into(), which otherwise
  // does it itself: the caller of several aggregators frees all of theirs
  // before the table that finish_into() fills takes memory. REQUIRES: no
  // add after it.
  void release_lookups();
  // Customers so far.
  std::size_t customer_count() const;

  // The latest date of any row added (for the default as-of).
  std::optional<Date> latest_date() const;
  // Bytes of names, groups and kept values held so far: at most each
  // customer's longest value per column, however often values change.
  std::size_t text_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace abcgrade
