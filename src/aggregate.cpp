#include "abcgrade/aggregate.hpp"

#include <algorithm>

#include "abcgrade/error.hpp"
#include "string_table.hpp"

namespace abcgrade {
namespace {

// The latest non-empty value of a text column (SPEC 3.1: "from the latest row
// (by date, else by input order) with a non-empty name").
struct LatestText {
  std::string value;
  Date date;
  bool set = false;

  void offer(std::string_view text, Date row_date) {
    if (text.empty() || (set && row_date < date)) return;  // a later row in input order wins ties
    if (!set || text != value) value.assign(text);
    date = row_date;
    set = true;
  }
};

struct Customer {
  Decimal amount, profit, clv;
  std::int64_t count = 0;  // frequency-column sum, or rows in the window
  Date last_date;
  bool dated = false;
  // Distinct orders: the last order key logged for this customer, how many
  // were logged, and whether they came in strictly increasing order (then
  // they are all distinct and need no sort at the end).
  std::uint64_t last_order = 0;
  std::uint32_t orders_logged = 0;
  bool orders_increasing = true;
  LatestText name, group;
  std::vector<LatestText> kept;
};

constexpr std::uint64_t kInternedBit = std::uint64_t{1} << 63;

}  // namespace

struct Aggregator::Impl {
  explicit Impl(const AggregateOptions& o) : options(o) {
    if (o.window_days) window_start = Date{o.as_of->days - *o.window_days};
  }

  [[noreturn]] void overflow(std::uint32_t index, std::string_view what) const {
    throw Error(ExitCode::kDataErr, "customer " + quote_for_message(ids.key_of(index)) + ": the " +
                                        std::string(what) +
                                        " total is too large (the limit is 10^22)");
  }

  void add_money(Decimal& total, Decimal value, std::uint32_t index, std::string_view what) {
    if (!checked_add(total, value, &total)) overflow(index, what);
  }

  // An order id as a 64-bit key: short plain numbers stand for themselves
  // (no table lookup), anything else is interned.
  std::uint64_t order_key(std::string_view id) {
    if (!id.empty() && id.size() <= 18 && (id[0] != '0' || id.size() == 1)) {
      std::uint64_t v = 0;
      std::size_t i = 0;
      for (; i < id.size() && id[i] >= '0' && id[i] <= '9'; ++i)
        v = v * 10 + static_cast<unsigned>(id[i] - '0');
      if (i == id.size()) return v;
    }
    bool inserted;
    return kInternedBit | order_ids.find_or_insert(id, &inserted);
  }

  void count_order(Customer& c, std::uint32_t index, std::string_view order_id) {
    const std::uint64_t key = order_key(order_id);
    if (c.orders_logged != 0 && key == c.last_order) return;  // the same order's next line
    if (c.orders_logged != 0 && key < c.last_order) c.orders_increasing = false;
    c.last_order = key;
    ++c.orders_logged;
    log_customer.push_back(index);
    log_key.push_back(key);
  }

  RowUse add(const Transaction& tx) {
    if (options.has_date) {
      if (options.as_of && tx.date > *options.as_of) return RowUse::OutsideWindow;  // SPEC 3.1
      if (!latest || *latest < tx.date) latest = tx.date;
    }
    bool inserted;
    const std::uint32_t index = ids.find_or_insert(tx.customer_id, &inserted);
    if (inserted) {
      customers.emplace_back();
      customers.back().kept.resize(options.kept_count);
    }
    Customer& c = customers[index];
    c.name.offer(tx.customer_name, tx.date);
    c.group.offer(tx.group, tx.date);
    for (std::size_t k = 0; k < tx.kept.size(); ++k) c.kept[k].offer(tx.kept[k], tx.date);
    if (options.has_date && (!c.dated || c.last_date < tx.date)) {
      c.last_date = tx.date;
      c.dated = true;
    }
    // SPEC 3.1: clv is the clv column, else profit (else amount), up to
    // as-of with the window ignored.
    const Decimal lifetime = options.has_clv_column ? tx.clv
                             : options.has_profit   ? tx.profit
                                                    : tx.amount;
    const bool in_window = !window_start || tx.date > *window_start;
    if (in_window) {
      add_money(c.amount, tx.amount, index, "amount");
      add_money(c.profit, tx.profit, index, "profit");
      const std::int64_t step = options.has_frequency_column ? tx.frequency : 1;
      if (__builtin_add_overflow(c.count, step, &c.count)) overflow(index, "frequency");
      if (options.has_order_id && !options.has_frequency_column) count_order(c, index, tx.order_id);
    }
    add_money(c.clv, lifetime, index, "clv");
    return in_window ? RowUse::Used : RowUse::OutsideWindow;
  }

  // Distinct orders per customer: logged keys are distinct already where
  // they increased; elsewhere sort and count the unique ones.
  std::vector<std::int64_t> distinct_orders() const {
    std::vector<std::int64_t> counts(customers.size(), 0);
    std::vector<std::size_t> start(customers.size() + 1, 0);
    for (std::size_t i = 0; i < customers.size(); ++i) {
      counts[i] = customers[i].orders_logged;
      start[i + 1] = start[i] + (customers[i].orders_increasing ? 0 : customers[i].orders_logged);
    }
    if (start.back() == 0) return counts;
    std::vector<std::uint64_t> keys(start.back());
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t e = 0; e < log_customer.size(); ++e) {
      const std::uint32_t c = log_customer[e];
      if (!customers[c].orders_increasing) keys[fill[c]++] = log_key[e];
    }
    for (std::size_t i = 0; i < customers.size(); ++i) {
      if (customers[i].orders_increasing) continue;
      const auto first = keys.begin() + static_cast<std::ptrdiff_t>(start[i]);
      const auto last = keys.begin() + static_cast<std::ptrdiff_t>(start[i + 1]);
      std::sort(first, last);
      counts[i] = std::unique(first, last) - first;
    }
    return counts;
  }

  std::vector<CustomerTotals> finish() {
    std::vector<std::int64_t> orders;
    if (options.has_order_id && !options.has_frequency_column) orders = distinct_orders();
    log_customer = {};
    log_key = {};
    std::vector<CustomerTotals> out(customers.size());
    for (std::size_t i = 0; i < customers.size(); ++i) {
      Customer& c = customers[i];
      CustomerTotals& t = out[i];
      t.id = ids.key_of(static_cast<std::uint32_t>(i));
      t.name = std::move(c.name.value);
      t.group = std::move(c.group.value);
      for (LatestText& k : c.kept) t.kept.push_back(std::move(k.value));
      t.amount = c.amount;
      t.profit = c.profit;
      t.clv = c.clv;
      t.frequency = orders.empty() ? c.count : orders[i];
      if (c.dated) t.last_date = c.last_date;
    }
    customers = {};
    return out;
  }

  AggregateOptions options;
  std::optional<Date> window_start;  // rows dated on or before it are outside
  std::optional<Date> latest;
  StringTable ids;
  StringTable order_ids;
  std::vector<Customer> customers;
  std::vector<std::uint32_t> log_customer;  // one entry per (customer, order) change
  std::vector<std::uint64_t> log_key;
};

Aggregator::Aggregator(const AggregateOptions& options) : impl_(std::make_unique<Impl>(options)) {}
Aggregator::~Aggregator() = default;
RowUse Aggregator::add(const Transaction& tx) { return impl_->add(tx); }
std::vector<CustomerTotals> Aggregator::finish() { return impl_->finish(); }
std::optional<Date> Aggregator::latest_date() const { return impl_->latest; }

}  // namespace abcgrade
