#include "abcgrade/loader.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "abcgrade/csv_records.hpp"
#include "abcgrade/error.hpp"
#include "abcgrade/text.hpp"
#include "row_parser.hpp"
#include "string_table.hpp"

namespace abcgrade {

namespace {

// The hash of a trimmed customer id, as the aggregator's table uses it.
std::uint64_t id_hash_of(std::string_view customer_id) {
  const std::string_view id = trim(customer_id);
  return hash_bytes(id.data(), id.size());
}

// The hash's top 32 bits scaled to [0, workers): a multiply, not a
// division (a division was most of this step's cost in the profile).
unsigned worker_of_hash(std::uint64_t hash, unsigned workers) {
  return static_cast<unsigned>(((hash >> 32) * workers) >> 32);
}

constexpr unsigned kMaxWorkers = 16;
constexpr unsigned kNoOwner = kMaxWorkers;
constexpr std::uint64_t kNone = ~std::uint64_t{0};

// Something that stops the run, and where it is in the input: the first one
// in input order is the one reported.
struct LoadError {
  std::uint64_t chunk = 0;   // the chunk's number in this load
  std::uint64_t offset = 0;  // the record's offset in its chunk
  std::exception_ptr error;
};

struct StoredReject {
  std::uint64_t line = 0;
  std::string reason;
  std::string raw;
};

// One owner's good rows of one chunk, in input order. Entries are reused
// chunk after chunk (`size` counts those in use), so a chunk costs no
// allocation and no zeroing once the vectors have grown.
struct OwnedRows {
  std::vector<Transaction> txs;
  std::vector<std::string_view> kept;  // txs x kept columns; see add_owned
  std::vector<std::uint64_t> offsets;  // each row's offset in the chunk
  std::vector<std::uint64_t> lines;
  std::vector<RowUse> uses;
  std::size_t size = 0;

  // The next row's entry (not yet counted in `size`) and its kept values.
  Transaction& next(std::size_t kept_count, std::span<std::string_view>* kept_values) {
    if (size == txs.size()) {
      const std::size_t grown = 2 * size + 256;
      txs.resize(grown);
      kept.resize(grown * kept_count);
      offsets.resize(grown);
      lines.resize(grown);
      uses.resize(grown);
    }
    *kept_values = std::span<std::string_view>(kept.data() + size * kept_count, kept_count);
    return txs[size];
  }
};

// What the worker that parsed a chunk made of it.
struct ParsedChunk {
  std::uint64_t read = 0, rejected = 0;
  std::vector<StoredReject> rejects;  // in input order
  std::optional<LoadError> error;
};

// What one owner made of its rows of a chunk.
struct AddResult {
  std::uint64_t used = 0, outside = 0;
  std::optional<LoadError> error;
};

// A chunk in flight; the ring of slots bounds memory to a few chunks.
struct Slot {
  Chunk chunk;
  std::uint64_t index = kNone;  // the chunk's number, kNone while the slot is free
  std::size_t input = 0;
  std::size_t start = 0;         // first byte after the header, if any
  std::uint64_t first_line = 1;  // physical line of chunk.bytes[start]
  const ColumnMap* columns = nullptr;
  bool parsed = false;              // by_owner is filled
  std::vector<OwnedRows> by_owner;  // one per worker
  std::deque<std::string> pinned;   // text of rows whose views were the scanner's
  ParsedChunk outcome;
  std::vector<AddResult> added;  // one per worker
  unsigned pending = 0;          // the parse and the owners' adds still to do
};

class Load {
 public:
  Load(std::vector<LoadInput> inputs, const LoadOptions& options, RowSinks& sinks,
       RejectSink* rejects, Progress* progress)
      : inputs_(std::move(inputs)),
        options_(options),
        sinks_(sinks),
        rejects_(rejects),
        progress_(progress) {
    unsigned n = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
    workers_ = std::clamp(n, 1u, kMaxWorkers);
    // Room for each worker to parse ahead while the owners catch up.
    slots_.resize(2 * workers_ + 2);
    per_input_.resize(inputs_.size());
    for (Slot& s : slots_) {
      s.by_owner.resize(workers_);
      s.added.resize(workers_);
    }
  }

  const std::vector<RowCounts>& per_input() const { return per_input_; }

