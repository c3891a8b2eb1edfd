#include "classify.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>

#include "abcgrade/atomic_file.hpp"
#include "abcgrade/csv_writer.hpp"
#include "abcgrade/json_writer.hpp"
#include "abcgrade/pipeline.hpp"
#include "abcgrade/policy_json.hpp"
#include "abcgrade/xlsx_writer.hpp"
#include "progress_line.hpp"

namespace abcgrade::cli {
namespace {

constexpr int kRejectsShownInLog = 3;

// stderr only (SPEC 1), without timestamps so that lines stay comparable;
// --log-file adds a timestamped copy at debug level.
std::shared_ptr<spdlog::logger> make_logger(const ClassifyFlags& f) {
  auto err = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  err->set_pattern("abcgrade: %v");
  err->set_level(f.quiet     ? spdlog::level::warn
                 : f.verbose ? spdlog::level::debug
                             : spdlog::level::info);
  std::vector<spdlog::sink_ptr> sinks{err};
  if (!f.log_file.empty()) {
    refuse_log_file_onto_data(f);
    // spdlog would create missing folders; like -o (73), a folder that is
    // not there is the user's mistake to hear about, not to have made.
    const std::filesystem::path folder = std::filesystem::path(f.log_file).parent_path();
    std::error_code ec;
    if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
      throw Error(ExitCode::kCantCreate,
                  f.log_file + ": cannot open the log file: " + std::strerror(ENOENT));
    }
    try {
      auto file =
          std::make_shared<spdlog::sinks::basic_file_sink_mt>(f.log_file, /*truncate=*/false);
      file->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
      file->set_level(spdlog::level::debug);
      sinks.push_back(file);
    } catch (const spdlog::spdlog_ex& e) {
      throw Error(ExitCode::kCantCreate, f.log_file + ": cannot open the log file: " + e.what());
    }
  }
  auto logger = std::make_shared<spdlog::logger>("abcgrade", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::debug);
  logger->flush_on(spdlog::level::debug);
  return logger;
}

// Writes one line to the --log-file only (when there is one), for what
// must be on record but not on stderr.
void log_to_file_only(spdlog::logger& log, spdlog::level::level_enum level, std::string_view text) {
  if (log.sinks().size() < 2) return;  // stderr alone
  log.sinks().back()->log(spdlog::details::log_msg("abcgrade", level, text));
  log.sinks().back()->flush();
}

// Logs set-aside rows (the first few as warnings, all at debug) and passes
// them on to the --rejects file when there is one.
class LoggingRejects : public RejectSink {
 public:
  LoggingRejects(spdlog::logger& log, RejectSink* next) : log_(log), next_(next) {}
  void reject(const RejectedRow& row) override {
    const std::string text =
        std::string(row.file) + ":" + std::to_string(row.line) + ": " + std::string(row.reason);
    if (++count_ <= kRejectsShownInLog)
      log_.warn("warning: skipped {}", text);
    else
      log_.debug("skipped {}", text);
    if (next_ != nullptr) next_->reject(row);
  }

