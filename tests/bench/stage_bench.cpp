// stage_bench: times each stage of `classify` on its own, on one thread, so
// that a slowdown shows which stage it comes from, then the whole pipeline on
// every core. Built only with -DABCGRADE_BUILD_BENCHMARKS=ON; never run by
// ctest, never part of the product.
//
//   stage_bench --file tx.csv [--repeat K] [--threads N]
//   stage_bench --rows N --customers M [--repeat K] [--threads N] [--save PATH]
//
// The input is held in memory before any timing, so that no stage pays for
// the disk. Each stage runs K times (default 3) and its best time is shown.
// Every stage's throughput is given in *input* rows and bytes, so that the
// columns compare across stages: a stage's M rows/s is the speed the whole
// job would have if that stage were its only cost. MB are 10^6 bytes.
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "abcgrade/aggregate.hpp"
#include "abcgrade/atomic_file.hpp"
#include "abcgrade/byte_source.hpp"
#include "abcgrade/csv_records.hpp"
#include "abcgrade/csv_writer.hpp"
#include "abcgrade/error.hpp"
#include "abcgrade/header_map.hpp"
#include "abcgrade/loader.hpp"
#include "abcgrade/pipeline.hpp"
#include "abcgrade/policy.hpp"
#include "abcgrade/summary.hpp"
#include "abcgrade/table.hpp"
#include "cli/huge_pages.hpp"
#include "row_parser.hpp"

namespace abcgrade {
namespace {

using Clock = std::chrono::steady_clock;

constexpr char kDelimiter = ',';
constexpr std::size_t kChunkBytes = LoadOptions{}.chunk_bytes;  // what the loader uses
constexpr unsigned kMaxWorkers = 16;  // the loader's cap on LoadOptions::threads = 0
constexpr std::uint64_t kSeed = 42;
constexpr const char* kInputName = "<bench>";

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct BenchOptions {
  std::string file;             // --file; empty = generate
  std::uint64_t rows = 0;       // --rows, when generating
  std::uint64_t customers = 0;  // --customers, when generating
  std::uint64_t repeat = 3;     // --repeat: runs per stage, best shown
  std::uint64_t threads = 0;    // --threads for the all-cores stage; 0 = one per core
  std::string save;             // --save: also write the generated input there
};

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "stage_bench: %s\n"
               "usage: stage_bench (--file PATH | --rows N --customers M) [--repeat K] "
               "[--threads N] [--save PATH]\n",
               why.c_str());
  std::exit(static_cast<int>(ExitCode::kUsage));
}

std::uint64_t parse_count(const char* flag, const char* text, std::uint64_t min) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long n = std::strtoull(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || n < min) {
    usage(std::string(flag) + ": \"" + text + "\" is not a whole number >= " + std::to_string(min));
  }
  return n;
}

BenchOptions parse_args(int argc, char** argv) {
  BenchOptions o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) usage(std::string(flag) + " needs a value");
    const char* value = argv[++i];
    if (flag == "--file") {
      o.file = value;
    } else if (flag == "--rows") {
      o.rows = parse_count("--rows", value, 1);
    } else if (flag == "--customers") {
      o.customers = parse_count("--customers", value, 1);
    } else if (flag == "--repeat") {
      o.repeat = parse_count("--repeat", value, 1);
    } else if (flag == "--threads") {
      o.threads = parse_count("--threads", value, 0);
    } else if (flag == "--save") {
      o.save = value;
    } else {
      usage("unknown option " + std::string(flag));
    }
  }
  if (o.file.empty() == (o.rows == 0)) usage("give either --file or --rows with --customers");
  if (o.rows != 0 && o.customers == 0) usage("--rows needs --customers");
  if (o.rows != 0 && o.customers > o.rows) usage("--customers must not exceed --rows");
  return o;
}

// ---------------------------------------------------------------------------
// Input

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ExitCode::kNoInput, path + ": cannot open");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(ExitCode::kIoErr, path + ": cannot read");
  return bytes;
}

