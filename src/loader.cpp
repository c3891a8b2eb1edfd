#include "abcgrade/loader.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

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
constexpr std::uint64_t kNone = ~std::uint64_t{0};

// Something that stops the run, and where it is in the input: the first one
// in input order is the one reported.
struct LoadError {
  std::uint64_t chunk = 0;   // the chunk's number in this load
  std::uint64_t offset = 0;  // the record's offset in its chunk
  std::exception_ptr error;
};

struct StoredReject {
  std::uint64_t offset = 0;
  std::uint64_t line = 0;
  std::string reason;
  std::string raw;
};

// What one worker made of one chunk.
struct WorkerResult {
  std::uint64_t read = 0, used = 0, outside = 0, rejected = 0;
  std::vector<StoredReject> rejects;
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
  std::vector<WorkerResult> results;  // one per worker
  unsigned pending = 0;               // workers still on it
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
    slots_.resize(workers_ + 2);
    per_input_.resize(inputs_.size());
    for (Slot& s : slots_) s.results.resize(workers_);
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
    for (WorkerResult& r : slot.results) r = WorkerResult{};
    slot.input = input;
    slot.columns = columns_.back().get();
    {
      std::lock_guard<std::mutex> lock(mu_);
      slot.pending = workers_;
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
    std::vector<const StoredReject*> rejects;
    RowCounts& mine = per_input_[slot.input];
    for (WorkerResult& r : slot.results) {
      counts_.used += r.used;
      counts_.outside += r.outside;
      counts_.rejected += r.rejected;
      mine.used += r.used;
      mine.outside += r.outside;
      mine.rejected += r.rejected;
      for (const StoredReject& s : r.rejects) rejects.push_back(&s);
      if (r.error) add_error(std::move(*r.error));
    }
    counts_.read += slot.results[0].read;
    mine.read += slot.results[0].read;
    if (rejects_ != nullptr) {
      std::sort(rejects.begin(), rejects.end(),
                [](const StoredReject* a, const StoredReject* b) { return a->offset < b->offset; });
      for (const StoredReject* s : rejects)
        rejects_->reject(RejectedRow{file, s->line, s->reason, s->raw});
    }
    if (progress_ != nullptr) progress_->rows_read.store(counts_.read, std::memory_order_relaxed);
    {
      std::lock_guard<std::mutex> lock(mu_);
      slot.index = kNone;
    }
    ++flushed_;
  }

