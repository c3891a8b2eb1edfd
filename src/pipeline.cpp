#include "abcgrade/pipeline.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <functional>

#include "abcgrade/error.hpp"
#include "abcgrade/previous_table.hpp"

namespace abcgrade {
namespace {

// Pass 1 of a moving window: the latest date of the good rows, nothing else.
class LatestDateSinks : public RowSinks {
 public:
  explicit LatestDateSinks(std::function<void(const ColumnMap&, const std::string&)> check)
      : check_(std::move(check)) {}
  void begin(const ColumnMap& columns, const std::string& file, unsigned workers) override {
    check_(columns, file);
    has_date_ = columns.has(Role::Date);
    finders_.resize(workers);
  }
  TransactionSink& sink(unsigned worker) override { return finders_[worker]; }
  std::optional<Date> latest() const {
    std::optional<Date> out;
    for (const Finder& f : finders_) {
      if (f.latest && (!out || *out < *f.latest)) out = f.latest;
    }
    return has_date_ ? out : std::nullopt;
  }

 private:
  struct Finder : TransactionSink {
    RowUse add(const Transaction& tx) override {
      if (!latest || *latest < tx.date) latest = tx.date;
      return RowUse::Used;
    }
    std::optional<Date> latest;
  };
  std::function<void(const ColumnMap&, const std::string&)> check_;
  bool has_date_ = false;
  std::vector<Finder> finders_;
};

// The real pass: one Aggregator per worker, each with its own customers.
class AggregatingSinks : public RowSinks {
 public:
  AggregatingSinks(std::function<void(const ColumnMap&, const std::string&)> check,
                   std::optional<Date> as_of, std::optional<int> window_days)
      : check_(std::move(check)), as_of_(as_of), window_days_(window_days) {}
  void begin(const ColumnMap& m, const std::string& file, unsigned workers) override {
    check_(m, file);
    options_ = aggregate_options_for(m);
    options_.as_of = as_of_;
    options_.window_days = as_of_ ? window_days_ : std::nullopt;
    for (unsigned w = 0; w < workers; ++w)
      aggregators_.push_back(std::make_unique<Aggregator>(options_));
  }
  TransactionSink& sink(unsigned worker) override { return *aggregators_[worker]; }

  std::optional<Date> latest() const {
    std::optional<Date> out;
    for (const auto& a : aggregators_) {
      const std::optional<Date> d = a->latest_date();
      if (d && (!out || *out < *d)) out = d;
    }
    return out;
  }
  // Every worker's customers (they are disjoint), freeing the aggregators.
  // Every worker's lookups go first; then the whole table is reserved and
  // each worker's records freed as they are copied into it, so the peak is
  // about the records once, not the records plus the lookups plus the whole.
  CustomerSet finish() {
    std::size_t total = 0;
    for (const auto& a : aggregators_) {
      a->release_lookups();
      total += a->customer_count();
    }
    CustomerSet all;
    all.customers.reserve(total);
    for (auto& a : aggregators_) {
      a->finish_into(all);
      a.reset();
    }
    return all;
  }
  bool has_profit() const { return options_.has_profit; }

 private:
  std::function<void(const ColumnMap&, const std::string&)> check_;
  std::optional<Date> as_of_;
  std::optional<int> window_days_;
  AggregateOptions options_;
  std::vector<std::unique_ptr<Aggregator>> aggregators_;
};

// The peak resident memory so far, in MiB (Linux), for the debug log.
long peak_mib() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return 0;
  char line[256];
  long kib = 0;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
  }
  std::fclose(f);
  return kib / 1024;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string date_names() {
  std::string names;
  for (std::string_view n : builtin_names(Role::Date))
    names += (names.empty() ? "" : ", ") + std::string(n);
  return names;
}

// Reads a source that someone else owns (a spooled input).
class BorrowedSource : public ByteSource {
 public:
  explicit BorrowedSource(ByteSource* inner) : inner_(inner) {}
  std::size_t read(char* buffer, std::size_t size) override { return inner_->read(buffer, size); }

 private:
  ByteSource* inner_;
};

// Opens every input before any work, so that a missing file is reported at
// once (66) rather than after minutes of reading the ones before it.
class Inputs {
 public:
  Inputs(const std::vector<InputSpec>& specs, Progress* progress, std::string encoding)
      : specs_(specs), progress_(progress), encoding_(std::move(encoding)) {
    int stdin_count = 0;
    for (const InputSpec& s : specs) {
      if (s.memory == nullptr && s.path == "-" && ++stdin_count > 1) {
        throw Error(ExitCode::kUsage, "standard input (-) can be read only once");
      }
      sources_.push_back(open(s));
    }
  }

  // Keeps a copy of each input that cannot be opened again from the start
  // (standard input, a FIFO, `<(zcat ...)`, /dev/stdin), so that it can be
  // read a second time; files are simply reopened.
  void prepare_second_pass() {
    spools_.resize(specs_.size());
    for (std::size_t i = 0; i < specs_.size(); ++i) {
      if (specs_[i].memory != nullptr || is_regular_file(specs_[i].path)) continue;
      spools_[i] = std::make_unique<SpooledSource>(std::move(sources_[i]));
      sources_[i] = std::make_unique<BorrowedSource>(spools_[i].get());
    }
  }

  void reopen_all() {
    for (std::size_t i = 0; i < specs_.size(); ++i) {
      sources_[i] = spools_[i] ? spools_[i]->replay() : open(specs_[i]);
    }
  }

  // The source of input `i` for this pass (each taken once per pass).
  std::unique_ptr<ByteSource> take(std::size_t i) { return std::move(sources_[i]); }
  std::size_t size() const { return specs_.size(); }
  const InputSpec& spec(std::size_t i) const { return specs_[i]; }

