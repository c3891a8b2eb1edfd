#include "abcgrade/aggregate.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>

#include "abcgrade/error.hpp"
#include "abcgrade/header_map.hpp"
#include "abcgrade/number_text.hpp"
#include "abcgrade/text.hpp"
#include "arena.hpp"
#include "mapped_array.hpp"
#include "page_release.hpp"
#include "string_table.hpp"

namespace abcgrade {
namespace {

constexpr std::uint64_t kInternedBit = std::uint64_t{1} << 63;

// One customer while rows come in, in two cache lines: what every row adds
// to, then what keeps the latest name and the order count current. A row
// touches its customer's record and nothing else at random (the id's hash
// slot aside), and the two lines sit side by side, so that one lookup costs
// two adjacent misses, not four or five scattered ones. The text fields of
// CustomerTotals (ids, names, groups, kept values) are cold while loading
// and are put together only at finish.
//
// The latest name is held here when it is short (nearly all are), so keeping
// it current costs no visit to the text arena; the profile had that visit (a
// memcmp against arena bytes) as its top entry.
struct alignas(64) Running {
  static constexpr std::uint8_t kNameInArena = 0xFF;  // name_size: the name is in arena_names
  static constexpr std::size_t kInlineName = 44;

  // Line 1: the totals.
  Decimal amount;  // in the window
  Decimal profit;  // in the window
  Decimal clv;     // up to as-of, window ignored
  std::int64_t frequency = 0;
  Date last_date;
  bool dated = false, named = false, orders_increasing = true;
  std::uint8_t name_size = 0;  // the latest name's length when inline
  // Line 2: the latest name and the order log.
  Date name_date;
  std::uint32_t orders_logged = 0;
  std::uint64_t last_order = 0;     // the last order key logged
  std::uint32_t name_capacity = 0;  // arena bytes behind arena_names (see store_latest)
  char name_bytes[kInlineName];
};
static_assert(sizeof(Running) == 128);
static_assert(offsetof(Running, name_date) == 64);

// Where the latest value of a --keep or --group-by column stands.
struct LatestText {
  Date date;
  std::uint32_t capacity = 0;  // arena bytes behind the value (see store_latest)
  bool set = false;
};

// The text and storage that outlive the aggregator, inside the CustomerSet.
struct Storage {
  StringTable ids;
  Arena text;                          // names, groups, kept values
  std::vector<std::string_view> kept;  // customers x kept columns
};

}  // namespace

AggregateOptions aggregate_options_for(const ColumnMap& columns) {
  AggregateOptions o;
  o.has_date = columns.has(Role::Date);
  o.has_order_id = columns.has(Role::OrderId);
  o.has_profit = columns.has(Role::Profit);
  o.has_frequency_column = columns.has(Role::Frequency);
  o.has_clv_column = columns.has(Role::Clv);
  o.kept_count = columns.keep.size();
  o.has_group = columns.group != ColumnMap::kAbsent;
  return o;
}

bool join_order_line(Transaction& into, const Transaction& row, const AggregateOptions& options) {
  if (options.has_group || options.kept_count != 0 || options.has_frequency_column ||
      options.has_clv_column || into.rows == UINT32_MAX) {
    return false;
  }
  if (into.date != row.date || !same_text(into.customer_id, row.customer_id) ||
      !same_text(into.order_id, row.order_id) || into.customer_name != row.customer_name) {
    return false;
  }
  if (into.amount.units() < 0 || row.amount.units() < 0 || into.profit.units() < 0 ||
      row.profit.units() < 0) {
    return false;
  }
  Decimal amount, profit;
  if (!checked_add(into.amount, row.amount, &amount) ||
      !checked_add(into.profit, row.profit, &profit)) {
    return false;
  }
  into.amount = amount;
  into.profit = profit;
  ++into.rows;
  return true;
}

struct Aggregator::Impl {
  explicit Impl(const AggregateOptions& o) : options(o), storage(std::make_shared<Storage>()) {
    if (o.window_days) window_start = Date{o.as_of->days - *o.window_days};
  }

  [[noreturn]] void overflow(std::uint32_t index, std::string_view what) const {
    throw Error(ExitCode::kDataErr, "customer " + quote_for_message(storage->ids.key_of(index)) +
                                        ": the " + std::string(what) +
                                        " total is too large (the limit is 10^22)");
  }

  // SPEC 3.1: "from the latest row (by date, else by input order) with a
  // non-empty name": a later row wins a tie on the date.
  void offer(std::string_view& value, LatestText& where, std::string_view text, Date row_date) {
    if (text.empty() || (where.set && row_date < where.date)) return;
    if (!where.set || text != value) store_latest(value, where.capacity, text);
    where.date = row_date;
    where.set = true;
  }