  RowCounts run() {
    try {
      read_all();
    } catch (...) {
      // Reading failed (74) or a header was wrong: it comes after every
      // chunk handed out so far.
      add_error({submitted_, 0, std::current_exception()});
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      finished_ = true;
    }
    work_cv_.notify_all();
    while (flushed_ < submitted_) flush_next();
    join();
    if (!errors_.empty()) {
      const auto first = std::min_element(
          errors_.begin(), errors_.end(), [](const LoadError& a, const LoadError& b) {
            return a.chunk != b.chunk ? a.chunk < b.chunk : a.offset < b.offset;
          });
      std::rethrow_exception(first->error);
    }
    return counts_;
  }

  ~Load() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      finished_ = aborted_ = true;
    }
    work_cv_.notify_all();
    join();
  }

 private:
  void join() {
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

  void add_error(LoadError e) {
    errors_.push_back(std::move(e));
    stop_reading_ = true;
  }

  [[noreturn]] void fail(const std::string& file, std::uint64_t line, std::uint64_t column,
                         const std::string& why) {
    throw Error(ExitCode::kDataErr, Location{file, line, column, {}}, why);
  }

  void read_all() {
    for (std::size_t i = 0; i < inputs_.size() && !stop_reading_; ++i) {
      const std::string& file = inputs_[i].display_name;
      ChunkReader reader(std::move(inputs_[i].source), options_.delimiter, options_.chunk_bytes);
      bool have_header = false;
      for (;;) {
        Slot& slot = free_slot();
        if (stop_reading_) return;
        if (!reader.next(slot.chunk)) {
          if (!have_header)
            throw Error(ExitCode::kDataErr, file + ": no header row (the input is empty)");
          break;
        }
        if (slot.chunk.overlong) {
          fail(file, slot.chunk.first_line, 0,
               "a record longer than 64 MiB (is a quote not closed?)");
        }
        slot.start = 0;
        slot.first_line = slot.chunk.first_line;
        if (!have_header) {
          if (!read_header(slot, i)) {
            if (slot.chunk.last)
              throw Error(ExitCode::kDataErr, file + ": no header row (the input is empty)");
            continue;  // only blank lines so far
          }
          have_header = true;
        }
        submit(slot, i);
        if (slot.chunk.last) break;
      }
    }
  }

  // Maps the first record of `slot` as input `i`'s header; false when the
  // chunk holds no record. Throws Error for a bad header.
  bool read_header(Slot& slot, std::size_t i) {
    const std::string& file = inputs_[i].display_name;
    RecordScanner scanner(slot.chunk.view(), slot.chunk.first_line, options_.delimiter);
    Record header;
    const RecordScanner::Result r = scanner.next(header);
    if (r == RecordScanner::Result::End) return false;
    if (r == RecordScanner::Result::Unterminated) {
      fail(file, header.line, scanner.open_quote_column(),
           "unterminated quoted field (the input ends inside it)");
    }
    scanner.split(header);
    if (header.bad_quote_column != 0) {
      fail(file, header.bad_quote_line, header.bad_quote_column,
           "header: text after a closing quote");
    }
    // SPEC 2: a whole file in GBK fails here, on its header, so the hint
    // belongs here too (and headers are written into the output as text).
    for (const std::string_view field : header.fields) {
      if (!is_valid_utf8(field)) {
        fail(file, header.line, 0, "header: " + invalid_bytes_reason(field, options_.encoding));
      }
    }
    auto columns = std::make_unique<ColumnMap>(
        map_columns(header.fields, options_.columns, file, header.line));
    if (columns_.empty()) {
      sinks_.begin(*columns, file, workers_);
    } else {
      // SPEC 1: several inputs are one data set; they must agree on the roles.
      const ColumnMap& first = *columns_.front();
      for (std::size_t r2 = 0; r2 < kRoleCount; ++r2) {
        const Role role = static_cast<Role>(r2);
        if (first.has(role) != columns->has(role)) {
          fail(file, header.line, 0,
               std::string(columns->has(role) ? "has" : "has no") + " " +
                   std::string(name_of(role)) + " column, unlike the first input");
        }
      }
    }
    columns_.push_back(std::move(columns));
    slot.start = scanner.position();
    slot.first_line = scanner.line();
    return true;
  }

  // The slot for the next chunk, once free; flushes finished chunks meanwhile.
  Slot& free_slot() {
    if (threads_.empty()) {
      for (unsigned w = 0; w < workers_; ++w) threads_.emplace_back([this, w] { work(w); });
    }
    Slot& slot = slots_[submitted_ % slots_.size()];
    while (slot.index != kNone) flush_next();
    return slot;
  }

  void submit(Slot& slot, std::size_t input) {
    slot.outcome = ParsedChunk{};
    for (AddResult& r : slot.added) r = AddResult{};
    slot.input = input;
    slot.columns = columns_.back().get();
    {
      std::lock_guard<std::mutex> lock(mu_);
      slot.parsed = false;
      slot.pending = 1 + workers_;
      slot.index = submitted_++;
    }
    work_cv_.notify_all();
  }

  // Waits for the oldest chunk in flight and hands on its results, in input order.
  void flush_next() {
    Slot& slot = slots_[flushed_ % slots_.size()];
    {
      std::unique_lock<std::mutex> lock(mu_);
      done_cv_.wait(lock, [&] { return slot.pending == 0; });
    }
    const std::string& file = inputs_[slot.input].display_name;
    RowCounts& mine = per_input_[slot.input];
    const ParsedChunk& parsed = slot.outcome;
    counts_.read += parsed.read;
    counts_.rejected += parsed.rejected;
    mine.read += parsed.read;
    mine.rejected += parsed.rejected;
    if (parsed.error) add_error(*parsed.error);
    for (AddResult& r : slot.added) {
      counts_.used += r.used;
      counts_.outside += r.outside;
      mine.used += r.used;
      mine.outside += r.outside;
      if (r.error) add_error(std::move(*r.error));
    }
    if (rejects_ != nullptr) {
      for (const StoredReject& s : parsed.rejects)
        rejects_->reject(RejectedRow{file, s.line, s.reason, s.raw});
    }
    if (progress_ != nullptr) progress_->rows_read.store(counts_.read, std::memory_order_relaxed);
    {
      std::lock_guard<std::mutex> lock(mu_);
      slot.index = kNone;
    }
    ++flushed_;
  }

  // Each chunk is parsed once, by worker (chunk number mod workers), which
  // sorts its good rows by owner: the worker their customer id hashes to.
  // Each owner then adds its rows of every chunk, chunk after chunk, so a
  // customer's rows reach one sink in input order. A worker adds what it can
  // before it parses further ahead, which frees slots soonest.
  void work(unsigned w) {
    std::unique_ptr<RowParser> parser;
    const ColumnMap* parser_columns = nullptr;
    std::uint64_t next_parse = w, next_add = 0;
    for (;;) {
      Slot& to_add = slots_[next_add % slots_.size()];
      Slot& to_parse = slots_[next_parse % slots_.size()];
      bool add = false;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [&] {
          return aborted_ || (to_add.index == next_add && to_add.parsed) ||
                 to_parse.index == next_parse || (finished_ && next_add >= submitted_);
        });
        if (aborted_) return;
        add = to_add.index == next_add && to_add.parsed;
        if (!add && to_parse.index != next_parse) return;  // every chunk is added
      }
      const std::uint64_t chunk = add ? next_add : next_parse;
      // No work on a chunk after the first one with an error: the run fails there.
      if (chunk <= stop_after_.load(std::memory_order_acquire)) {
        try {
          if (add) {
            add_owned(w, to_add);
          } else {
            if (to_parse.columns != parser_columns) {
              parser = std::make_unique<RowParser>(*to_parse.columns, options_);
              parser_columns = to_parse.columns;
            }
            parse(to_parse, *parser);
          }
        } catch (...) {
          // Out of memory, most likely: one error line, in its place in the
          // input, never std::terminate on a worker thread.
          (add ? to_add.added[w].error : to_parse.outcome.error) =
              LoadError{chunk, kNone, std::current_exception()};
        }
        if ((add ? to_add.added[w].error : to_parse.outcome.error).has_value()) stop_at(chunk);
      } else if (!add) {
        for (OwnedRows& rows : to_parse.by_owner) rows.size = 0;
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        Slot& slot = add ? to_add : to_parse;
        if (add) {
          ++next_add;
        } else {
          slot.parsed = true;
          next_parse += workers_;
          work_cv_.notify_all();  // its owners may add it now
        }
        if (--slot.pending == 0) done_cv_.notify_all();
      }
    }
  }

  void stop_at(std::uint64_t chunk) {
    std::uint64_t seen = stop_after_.load();
    while (chunk < seen && !stop_after_.compare_exchange_weak(seen, chunk)) {
    }
  }

  // Splits and checks every record of `slot`, sorting the good rows by owner.
  void parse(Slot& slot, RowParser& parser) {
    const ColumnMap& m = *slot.columns;
    const std::string& file = inputs_[slot.input].display_name;
    ParsedChunk& res = slot.outcome;
    for (OwnedRows& rows : slot.by_owner) rows.size = 0;
    slot.pinned.clear();
    const std::size_t id_column = static_cast<std::size_t>(m.at(Role::CustomerId));
    const std::size_t kept_count = m.keep.size();
    const AggregateOptions joining = aggregate_options_for(m);
    RecordScanner scanner(slot.chunk.view().substr(slot.start), slot.first_line,
                          options_.delimiter);
    Record rec;
    BadRow bad;
    // The owner of the previous record when it was a good row, which is
    // then the last of that owner's rows: the next row may join it.
    unsigned previous_owner = kNoOwner;
    for (;;) {
      const RecordScanner::Result r = scanner.next(rec);
      if (r == RecordScanner::Result::End) return;
      ++res.read;
      if (r == RecordScanner::Result::Unterminated) {
        // Fatal under `skip` too: what follows cannot be told from data.
        res.error = LoadError{
            slot.index, rec.offset,
            std::make_exception_ptr(Error(ExitCode::kDataErr,
                                          Location{file, rec.line, scanner.open_quote_column(), {}},
                                          "unterminated quoted field (the input ends inside it)"))};
        return;
      }
      scanner.split(rec);
      // Whose row is it? A row that is bad for its shape is nobody's: the
      // parser rejects it before it reads the id.
      std::uint64_t id_hash = 0;
      unsigned owner = 0;
      if (rec.bad_quote_column == 0 && rec.fields.size() == m.field_count) {
        id_hash = id_hash_of(rec.fields[id_column]);
        owner = worker_of_hash(id_hash, workers_);
      }
      OwnedRows& rows = slot.by_owner[owner];
      std::span<std::string_view> kept;
      Transaction& tx = rows.next(kept_count, &kept);
      if (parser.parse(rec, file, tx, kept, bad)) {
        if (previous_owner == owner && join_order_line(rows.txs[rows.size - 1], tx, joining))
          continue;
        previous_owner = owner;
        // The hash of the trimmed id the parser gives.
        tx.id_hash = id_hash;
        if (scanner.views_are_transient()) pin(slot, tx, kept);
        rows.offsets[rows.size] = rec.offset;
        rows.lines[rows.size] = rec.line;
        ++rows.size;
      } else if (options_.on_bad_row == BadRowPolicy::Skip) {
        previous_owner = kNoOwner;
        ++res.rejected;
        res.rejects.push_back(
            StoredReject{rec.line, to_prefix(Location{{}, 0, 0, bad.where.field}) + bad.reason,
                         std::string(rec.raw)});
      } else {
        res.error =
            LoadError{slot.index, rec.offset,
                      std::make_exception_ptr(Error(ExitCode::kDataErr, bad.where, bad.reason))};
        return;
      }
    }
  }

  // A row whose text lives in the scanner's buffers (doubled quotes, a line
  // break inside quotes), which the next record reuses: its text is copied
  // to the slot, which keeps it until the chunk is done.
  static void pin(Slot& slot, Transaction& tx, std::span<std::string_view> kept) {
    auto keep = [&slot](std::string_view& text) {
      if (!text.empty()) text = slot.pinned.emplace_back(text);
    };
    keep(tx.customer_id);
    keep(tx.customer_name);
    keep(tx.order_id);
    keep(tx.group);
    for (std::string_view& value : kept) keep(value);
  }

  // Hands owner `w`'s rows of `slot` to its sink, in input order.
  void add_owned(unsigned w, Slot& slot) {
    OwnedRows& rows = slot.by_owner[w];
    AddResult& res = slot.added[w];
    const std::size_t kept_count = slot.columns->keep.size();
    if (kept_count != 0) {
      // The kept values' vector may have moved since the parser set the spans.
      for (std::size_t i = 0; i < rows.size; ++i) {
        rows.txs[i].kept =
            std::span<const std::string_view>(rows.kept.data() + i * kept_count, kept_count);
      }
    }
    TransactionSink& sink = sinks_.sink(w);
    std::size_t first = 0;  // the first row not yet added
    while (first < rows.size && !res.error) {
      std::size_t done = 0;
      try {
        sink.add_batch(std::span<const Transaction>(rows.txs.data() + first, rows.size - first),
                       std::span<RowUse>(rows.uses.data() + first, rows.size - first), &done);
      } catch (const JoinedRowsOverflow&) {
        count_uses(rows, first, first + done, res);
        add_one_by_one(slot, rows, first + done, sink, res);
        first += done + 1;
        continue;
      } catch (const Error& e) {
        // A total that overflows stops the run whatever the policy: name the row.
        fail_adding(slot, rows.offsets[first + done], rows.lines[first + done], e, res);
      }
      count_uses(rows, first, first + done, res);
      first += done;
      break;
    }
  }

  static void count_uses(const OwnedRows& rows, std::size_t begin, std::size_t end,
                         AddResult& res) {
    for (std::size_t i = begin; i < end; ++i)
      (rows.uses[i] == RowUse::Used ? res.used : res.outside) += rows.txs[i].rows;
  }

  void fail_adding(const Slot& slot, std::uint64_t offset, std::uint64_t line, const Error& e,
                   AddResult& res) {
    const std::string& file = inputs_[slot.input].display_name;
    res.error =
        LoadError{slot.index, offset,
                  std::make_exception_ptr(Error(e.code(), Location{file, line, 0, {}}, e.what()))};
  }

  // The rows joined into rows.txs[i], read again from the chunk and added
  // one at a time, when their sum would pass a total's limit: the one that
  // does is named (see JoinedRowsOverflow). They are consecutive records,
  // each a good row.
  void add_one_by_one(const Slot& slot, const OwnedRows& rows, std::size_t i, TransactionSink& sink,
                      AddResult& res) {
    const std::uint64_t start = rows.offsets[i];
    RecordScanner scanner(slot.chunk.view().substr(slot.start + start), rows.lines[i],
                          options_.delimiter);
    RowParser parser(*slot.columns, options_);
    Record rec;
    BadRow bad;
    Transaction tx;
    for (std::uint32_t row = 0; row < rows.txs[i].rows; ++row) {
      scanner.next(rec);
      scanner.split(rec);
      if (!parser.parse(rec, inputs_[slot.input].display_name, tx, {}, bad))
        throw std::logic_error("a joined row no longer parses");
      try {
        (sink.add(tx) == RowUse::Used ? res.used : res.outside) += 1;
      } catch (const Error& e) {
        fail_adding(slot, start + rec.offset, rec.line, e, res);
        return;
      }
    }
  }

  std::vector<LoadInput> inputs_;
  const LoadOptions& options_;
  RowSinks& sinks_;
  RejectSink* rejects_;
  Progress* progress_;
  unsigned workers_ = 1;
  std::vector<std::unique_ptr<ColumnMap>> columns_;  // per input, stable for the workers
  std::vector<Slot> slots_;
  std::vector<std::thread> threads_;

  // Shared with the workers, under mu_.
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::uint64_t submitted_ = 0;
  bool finished_ = false, aborted_ = false;
  // No worker starts a chunk after the first one with an error.
  std::atomic<std::uint64_t> stop_after_{kNone};

  // The coordinator's own.
  std::uint64_t flushed_ = 0;
  bool stop_reading_ = false;
  RowCounts counts_;
  std::vector<RowCounts> per_input_;
  std::vector<LoadError> errors_;
};

}  // namespace

RowCounts load(std::vector<LoadInput> inputs, const LoadOptions& options, RowSinks& sinks,
               RejectSink* rejects, Progress* progress, std::vector<RowCounts>* per_input) {
  Load job(std::move(inputs), options, sinks, rejects, progress);
  const RowCounts total = job.run();
  if (per_input != nullptr) *per_input = job.per_input();
  return total;
}

}  // namespace abcgrade