  void work(unsigned w) {
    std::unique_ptr<RowParser> parser;
    auto batch = std::make_unique<Batch>();
    const ColumnMap* parser_columns = nullptr;
    for (std::uint64_t next = 0;; ++next) {
      Slot& slot = slots_[next % slots_.size()];
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [&] {
          return slot.index == next || aborted_ || (finished_ && next >= submitted_);
        });
        if (slot.index != next || aborted_) return;
      }
      if (next <= stop_after_.load(std::memory_order_acquire)) {
        if (slot.columns != parser_columns) {
          parser = std::make_unique<RowParser>(*slot.columns, options_);
          parser_columns = slot.columns;
        }
        try {
          process(w, slot, *parser, *batch);
        } catch (...) {
          slot.results[w].error = LoadError{next, kNone, std::current_exception()};
        }
        if (slot.results[w].error) {
          std::uint64_t seen = stop_after_.load();
          while (next < seen && !stop_after_.compare_exchange_weak(seen, next)) {
          }
        }
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (--slot.pending == 0) done_cv_.notify_all();
      }
    }
  }

  // Rows parsed but not yet handed to the sink, so that the sink can take
  // them a batch at a time. Views point into the chunk and into `kept`.
  struct Batch {
    static constexpr std::size_t kRows = 64;
    Transaction txs[kRows];
    RowUse uses[kRows];
    std::uint64_t offsets[kRows];
    std::uint64_t lines[kRows];
    std::vector<std::string_view> kept;  // kRows x kept columns
    std::size_t size = 0;
  };

  // Hands the batch to the sink; false (with res.error set) when a total overflowed.
  bool drain(Batch& b, TransactionSink& sink, WorkerResult& res, const Slot& slot) {
    std::size_t done = 0;
    try {
      sink.add_batch(std::span<const Transaction>(b.txs, b.size), std::span<RowUse>(b.uses, b.size),
                     &done);
    } catch (const Error& e) {
      // A total that overflows stops the run whatever the policy: name the row.
      const std::string& file = inputs_[slot.input].display_name;
      res.error = LoadError{
          slot.index, b.offsets[done],
          std::make_exception_ptr(Error(e.code(), Location{file, b.lines[done], 0, {}}, e.what()))};
      b.size = 0;
      return false;
    }
    for (std::size_t i = 0; i < b.size; ++i) {
      if (b.uses[i] == RowUse::Used)
        ++res.used;
      else
        ++res.outside;
    }
    b.size = 0;
    return true;
  }

  void process(unsigned w, Slot& slot, RowParser& parser, Batch& batch) {
    const ColumnMap& m = *slot.columns;
    const std::string& file = inputs_[slot.input].display_name;
    WorkerResult& res = slot.results[w];
    TransactionSink& sink = sinks_.sink(w);
    const std::size_t id_column = static_cast<std::size_t>(m.at(Role::CustomerId));
    const std::size_t kept_count = m.keep.size();
    batch.kept.resize(Batch::kRows * kept_count);
    batch.size = 0;
    const std::string_view text = slot.chunk.view().substr(slot.start);
    RecordScanner scanner(text, slot.first_line, options_.delimiter);
    Record rec;
    BadRow bad;
    for (;;) {
      // Whose row is it? The worker its customer id hashes to; worker 0's
      // when the id cannot be found (a row with too few fields, broken
      // quoting). Every worker applies the same rule to the same record, so
      // exactly one takes it. The id is peeked cheaply where it can be, and
      // another worker's record is then stepped over without being split.
      // The id's hash, once known, goes on to the aggregator with the row.
      std::optional<std::string_view> peeked;
      std::uint64_t id_hash = 0;
      bool not_mine = false;
      if (workers_ > 1) {
        peeked = scanner.peek_field(id_column);
        if (peeked) {
          id_hash = id_hash_of(*peeked);
          not_mine = worker_of_hash(id_hash, workers_) != w;
        }
      }
      const RecordScanner::Result r = not_mine ? scanner.skip(rec) : scanner.next(rec);
      if (r == RecordScanner::Result::End) break;
      if (w == 0) ++res.read;
      if (r == RecordScanner::Result::Unterminated) {
        // Fatal under `skip` too: what follows cannot be told from data.
        // Every worker stops here; worker 0 reports it.
        if (!drain(batch, sink, res, slot)) return;
        if (w == 0) {
          res.error = LoadError{
              slot.index, rec.offset,
              std::make_exception_ptr(Error(
                  ExitCode::kDataErr, Location{file, rec.line, scanner.open_quote_column(), {}},
                  "unterminated quoted field (the input ends inside it)"))};
        }
        return;
      }
      if (not_mine) continue;
      bool split = false;
      unsigned owner = peeked ? w : 0;
      if (workers_ > 1 && !peeked) {
        scanner.split(rec);
        split = true;
        if (rec.bad_quote_column == 0 && rec.fields.size() == m.field_count) {
          id_hash = id_hash_of(rec.fields[id_column]);
          owner = worker_of_hash(id_hash, workers_);
        }
      }
      if (owner != w) continue;
      if (!split) scanner.split(rec);
      const std::size_t at = batch.size;
      std::span<std::string_view> kept(batch.kept.data() + at * kept_count, kept_count);
      if (parser.parse(rec, file, batch.txs[at], kept, bad)) {
        // Hashed from the id's own field (a peeked one holds no quote), so
        // it is the hash of the trimmed id the parser gives.
        batch.txs[at].id_hash = id_hash;
        batch.offsets[at] = rec.offset;
        batch.lines[at] = rec.line;
        // A row whose text lives in the scanner's buffers goes in at once.
        if ((++batch.size == Batch::kRows || scanner.views_are_transient()) &&
            !drain(batch, sink, res, slot)) {
          return;
        }
      } else if (options_.on_bad_row == BadRowPolicy::Skip) {
        ++res.rejected;
        res.rejects.push_back(StoredReject{
            rec.offset, rec.line, to_prefix(Location{{}, 0, 0, bad.where.field}) + bad.reason,
            std::string(rec.raw)});
      } else {
        if (!drain(batch, sink, res, slot)) return;  // an overflow before this row comes first
        res.error =
            LoadError{slot.index, rec.offset,
                      std::make_exception_ptr(Error(ExitCode::kDataErr, bad.where, bad.reason))};
        return;
      }
    }
    drain(batch, sink, res, slot);
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