  // Makes `value` hold `text`, in the arena bytes it already has when they
  // are enough: a value that keeps changing (a status column under --keep)
  // then costs its longest length once per customer, not once per row.
  void store_latest(std::string_view& value, std::uint32_t& capacity, std::string_view text) {
    if (text.size() <= capacity) {
      char* bytes = const_cast<char*>(value.data());  // our own arena's bytes
      std::memcpy(bytes, text.data(), text.size());
      value = std::string_view(bytes, text.size());
    } else {
      value = storage->text.store(text);
      capacity = static_cast<std::uint32_t>(text.size());
    }
  }

  // offer() for the name, kept inline in the customer's record while it is
  // short; finish() moves it to the arena. Copying a short name is as cheap
  // as comparing it, so it is copied whenever the row's name wins. A long
  // one lives in arena_names (made only when some name is long), whose bytes
  // stay with the customer when a short name comes in between.
  void offer_name(Running& r, std::uint32_t index, std::string_view text, Date row_date) {
    if (text.empty() || (r.named && row_date < r.name_date)) return;
    if (text.size() <= Running::kInlineName) {
      std::memcpy(r.name_bytes, text.data(), text.size());
      r.name_size = static_cast<std::uint8_t>(text.size());
    } else {
      if (arena_names.size() <= index) arena_names.resize(running.size());
      if (r.name_size != Running::kNameInArena || text != arena_names[index])
        store_latest(arena_names[index], r.name_capacity, text);
      r.name_size = Running::kNameInArena;
    }
    r.name_date = row_date;
    r.named = true;
  }

  // An order id as a 64-bit key: short plain numbers stand for themselves
  // (no table lookup), anything else is interned.
  std::uint64_t order_key(std::string_view id) {
    std::uint64_t v;
    // A leading zero would make "007" and "7" one order.
    if (!id.empty() && (id[0] != '0' || id.size() == 1) && parse_digits(id, &v)) return v;
    bool inserted;
    return kInternedBit | order_ids.find_or_insert(id, &inserted);
  }

  void count_order(Running& r, std::uint32_t index, std::string_view order_id) {
    const std::uint64_t key = order_key(order_id);
    if (r.orders_logged != 0 && key == r.last_order) return;  // the same order's next line
    if (r.orders_increasing && r.orders_logged != 0 && key < r.last_order) {
      r.orders_increasing = false;
      unsorted_entries += r.orders_logged;
    }
    r.last_order = key;
    ++r.orders_logged;
    log_customer.push_back(index);
    log_key.push_back(key);
    if (!r.orders_increasing && ++unsorted_entries >= compact_at) compact_order_log();
  }