 private:
  spdlog::logger& log_;
  RejectSink* next_;
  int count_ = 0;
};

void write_table(const PipelineResult& r, const ClassifyOptions& o, AtomicFile& sink) {
  switch (o.format) {
    case OutputFormat::Csv:
      write_table_csv(r.table, o.lang, o.csv, sink);
      break;
    case OutputFormat::Json:
      write_table_json(r.table, r.summary, JsonDocument{r.as_of, o.pipeline.policy, r.thresholds},
                       sink);
      break;
    case OutputFormat::Jsonl:
      write_table_jsonl(r.table, sink);
      break;
    case OutputFormat::Xlsx: {
      XlsxDocument doc;
      doc.lang = o.lang;
      doc.policy = o.pipeline.policy;
      doc.thresholds = r.thresholds;
      doc.as_of = r.as_of;
      for (const InputSpec& in : o.inputs) doc.inputs.push_back(in.display_name);
      doc.counts = r.counts_per_input;
      write_table_xlsx(r.table, r.summary, doc, sink.path_for_library(), sink.path());
      break;
    }
  }
}

ExitCode classify(const ClassifyFlags& flags, spdlog::logger& log) {
  const ClassifyOptions o = resolve_options(flags);
  for (const std::string& path : {o.output, o.summary, o.rejects}) {
    if (!path.empty()) AtomicFile::remove_stale_temporaries(path);
  }
  // Create every output file now (73 before any work); each stays a
  // temporary file until the end.
  std::optional<AtomicFile> rejects_file, summary_file, output_file;
  if (!o.rejects.empty()) rejects_file.emplace(o.rejects);
  if (!o.summary.empty()) summary_file.emplace(o.summary);
  if (o.output != "-") output_file.emplace(o.output);

  std::optional<RejectsCsv> rejects_csv;
  if (rejects_file) rejects_csv.emplace(*rejects_file, o.csv);
  LoggingRejects rejects(log, rejects_csv ? &*rejects_csv : nullptr);

  Progress progress;
  ProgressLine progress_line(flags.progress, progress);
  const PipelineResult r = run_pipeline(o.inputs, o.pipeline, &rejects, &progress, log);
  progress.stage.store(static_cast<int>(Stage::Writing));

  if (summary_file) {
    if (o.summary_json)
      write_summary_json(r.summary, *summary_file);
    else
      write_summary_csv(r.summary, o.csv, *summary_file);
  }
  const auto write_start = std::chrono::steady_clock::now();
  if (output_file) write_table(r, o, *output_file);
  // SPEC 5.1: every file is complete and synced, then standard output is
  // written, and only then do the files replace their destinations: a
  // failure anywhere before (a full disk under the table on stdout too)
  // leaves every earlier file as it was.
  const std::initializer_list<std::optional<AtomicFile>*> files = {&rejects_file, &summary_file,
                                                                   &output_file};
  for (std::optional<AtomicFile>* f : files) {
    if (*f) (*f)->finish();
  }
  progress_line.stop();
  std::exception_ptr closed_pipe;
  if (o.output == "-") {
    try {
      AtomicFile out("-");
      write_table(r, o, out);
      out.commit();
    } catch (const Error& e) {
      // A reader that stopped early (SPEC 1: quietly, status 0) is no
      // failure: the files are still published.
      if (e.code() != ExitCode::kOk) throw;
      closed_pipe = std::current_exception();
    }
  }
  {
    // All the files replace their destinations, or (stopped by a signal
    // before this) none does; a signal now waits until they all have.
    const SignalsHeld held;
    for (std::optional<AtomicFile>* f : files) {
      if (*f) (*f)->publish();
    }
  }
  // After a closed pipe (SPEC 1: quietly) nothing more goes to stderr, but
  // a --log-file still gets the closing lines and the accounting.
  auto emit = [&](spdlog::level::level_enum level, const std::string& text) {
    if (closed_pipe)
      log_to_file_only(log, level, text);
    else
      log.log(level, "{}", text);
  };
  emit(spdlog::level::debug,
       fmt::format(
           "wrote the outputs in {:.3f} s",
           std::chrono::duration<double>(std::chrono::steady_clock::now() - write_start).count()));
  const Policy& p = o.pipeline.policy;
  emit(spdlog::level::info, "graded " + std::to_string(r.table.rows.size()) + " customer" +
                                (r.table.rows.size() == 1 ? "" : "s") + " by " +
                                std::string(name_of(p.method)) + " on " +
                                std::string(name_of(p.metric)) +
                                (r.as_of ? ", as of " + to_string(*r.as_of) : std::string()));
  emit(spdlog::level::info, summary_line(r.summary));
  if (r.summary.compared) emit(spdlog::level::info, movement_line(r.summary));
  const RowCounts& c = r.counts;
  // SPEC 2: the last line accounts for every data row. It is a warning when
  // rows were set aside, so that --quiet still shows it.
  const std::string accounting =
      "read " + std::to_string(c.read) + " rows: used " + std::to_string(c.used) +
      ", outside window " + std::to_string(c.outside) + ", rejected " + std::to_string(c.rejected);
  emit(c.rejected > 0 ? spdlog::level::warn : spdlog::level::info, accounting);
  if (closed_pipe) std::rethrow_exception(closed_pipe);
  return ExitCode::kOk;
}

}  // namespace

ExitCode run_classify(const ClassifyFlags& flags) {
  const std::shared_ptr<spdlog::logger> log = make_logger(flags);
  try {
    return classify(flags, *log);
  } catch (const Error& e) {
    // The CLI prints the error on stderr; the log file gets it as well.
    if (*e.what() != '\0') log_to_file_only(*log, spdlog::level::err, e.what());
    throw;
  }
}

ExitCode print_default_policy() {
  AtomicFile out("-");
  out.write(policy_to_json(Policy{}));
  out.commit();
  return ExitCode::kOk;
}

}  // namespace abcgrade::cli