 private:
  std::unique_ptr<ByteSource> open(const InputSpec& s) {
    std::unique_ptr<ByteSource> src = s.memory != nullptr
                                          ? memory_source(s.memory->data(), s.memory->size())
                                          : open_input(s.path, s.display_name);
    if (progress_ != nullptr) {
      progress_->bytes_total.fetch_add(src->size_hint(), std::memory_order_relaxed);
      src = counting_source(std::move(src), &progress_->bytes_read);
    }
    // SPEC 1 --encoding: converted to UTF-8 as it is read.
    if (encoding_ == "gb18030") return converting_source(std::move(src), "GB18030");
    if (encoding_ == "gbk") return converting_source(std::move(src), "GBK");
    if (encoding_ == "windows-1252") return converting_source(std::move(src), "WINDOWS-1252");
    return src;
  }

  const std::vector<InputSpec>& specs_;
  Progress* progress_;
  std::string encoding_;
  std::vector<std::unique_ptr<ByteSource>> sources_;
  std::vector<std::unique_ptr<SpooledSource>> spools_;  // per input, where one is kept
};

}  // namespace

PipelineResult run_pipeline(const std::vector<InputSpec>& specs, const PipelineOptions& options,
                            RejectSink* rejects, Progress* progress, spdlog::logger& log) {
  const Policy& policy = options.policy;
  validate(policy);
  LoadOptions load_options = options.load;
  load_options.columns.group_by = policy.group_by;
  load_options.delimiter = options.delimiter;
  Inputs inputs(specs, progress, options.load.encoding);
  // SPEC 3.6: the earlier table is read before any work, so that a wrong
  // file (65) or a missing one (66) is reported at once.
  std::optional<PreviousGrades> previous;
  if (!options.previous.empty()) previous = PreviousGrades::read(options.previous);

  PipelineResult result;
  // Checks that need the first header: the policy against the data (64) and
  // the date column that a window or as-of needs (65).
  auto check_columns = [&](const ColumnMap& m, const std::string& file) {
    result.columns = m;
    result.thresholds = resolve_against_data(policy, {m.has(Role::Profit), m.has(Role::Date)});
    if ((policy.window_days || policy.as_of) && !m.has(Role::Date)) {
      throw Error(ExitCode::kDataErr, Location{file, m.header_line, 0, {}},
                  std::string(policy.window_days ? "--window" : "--as-of") +
                      " needs a date column (looked for: " + date_names() +
                      "; name it with --column date=HEADER)");
    }
  };

  // One pass over every input.
  auto run_pass = [&](RowSinks& sinks, RejectSink* reject_sink) {
    std::vector<LoadInput> pass;
    for (std::size_t i = 0; i < inputs.size(); ++i)
      pass.push_back({inputs.spec(i).display_name, inputs.take(i)});
    return load(std::move(pass), load_options, sinks, reject_sink, progress,
                &result.counts_per_input);
  };

  std::optional<Date> as_of = policy.as_of;
  if (policy.window_days && !policy.as_of) {
    // SPEC 1: the window ends at the latest date in the data, which is known
    // only at the end; a first pass finds it, so that memory never has to
    // hold rows.
    if (progress != nullptr) progress->passes.store(2);
    inputs.prepare_second_pass();
    LatestDateSinks finder(check_columns);
    run_pass(finder, nullptr);
    as_of = finder.latest();
    log.debug("pass 1: as-of is {}", as_of ? to_string(*as_of) : "none");
    if (progress != nullptr) {
      progress->pass.store(2);
      progress->bytes_read.store(0);
      progress->bytes_total.store(0);
    }
    inputs.reopen_all();
  }

  AggregatingSinks aggregators(check_columns, as_of, policy.window_days);
  const auto load_start = std::chrono::steady_clock::now();
  result.counts = run_pass(aggregators, rejects);
  log.debug("loaded {} rows in {:.3f} s (peak memory {} MiB)", result.counts.read,
            seconds_since(load_start), peak_mib());
  if (progress != nullptr) progress->stage.store(static_cast<int>(Stage::Grading));

  if (!as_of && result.columns.has(Role::Date)) as_of = aggregators.latest();
  result.as_of = result.columns.has(Role::Date) ? as_of : std::nullopt;
  const auto finish_start = std::chrono::steady_clock::now();
  CustomerSet customers = aggregators.finish();
  log.debug("totalled {} customers in {:.3f} s (peak memory {} MiB)", customers.customers.size(),
            seconds_since(finish_start), peak_mib());
  const RowCounts& c = result.counts;
  if (customers.customers.empty()) {
    throw Error(ExitCode::kDataErr, "no customer to grade: read " + std::to_string(c.read) +
                                        " rows: used " + std::to_string(c.used) +
                                        ", outside window " + std::to_string(c.outside) +
                                        ", rejected " + std::to_string(c.rejected));
  }

  TableOptions t;
  t.policy = policy;
  t.thresholds = result.thresholds;
  t.has_profit = aggregators.has_profit();
  t.has_name = result.columns.has(Role::CustomerName);
  for (int k : result.columns.keep)
    t.kept_headers.push_back(result.columns.headers[static_cast<std::size_t>(k)]);
  t.as_of = result.as_of;
  t.previous = previous ? &*previous : nullptr;
  const auto grade_start = std::chrono::steady_clock::now();
  result.table = build_table(std::move(customers), t);
  result.summary = summarize(result.table);
  log.debug("graded in {:.3f} s (peak memory {} MiB)", seconds_since(grade_start), peak_mib());
  return result;
}

}  // namespace abcgrade