  // The entries of customers whose orders came back (not increasing) may
  // repeat: orders whose lines interleave log a pair per line. Now and then
  // they are sorted and repeats dropped, so that the log stays within about
  // twice the distinct (customer, order) pairs, not one entry per row.
  // Increasing customers' entries are distinct already and stay as they are.
  void compact_order_log() {
    std::vector<std::pair<std::uint32_t, std::uint64_t>> pairs;
    pairs.reserve(unsorted_entries);
    std::size_t kept = 0;
    for (std::size_t e = 0; e < log_customer.size(); ++e) {
      const std::uint32_t c = log_customer[e];
      if (running[c].orders_increasing) {
        log_customer[kept] = c;
        log_key[kept] = log_key[e];
        ++kept;
      } else {
        pairs.emplace_back(c, log_key[e]);
      }
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    for (const auto& pair : pairs) running[pair.first].orders_logged = 0;
    for (const auto& [c, key] : pairs) {
      ++running[c].orders_logged;
      log_customer[kept] = c;
      log_key[kept] = key;
      ++kept;
    }
    log_customer.resize(kept);
    log_key.resize(kept);
    unsorted_entries = pairs.size();
    compact_at = std::max(kMinCompaction, 2 * unsorted_entries);
  }

  std::uint32_t customer_index(std::string_view id, std::uint64_t hash) {
    bool inserted;
    const std::uint32_t index = storage->ids.find_or_insert(id, hash, &inserted);
    if (inserted) {
      running.emplace_back();
      if (options.has_group) groups.emplace_back();
      storage->kept.resize(storage->kept.size() + options.kept_count);
      kept_latest.resize(kept_latest.size() + options.kept_count);
      if (options.has_group) group_latest.emplace_back();
    }
    return index;
  }

  // SPEC 3.1: rows dated after as-of count toward nothing (not even to make
  // the customer exist).
  bool after_as_of(const Transaction& tx) const {
    return options.has_date && options.as_of && tx.date > *options.as_of;
  }

  RowUse add(const Transaction& tx) {
    if (after_as_of(tx)) return RowUse::OutsideWindow;
    return add_at(
        customer_index(tx.customer_id, hash_bytes(tx.customer_id.data(), tx.customer_id.size())),
        tx);
  }

  void add_batch(std::span<const Transaction> txs, std::span<RowUse> uses, std::size_t* done) {
    constexpr std::size_t kBatch = 32;
    std::uint64_t hashes[kBatch];
    std::uint32_t indexes[kBatch];
    *done = 0;
    for (std::size_t base = 0; base < txs.size(); base += kBatch) {
      const std::size_t n = std::min(kBatch, txs.size() - base);
      const Transaction* tx = txs.data() + base;
      for (std::size_t i = 0; i < n; ++i) {
        hashes[i] = tx[i].id_hash != 0
                        ? tx[i].id_hash
                        : hash_bytes(tx[i].customer_id.data(), tx[i].customer_id.size());
        storage->ids.prefetch(hashes[i]);
        // The id's and name's bytes sit in a chunk another core may have
        // parsed: ask for them now, while the slots come in.
        __builtin_prefetch(tx[i].customer_id.data());
        __builtin_prefetch(tx[i].customer_name.data());
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (after_as_of(tx[i])) {
          indexes[i] = kNone;
          continue;
        }
        // The lines of one order are usually consecutive: same customer, no lookup.
        if (i > 0 && indexes[i - 1] != kNone && hashes[i] == hashes[i - 1] &&
            same_text(tx[i].customer_id, tx[i - 1].customer_id)) {
          indexes[i] = indexes[i - 1];
          continue;
        }
        indexes[i] = customer_index(tx[i].customer_id, hashes[i]);
        const char* record = reinterpret_cast<const char*>(&running[indexes[i]]);
        __builtin_prefetch(record, 1);
        __builtin_prefetch(record + 64, 1);
      }
      for (std::size_t i = 0; i < n; ++i, ++*done) {
        uses[base + i] = indexes[i] == kNone ? RowUse::OutsideWindow : add_at(indexes[i], tx[i]);
      }
    }
  }

  RowUse add_at(std::uint32_t index, const Transaction& tx) {
    Running& c = running[index];
    // SPEC 3.1: clv is the clv column, else profit (else amount), up to
    // as-of with the window ignored.
    const Decimal lifetime = options.has_clv_column ? tx.clv
                             : options.has_profit   ? tx.profit
                                                    : tx.amount;
    const bool in_window = !window_start || tx.date > *window_start;
    // The totals are worked out before anything changes, so that a row that
    // would take one past the limit changes nothing: a joined transaction
    // (rows > 1) then goes back to the loader, which adds its rows one by
    // one to name the one that passes it (JoinedRowsOverflow).
    Decimal amount = c.amount, profit = c.profit, clv;
    std::int64_t frequency = c.frequency;
    const char* passed = nullptr;  // the total that would pass the limit
    if (in_window) {
      const std::int64_t step = options.has_frequency_column ? tx.frequency : tx.rows;
      if (!checked_add(c.amount, tx.amount, &amount))
        passed = "amount";
      else if (options.has_profit && !checked_add(c.profit, tx.profit, &profit))
        passed = "profit";
      else if (__builtin_add_overflow(c.frequency, step, &frequency))
        passed = "frequency";
    }
    if (passed == nullptr && !checked_add(c.clv, lifetime, &clv)) passed = "clv";
    if (passed != nullptr) {
      if (tx.rows > 1) throw JoinedRowsOverflow{};
      overflow(index, passed);
    }
    if (options.has_date && (!latest || *latest < tx.date)) latest = tx.date;
    offer_name(c, index, tx.customer_name, tx.date);
    if (!tx.group.empty()) offer(groups[index], group_latest[index], tx.group, tx.date);
    for (std::size_t k = 0; k < tx.kept.size(); ++k) {
      const std::size_t at = index * options.kept_count + k;
      offer(storage->kept[at], kept_latest[at], tx.kept[k], tx.date);
    }
    if (options.has_date && (!c.dated || c.last_date < tx.date)) {
      c.last_date = tx.date;
      c.dated = true;
    }
    c.amount = amount;
    c.profit = profit;
    c.frequency = frequency;
    c.clv = clv;
    if (in_window && options.has_order_id && !options.has_frequency_column)
      count_order(c, index, tx.order_id);
    return in_window ? RowUse::Used : RowUse::OutsideWindow;
  }

  // Distinct orders per customer: logged keys are distinct already where
  // they increased; elsewhere sort and count the unique ones.
  void count_distinct_orders() {
    const std::size_t n = running.size();
    std::vector<std::size_t> start(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
      Running& r = running[i];
      r.frequency = r.orders_logged;
      start[i + 1] = start[i] + (r.orders_increasing ? 0 : r.orders_logged);
    }
    if (start.back() == 0) return;
    std::vector<std::uint64_t> keys(start.back());
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t e = 0; e < log_customer.size(); ++e) {
      const std::uint32_t c = log_customer[e];
      if (!running[c].orders_increasing) keys[fill[c]++] = log_key[e];
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (running[i].orders_increasing) continue;
      const auto first = keys.begin() + static_cast<std::ptrdiff_t>(start[i]);
      const auto last = keys.begin() + static_cast<std::ptrdiff_t>(start[i + 1]);
      std::sort(first, last);
      running[i].frequency = std::unique(first, last) - first;
    }
  }

