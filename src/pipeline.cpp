#include "abcgrade/pipeline.hpp"

#include <spdlog/spdlog.h>

#include "abcgrade/error.hpp"

namespace abcgrade {
namespace {

// Pass 1 of a moving window: the latest date of the good rows, nothing else.
class LatestDateFinder : public TransactionSink {
 public:
  explicit LatestDateFinder(bool has_date) : has_date_(has_date) {}
  RowUse add(const Transaction& tx) override {
    if (has_date_ && (!latest_ || *latest_ < tx.date)) latest_ = tx.date;
    return RowUse::Used;
  }
  std::optional<Date> latest() const { return latest_; }

 private:
  bool has_date_;
  std::optional<Date> latest_;
};

std::string date_names() {
  std::string names;
  for (std::string_view n : builtin_names(Role::Date))
    names += (names.empty() ? "" : ", ") + std::string(n);
  return names;
}

// Reads a source that someone else owns (the spooled standard input).
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
  Inputs(const std::vector<InputSpec>& specs, Progress* progress)
      : specs_(specs), progress_(progress) {
    int stdin_count = 0;
    for (const InputSpec& s : specs) {
      if (s.memory == nullptr && s.path == "-" && ++stdin_count > 1) {
        throw Error(ExitCode::kUsage, "standard input (-) can be read only once");
      }
      sources_.push_back(open(s));
    }
  }

  // Keeps a copy of standard input so that it can be read a second time.
  void prepare_second_pass() {
    for (std::size_t i = 0; i < specs_.size(); ++i) {
      if (specs_[i].memory == nullptr && specs_[i].path == "-") {
        spool_ = std::make_unique<SpooledSource>(std::move(sources_[i]));
        sources_[i] = std::make_unique<BorrowedSource>(spool_.get());
        spool_index_ = i;
      }
    }
  }

  void reopen_all() {
    for (std::size_t i = 0; i < specs_.size(); ++i) {
      sources_[i] = i == spool_index_ ? spool_->replay() : open(specs_[i]);
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
    if (progress_ == nullptr) return src;
    progress_->bytes_total.fetch_add(src->size_hint(), std::memory_order_relaxed);
    return counting_source(std::move(src), &progress_->bytes_read);
  }

  const std::vector<InputSpec>& specs_;
  Progress* progress_;
  std::vector<std::unique_ptr<ByteSource>> sources_;
  std::unique_ptr<SpooledSource> spool_;
  std::size_t spool_index_ = static_cast<std::size_t>(-1);
};

}  // namespace

PipelineResult run_pipeline(const std::vector<InputSpec>& specs, const PipelineOptions& options,
                            RejectSink* rejects, Progress* progress, spdlog::logger& log) {
  const Policy& policy = options.policy;
  validate(policy);
  LoadOptions load = options.load;
  load.columns.group_by = policy.group_by;
  Inputs inputs(specs, progress);

  PipelineResult result;
  // Checks that need the first header: the policy against the data (64) and
  // the date column that a window or as-of needs (65).
  auto check_columns = [&](const ColumnMap& m, const std::string& file) {
    result.columns = m;
    result.thresholds = resolve_against_data(policy, {m.has(Role::Profit), m.has(Role::Date)});
    if ((policy.window_days || policy.as_of) && !m.has(Role::Date)) {
      throw Error(ExitCode::kDataErr, Location{file, 1, 0, {}},
                  std::string(policy.window_days ? "--window" : "--as-of") +
                      " needs a date column (looked for: " + date_names() +
                      "; name it with --column date=HEADER)");
    }
  };

  // One pass over every input; `sink_for` makes the sink once the first
  // header is known.
  auto run_pass = [&](RejectSink* reject_sink, auto&& sink_for) {
    Loader loader(load, reject_sink);
    loader.set_progress(progress);
    TransactionSink* sink = nullptr;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      RecordReader reader(inputs.spec(i).display_name, inputs.take(i), options.delimiter);
      const ColumnMap& m = loader.read_header(reader);
      if (i == 0) {
        check_columns(m, inputs.spec(i).display_name);
        sink = &sink_for(m);
      }
      loader.read_rows(reader, *sink);
    }
    return loader.counts();
  };

  std::optional<Date> as_of = policy.as_of;
  if (policy.window_days && !policy.as_of) {
    // SPEC 1: the window ends at the latest date in the data, which is known
    // only at the end; a first pass finds it, so that memory never has to
    // hold rows.
    if (progress != nullptr) progress->passes.store(2);
    inputs.prepare_second_pass();
    std::unique_ptr<LatestDateFinder> finder;
    run_pass(nullptr, [&](const ColumnMap& m) -> TransactionSink& {
      finder = std::make_unique<LatestDateFinder>(m.has(Role::Date));
      return *finder;
    });
    as_of = finder->latest();
    log.debug("pass 1: as-of is {}", as_of ? to_string(*as_of) : "none");
    if (progress != nullptr) progress->pass.store(2);
    inputs.reopen_all();
  }

  std::unique_ptr<Aggregator> aggregator;
  bool has_profit = false;
  result.counts = run_pass(rejects, [&](const ColumnMap& m) -> TransactionSink& {
    AggregateOptions a;
    a.has_date = m.has(Role::Date);
    a.has_order_id = m.has(Role::OrderId);
    a.has_profit = has_profit = m.has(Role::Profit);
    a.has_frequency_column = m.has(Role::Frequency);
    a.has_clv_column = m.has(Role::Clv);
    a.kept_count = m.keep.size();
    a.as_of = as_of;
    a.window_days = as_of ? policy.window_days : std::nullopt;
    aggregator = std::make_unique<Aggregator>(a);
    return *aggregator;
  });
  if (progress != nullptr) progress->stage.store(static_cast<int>(Stage::Grading));

  if (!as_of && result.columns.has(Role::Date)) as_of = aggregator->latest_date();
  result.as_of = result.columns.has(Role::Date) ? as_of : std::nullopt;
  std::vector<CustomerTotals> customers = aggregator->finish();
  aggregator.reset();
  const RowCounts& c = result.counts;
  if (customers.empty()) {
    throw Error(ExitCode::kDataErr, "no customer to grade: read " + std::to_string(c.read) +
                                        " rows: used " + std::to_string(c.used) +
                                        ", outside window " + std::to_string(c.outside) +
                                        ", rejected " + std::to_string(c.rejected));
  }

  TableOptions t;
  t.policy = policy;
  t.thresholds = result.thresholds;
  t.has_profit = has_profit;
  for (int k : result.columns.keep)
    t.kept_headers.push_back(result.columns.headers[static_cast<std::size_t>(k)]);
  t.as_of = result.as_of;
  result.table = build_table(std::move(customers), t);
  result.summary = summarize(result.table);
  return result;
}

}  // namespace abcgrade