// splitmix64: our own fixed stream, so that the same flags give the same
// bytes with any standard library.
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

// "YYYY-MM-DD" of `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
void append_date(std::string& out, std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[16];
  const int n = std::snprintf(buf, sizeof buf, "%04" PRId64 "-%02" PRId64 "-%02" PRId64, y, m, d);
  out.append(buf, static_cast<std::size_t>(n));
}

// Cents as "-12.34".
void append_cents(std::string& out, std::int64_t cents) {
  if (cents < 0) out += '-';
  const std::uint64_t abs = static_cast<std::uint64_t>(cents < 0 ? -cents : cents);
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%" PRIu64 ".%02" PRIu64, abs / 100, abs % 100);
  out.append(buf, static_cast<std::size_t>(n));
}

// The benchmark's CSV: `rows` lines over 2023-01-01..2024-12-31 in date
// order; orders (ids ascending from 100000001) of 1-4 lines; the first
// `customers` orders reach every customer once, in scrambled order, the rest
// go to random customers; one name in 20 holds a comma (so is quoted, as
// real exports have them); amounts 1.00-200.99 with 2% refunds, profit a
// quarter of the amount.
std::string generate_csv(std::uint64_t rows, std::uint64_t customers) {
  constexpr std::int64_t kFirstDay = 19358;  // 2023-01-01
  constexpr std::uint64_t kDays = 731;       // through 2024-12-31
  // A prime: multiplying by it permutes 0..customers-1 (customers < it).
  constexpr std::uint64_t kScramble = 2654435761u;
  std::string out;
  out.reserve(rows * 64 + 64);
  out += "customer_id,customer_name,order_id,date,amount,profit\n";
  SplitMix rng{kSeed};
  char buf[96];
  std::uint64_t row = 0;
  for (std::uint64_t order = 0; row < rows; ++order) {
    const std::uint64_t c = (order < customers ? order * kScramble : rng.next()) % customers + 1;
    const std::uint64_t lines = 1 + rng.next() % 4;
    std::string prefix;
    int n =
        c % 20 == 0
            ? std::snprintf(buf, sizeof buf, "C%07" PRIu64 ",\"Trading %" PRIu64 ", Ltd\",", c, c)
            : std::snprintf(buf, sizeof buf, "C%07" PRIu64 ",Customer %" PRIu64 ",", c, c);
    prefix.assign(buf, static_cast<std::size_t>(n));
    n = std::snprintf(buf, sizeof buf, "%" PRIu64 ",", 100000001 + order);
    prefix.append(buf, static_cast<std::size_t>(n));
    append_date(prefix, kFirstDay + static_cast<std::int64_t>(row * kDays / rows));
    prefix += ',';
    for (std::uint64_t l = 0; l < lines && row < rows; ++l, ++row) {
      std::int64_t cents = 100 + static_cast<std::int64_t>(rng.next() % 20000);
      if (rng.next() % 50 == 0) cents = -cents;  // refund
      out += prefix;
      append_cents(out, cents);
      out += ',';
      append_cents(out, cents / 4);
      out += '\n';
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Stages

// Where a chunk lies in the input bytes: ChunkReader's chunks are copies of
// consecutive input bytes (after a BOM), which check_chunks confirms, so the
// later stages can scan them in place without holding every chunk.
struct ChunkSpan {
  std::size_t offset = 0;
  std::size_t size = 0;
  std::uint64_t first_line = 1;
};

std::size_t bom_size(const std::string& csv) {
  return csv.size() >= 3 && std::memcmp(csv.data(), "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

// Stage "read": ChunkReader over the bytes, chunks only.
std::vector<ChunkSpan> read_chunks(const std::string& csv) {
  ChunkReader reader(memory_source(csv.data(), csv.size()), kDelimiter, kChunkBytes);
  Chunk chunk;
  std::vector<ChunkSpan> spans;
  std::size_t offset = bom_size(csv);
  while (reader.next(chunk)) {
    if (chunk.overlong) throw Error(ExitCode::kDataErr, "a record longer than 64 MiB");
    spans.push_back({offset, chunk.size, chunk.first_line});
    offset += chunk.size;
    if (chunk.last) break;
  }
  return spans;
}

void check_chunks(const std::string& csv, const std::vector<ChunkSpan>& spans) {
  ChunkReader reader(memory_source(csv.data(), csv.size()), kDelimiter, kChunkBytes);
  Chunk chunk;
  for (const ChunkSpan& s : spans) {
    if (!reader.next(chunk) || chunk.size != s.size ||
        std::memcmp(chunk.bytes.data(), csv.data() + s.offset, s.size) != 0) {
      throw Error(ExitCode::kBug, "ChunkReader's chunks are not the input's bytes in order");
    }
  }
}

std::string_view view_of(const std::string& csv, const ChunkSpan& s) {
  return std::string_view(csv).substr(s.offset, s.size);
}

struct ParseCounts {
  std::uint64_t records = 0;  // header included
  std::uint64_t fields = 0;
};

// Stage "parse": every record of every chunk found and split into fields.
ParseCounts parse_records(const std::string& csv, const std::vector<ChunkSpan>& spans) {
  ParseCounts counts;
  Record rec;
  for (const ChunkSpan& s : spans) {
    RecordScanner scanner(view_of(csv, s), s.first_line, kDelimiter);
    for (;;) {
      const RecordScanner::Result r = scanner.next(rec);
      if (r == RecordScanner::Result::End) break;
      if (r == RecordScanner::Result::Unterminated)
        throw Error(ExitCode::kDataErr, Location{kInputName, rec.line, 0, {}}, "unterminated");
      scanner.split(rec);
      ++counts.records;
      counts.fields += rec.fields.size();
    }
  }
  return counts;
}

ColumnMap read_header(const std::string& csv, const std::vector<ChunkSpan>& spans) {
  if (spans.empty()) throw Error(ExitCode::kDataErr, "the input is empty");
  RecordScanner scanner(view_of(csv, spans[0]), spans[0].first_line, kDelimiter);
  Record header;
  if (scanner.next(header) != RecordScanner::Result::Record)
    throw Error(ExitCode::kDataErr, "no header row");
  scanner.split(header);
  return map_columns(header.fields, ColumnOptions{}, kInputName);
}

struct Aggregated {
  CustomerSet customers;
  std::optional<Date> latest;
  std::uint64_t used = 0;
  double loop_seconds = 0;    // scan + split + RowParser + add_batch
  double finish_seconds = 0;  // Aggregator::finish
};

// Stage "aggregate": what one loader worker does with the rows it owns when
// it owns them all (loader.cpp's Load::process, without the hand-over between
// threads): scan, split, RowParser, then Aggregator::add_batch 64 rows at a
// time; then Aggregator::finish. The parse stage's time is subtracted later.
// With `add` false the rows are converted and dropped, which splits the
// stage's time between RowParser and the Aggregator.
Aggregated aggregate_rows(const std::string& csv, const std::vector<ChunkSpan>& spans,
                          const ColumnMap& columns, const LoadOptions& load_options, bool add) {
  constexpr std::size_t kBatchRows = 64;  // the loader's Batch::kRows
  const auto start = Clock::now();
  RowParser parser(columns, load_options);
  Aggregator aggregator(aggregate_options_for(columns));
  Transaction txs[kBatchRows];
  RowUse uses[kBatchRows];
  std::vector<std::string_view> kept(kBatchRows * columns.keep.size());
  std::size_t batched = 0;
  Aggregated out;
  auto drain = [&] {
    if (!add) {
      out.used += batched;
      batched = 0;
      return;
    }
    std::size_t done = 0;
    aggregator.add_batch(std::span<const Transaction>(txs, batched),
                         std::span<RowUse>(uses, batched), &done);
    for (std::size_t i = 0; i < batched; ++i) out.used += uses[i] == RowUse::Used ? 1 : 0;
    batched = 0;
  };
  Record rec;
  BadRow bad;
  const std::string file = kInputName;
  for (std::size_t k = 0; k < spans.size(); ++k) {
    RecordScanner scanner(view_of(csv, spans[k]), spans[k].first_line, kDelimiter);
    if (k == 0) scanner.next(rec);  // the header
    for (;;) {
      const RecordScanner::Result r = scanner.next(rec);
      if (r == RecordScanner::Result::End) break;
      if (r == RecordScanner::Result::Unterminated)
        throw Error(ExitCode::kDataErr, Location{file, rec.line, 0, {}}, "unterminated");
      scanner.split(rec);
      const std::span<std::string_view> row_kept(kept.data() + batched * columns.keep.size(),
                                                 columns.keep.size());
      if (!parser.parse(rec, file, txs[batched], row_kept, bad))
        throw Error(ExitCode::kDataErr, bad.where, bad.reason);
      // A row whose text lives in the scanner's buffers goes in at once, as
      // in the loader.
      if (++batched == kBatchRows || scanner.views_are_transient()) drain();
    }
  }
  drain();
  out.latest = aggregator.latest_date();
  out.loop_seconds = seconds_since(start);
  const auto finish_start = Clock::now();
  out.customers = aggregator.finish();
  out.finish_seconds = seconds_since(finish_start);
  return out;
}

// Counts what a writer would write, and drops it.
class CountingSink : public ByteSink {
 public:
  void write(std::string_view bytes) override { bytes_ += bytes.size(); }
  std::uint64_t bytes() const { return bytes_; }

 private:
  std::uint64_t bytes_ = 0;
};

// load()'s sinks for the extra "load, 1 worker" line: one Aggregator per worker.
class AggregatingSinks : public RowSinks {
 public:
  void begin(const ColumnMap& m, const std::string&, unsigned workers) override {
    for (unsigned w = 0; w < workers; ++w)
      aggregators_.push_back(std::make_unique<Aggregator>(aggregate_options_for(m)));
  }
  TransactionSink& sink(unsigned worker) override { return *aggregators_[worker]; }

 private:
  std::vector<std::unique_ptr<Aggregator>> aggregators_;
};

// ---------------------------------------------------------------------------
// Report

struct Line {
  std::string stage;
  double seconds = 0;
  std::string note;
  bool in_sum = true;  // counts towards the one-thread total
};

void print_report(const std::vector<Line>& lines, std::uint64_t rows, std::uint64_t bytes) {
  double sum = 0;
  for (const Line& l : lines) sum += l.in_sum ? l.seconds : 0;
  auto print = [&](const std::string& stage, double s, const std::string& share,
                   const std::string& note) {
    const double mrows = static_cast<double>(rows) / s / 1e6;
    const double mb = static_cast<double>(bytes) / s / 1e6;
    std::printf("%-22s %9.4f %10.2f %10.1f %7s  %s\n", stage.c_str(), s, mrows, mb, share.c_str(),
                note.c_str());
  };
  std::printf("%-22s %9s %10s %10s %7s  %s\n", "stage", "seconds", "M rows/s", "MB/s", "share",
              "note");
  for (const Line& l : lines) {
    if (!l.in_sum) continue;
    char share[16];
    std::snprintf(share, sizeof share, "%.1f%%", 100 * l.seconds / sum);
    print(l.stage, l.seconds, share, l.note);
  }
  print("sum, 1 thread", sum, "100.0%", "read + parse + aggregate + grade + write");
  for (const Line& l : lines) {
    if (!l.in_sum) print(l.stage, l.seconds, "", l.note);
  }
}

std::string printf_text(const char* pattern, double a, double b = 0, double c = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, pattern, a, b, c);
  return buf;
}

int run(const BenchOptions& o) {
  const auto input_start = Clock::now();
  const std::string csv =
      o.file.empty() ? generate_csv(o.rows, o.customers) : read_whole_file(o.file);
  const double input_seconds = seconds_since(input_start);
  if (!o.save.empty()) {
    // So that the CLI can be run on exactly the bytes measured here.
    std::ofstream out(o.save, std::ios::binary);
    out.write(csv.data(), static_cast<std::streamsize>(csv.size()));
    if (!out.flush()) throw Error(ExitCode::kCantCreate, o.save + ": cannot write");
  }
  const std::uint64_t bytes = csv.size();
  const std::uint64_t repeat = o.repeat;
  // `stage` run `repeat` times: the best time. What it returns is destroyed
  // after the clock stops (freeing a million customers is no stage's cost).
  auto best_of = [repeat](auto&& stage) {
    double best = 1e300;
    for (std::uint64_t i = 0; i < repeat; ++i) {
      const auto start = Clock::now();
      [[maybe_unused]] const auto result = stage();
      best = std::min(best, seconds_since(start));
    }
    return best;
  };

  // read
  std::vector<ChunkSpan> spans;
  const double read_s = best_of([&] {
    spans = read_chunks(csv);
    return spans.size();
  });
  check_chunks(csv, spans);

  // parse
  ParseCounts counts;
  const double parse_s = best_of([&] {
    counts = parse_records(csv, spans);
    return counts.records;
  });
  const ColumnMap columns = read_header(csv, spans);
  const std::uint64_t rows = counts.records - 1;
  if (counts.fields != counts.records * columns.field_count)
    throw Error(ExitCode::kDataErr, "some record has the wrong number of fields");

  // aggregate (scan and split included, then the parse stage's time taken off)
  const LoadOptions load_options;
  double convert_s = 1e300;  // the same loop without add_batch
  for (std::uint64_t i = 0; i < repeat; ++i) {
    const Aggregated a = aggregate_rows(csv, spans, columns, load_options, false);
    if (a.used != rows) throw Error(ExitCode::kBug, "RowParser did not take every row");
    convert_s = std::min(convert_s, a.loop_seconds);
  }
  std::optional<Aggregated> agg;
  double loop_s = 1e300, finish_s = 1e300;
  for (std::uint64_t i = 0; i < repeat; ++i) {
    agg.reset();  // frees the last run's customers outside the timing
    agg = aggregate_rows(csv, spans, columns, load_options, true);
    loop_s = std::min(loop_s, agg->loop_seconds);
    finish_s = std::min(finish_s, agg->finish_seconds);
  }
  if (agg->used != rows) throw Error(ExitCode::kBug, "the aggregator did not use every row");
  const std::size_t customers = agg->customers.customers.size();
  const double aggregate_s = std::max(0.0, loop_s - parse_s) + finish_s;

  // grade
  const Policy policy;
  TableOptions table_options;
  table_options.policy = policy;
  table_options.thresholds =
      resolve_against_data(policy, {columns.has(Role::Profit), columns.has(Role::Date)});
  table_options.has_profit = columns.has(Role::Profit);
  table_options.as_of = agg->latest;
  std::optional<Table> table;
  double grade_s = 1e300;
  for (std::uint64_t i = 0; i < repeat; ++i) {
    table.reset();
    CustomerSet copy = agg->customers;  // shares the text storage; build_table consumes it
    const auto start = Clock::now();
    Table t = build_table(std::move(copy), table_options);
    const Summary summary = summarize(t);
    grade_s = std::min(grade_s, seconds_since(start));
    if (summary.overall.total.customers != customers)
      throw Error(ExitCode::kBug, "the summary lost customers");
    table = std::move(t);
  }

  // write
  std::uint64_t out_bytes = 0;
  const double write_s = best_of([&] {
    CountingSink sink;
    write_table_csv(*table, Lang::En, CsvStyle{}, sink);
    out_bytes = sink.bytes();
    return out_bytes;
  });
  table.reset();
  agg.reset();

  // load() with one worker: the aggregate stage plus the loader's reading
  // thread and hand-over (no finish, no grading).
  const double load1_s = best_of([&] {
    LoadOptions one;
    one.threads = 1;
    auto sinks = std::make_unique<AggregatingSinks>();
    std::vector<LoadInput> inputs;
    inputs.push_back({kInputName, memory_source(csv.data(), csv.size())});
    const RowCounts c = load(std::move(inputs), one, *sinks, nullptr, nullptr);
    if (c.used != rows) throw Error(ExitCode::kBug, "load() did not use every row");
    return sinks;
  });

  // the whole pipeline on every core
  const auto logger = std::make_shared<spdlog::logger>(
      "stage_bench", std::make_shared<spdlog::sinks::null_sink_st>());
  PipelineOptions pipeline_options;
  pipeline_options.policy = policy;
  pipeline_options.load.threads = static_cast<unsigned>(o.threads);
  const unsigned threads = o.threads != 0
                               ? std::clamp(static_cast<unsigned>(o.threads), 1u, kMaxWorkers)
                               : std::clamp(std::thread::hardware_concurrency(), 1u, kMaxWorkers);
  const std::vector<InputSpec> specs{InputSpec{kInputName, kInputName, &csv}};
  const double all_s = best_of([&] {
    PipelineResult r = run_pipeline(specs, pipeline_options, nullptr, nullptr, *logger);
    if (r.counts.used != rows || r.table.customers.size() != customers)
      throw Error(ExitCode::kBug, "run_pipeline disagrees with the stages");
    return r;
  });

  std::printf("input: %s: %" PRIu64 " rows, %zu customers, %.1f MB (%s in %.2f s); best of %" PRIu64
              "\n",
              o.file.empty() ? "generated" : o.file.c_str(), rows, customers,
              static_cast<double>(bytes) / 1e6, o.file.empty() ? "generated" : "read",
              input_seconds, repeat);
  std::printf("rates are per input row and input byte; MB = 10^6 bytes\n\n");
  std::vector<Line> lines;
  lines.push_back({"read", read_s, std::to_string(spans.size()) + " chunks (ChunkReader)"});
  lines.push_back({"parse", parse_s, "RecordScanner next + split"});
  lines.push_back({"aggregate", aggregate_s,
                   printf_text("RowParser %.4f s + add_batch %.4f s + finish %.4f s",
                               convert_s - parse_s, loop_s - convert_s, finish_s)});
  lines.push_back({"grade", grade_s,
                   printf_text("build_table + summarize, %.2f M customers/s",
                               static_cast<double>(customers) / grade_s / 1e6)});
  lines.push_back({"write", write_s,
                   printf_text("write_table_csv: %.1f MB out, %.1f MB/s out",
                               static_cast<double>(out_bytes) / 1e6,
                               static_cast<double>(out_bytes) / write_s / 1e6)});
  lines.push_back(
      {"load, 1 worker", load1_s, "load() threads=1: reader thread + 1 worker, no finish", false});
  lines.push_back({"all cores", all_s,
                   "run_pipeline, " + std::to_string(threads) + " threads (no write)", false});
  print_report(lines, rows, bytes);
  return 0;
}

}  // namespace
}  // namespace abcgrade

int main(int argc, char** argv) {
  // Allocate as abcgrade's main does (src/cli/main.cpp), with the linked
  // huge_pages.cpp.
  abcgrade::cli::set_up_allocation();
  const abcgrade::BenchOptions options = abcgrade::parse_args(argc, argv);
  try {
    return abcgrade::run(options);
  } catch (const abcgrade::Error& e) {
    std::fprintf(stderr, "stage_bench: %s\n", e.what());
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "stage_bench: internal error: %s\n", e.what());
    return static_cast<int>(abcgrade::ExitCode::kBug);
  }
}