  void release_lookups() {
    if (released) return;
    if (options.has_order_id && !options.has_frequency_column) count_distinct_orders();
    log_customer = {};
    log_key = {};
    kept_latest = {};
    group_latest = {};
    storage->ids.drop_index();
    released = true;  // last: a throw above (out of memory) leaves nothing half done
  }

  void finish_into(CustomerSet& out) {
    release_lookups();
    const std::size_t kept_count = options.kept_count;
    const char* released_to = reinterpret_cast<const char*>(running.data());
    for (std::size_t i = 0; i < running.size(); ++i) {
      if (i % kRecordsPerRelease == 0 && i > 0)
        released_to = release_pages(released_to, reinterpret_cast<const char*>(running.data() + i));
      const Running& r = running[i];
      CustomerTotals c;
      c.id = storage->ids.key_of(static_cast<std::uint32_t>(i));
      if (r.named) {
        c.name = r.name_size == Running::kNameInArena
                     ? arena_names[i]
                     : storage->text.store(std::string_view(r.name_bytes, r.name_size));
      }
      if (options.has_group) c.group = groups[i];
      if (kept_count > 0) {
        c.kept =
            std::span<const std::string_view>(storage->kept).subspan(i * kept_count, kept_count);
      }
      c.amount = r.amount;
      c.profit = r.profit;
      c.clv = r.clv;
      c.frequency = r.frequency;
      if (r.dated) c.last_date = r.last_date;
      out.customers.push_back(c);
    }
    running = {};
    arena_names = {};
    groups = {};
    out.storage.push_back(std::move(storage));
  }

  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  // finish_into() hands the records it has copied back to the system a
  // block at a time (release_pages), so that the table it builds reuses
  // their pages instead of adding its own: 1 M customers' records are
  // 128 MB, and fresh pages cost time as well as memory (page_release.hpp).
  static constexpr std::size_t kRecordsPerRelease = (std::size_t{4} << 20) / sizeof(Running);
  bool released = false;  // release_lookups() done
  AggregateOptions options;
  std::shared_ptr<Storage> storage;
  std::optional<Date> window_start;  // rows dated on or before it are outside
  std::optional<Date> latest;
  StringTable order_ids;
  MappedArray<Running> running;               // per customer, by index
  std::vector<std::string_view> arena_names;  // names too long for Running (see offer_name)
  std::vector<std::string_view> groups;       // per customer, with a group column
  std::vector<LatestText> kept_latest;        // customers x kept columns
  std::vector<LatestText> group_latest;       // per customer, with a group column
  MappedArray<std::uint32_t> log_customer;    // one entry per (customer, order) change
  MappedArray<std::uint64_t> log_key;
  static constexpr std::uint64_t kMinCompaction = std::uint64_t{1} << 20;
  std::uint64_t unsorted_entries = 0;  // log entries of customers not increasing
  std::uint64_t compact_at = kMinCompaction;
};

Aggregator::Aggregator(const AggregateOptions& options) : impl_(std::make_unique<Impl>(options)) {}
Aggregator::~Aggregator() = default;
RowUse Aggregator::add(const Transaction& tx) { return impl_->add(tx); }
void Aggregator::add_batch(std::span<const Transaction> txs, std::span<RowUse> uses,
                           std::size_t* done) {
  impl_->add_batch(txs, uses, done);
}
CustomerSet Aggregator::finish() {
  CustomerSet set;
  set.customers.reserve(impl_->running.size());
  impl_->finish_into(set);
  return set;
}
void Aggregator::finish_into(CustomerSet& out) { impl_->finish_into(out); }
void Aggregator::release_lookups() { impl_->release_lookups(); }
std::size_t Aggregator::customer_count() const { return impl_->running.size(); }
std::optional<Date> Aggregator::latest_date() const { return impl_->latest; }
std::size_t Aggregator::text_bytes() const { return impl_->storage->text.stored(); }

}  // namespace abcgrade
