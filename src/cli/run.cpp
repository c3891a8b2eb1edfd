#include "run.hpp"

#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <string_view>

#include "abcgrade/atomic_file.hpp"
#include "abcgrade/error.hpp"
#include "abcgrade/version.hpp"
#include "classify.hpp"

namespace abcgrade::cli {
namespace {

void print_error(const std::string& message) {
  if (message.empty()) return;
  const std::string line = "abcgrade: " + message + "\n";
  std::fputs(line.c_str(), stderr);
}

// Flags only, no callback: the job runs after parsing, so that usage errors
// (64) and run errors stay apart (STYLE 6).
CLI::App* add_classify_command(CLI::App& app, ClassifyFlags& f) {
  CLI::App* c = app.add_subcommand("classify", "Grade customers A/B/C from transaction CSV files");
  c->add_option("INPUT", f.inputs,
                "CSV files read in order as one data set; - or none: standard input");
  c->add_option("-o,--output", f.output, "Where the table goes; - is standard output")
      ->capture_default_str();
  c->add_option("-f,--format", f.format,
                "csv, json, jsonl or xlsx (default: from the --output extension, else csv)");
  c->add_option("--method", f.method, "pareto, percentile, threshold or score (default pareto)");
  c->add_option(
      "--metric", f.metric,
      "amount, frequency, profit or clv: what pareto and percentile rank by (default amount)");
  c->add_option("--pareto", f.pareto, "Cumulative-share cut points A,B in percent (default 80,95)");
  c->add_option("--percentile", f.percentile,
                "Share of customers that is A, and A or B, in percent (default 20,80)");
  c->add_option("--threshold", f.thresholds,
                "METRIC=A_MIN,B_MIN, repeatable; replaces the policy's thresholds")
      ->take_all()
      ->expected(1)
      ->allow_extra_args(false);
  c->add_option("--combine", f.combine,
                "all or any: how per-metric threshold grades combine (default all)");
  c->add_option("--score", f.scores,
                "METRIC=WEIGHT[,METRIC=WEIGHT...], repeatable (default amount=0.8,clv=0.2)")
      ->take_all()
      ->expected(1)
      ->allow_extra_args(false);
  c->add_option("--group-by", f.group_by, "Grade within each value of this input column");
  c->add_option("--previous", f.previous,
                "An earlier table of abcgrade's (CSV or JSON) to compare with");
  c->add_option("--column", f.columns, "ROLE=HEADER, repeatable: which header holds a role")
      ->take_all()
      ->expected(1)
      ->allow_extra_args(false);
  c->add_option("--keep", f.keep, "HEADER, repeatable: pass an input column through to the table")
      ->take_all()
      ->expected(1)
      ->allow_extra_args(false);
  c->add_option("--delimiter", f.delimiter, "Input field separator: , or ; or tab")
      ->capture_default_str();
  c->add_option("--encoding", f.encoding, "utf-8, gb18030, gbk or windows-1252")
      ->capture_default_str();
  c->add_option("--date-format", f.date_format,
                "strptime-style format for dates that are not ISO, e.g. %m/%d/%Y");
  c->add_option("--as-of", f.as_of, "The reporting date (default: the latest date in the data)");
  c->add_option(
      "--window", f.window,
      "Only transactions in (as-of - DAYS, as-of] count toward amount, frequency, profit");
  c->add_option("--lang", f.lang, "Header language of the table: en or zh")->capture_default_str();
  c->add_flag("--excel", f.excel, "CSV for Excel: UTF-8 BOM, CRLF, formula-injection guard");
  c->add_option("--on-bad-row", f.on_bad_row,
                "fail: stop at the first bad row; skip: set it aside and go on")
      ->capture_default_str();
  c->add_option("--rejects", f.rejects, "CSV of set-aside rows: file, line, reason, the raw row");
  c->add_option("--summary", f.summary, "Per-grade summary (CSV, or JSON by the .json extension)");
  c->add_option("--config", f.config, "A JSON policy file; flags on the command line win");
  auto* quiet = c->add_flag("-q,--quiet", f.quiet, "Only warnings and errors on stderr");
  auto* verbose = c->add_flag("-v,--verbose", f.verbose, "Debug detail on stderr");
  quiet->excludes(verbose);
  c->add_option("--log-file", f.log_file, "Also write the log, with timestamps, to this file");
  c->add_option("--progress", f.progress,
                "auto, always or never: a progress line on stderr (auto: only on a terminal)")
      ->capture_default_str();
  return c;
}

}  // namespace

int run(int argc, char** argv) {
  // SPEC 1: writing into a closed pipe ends quietly; EPIPE is handled where
  // standard output is written.
  ::signal(SIGPIPE, SIG_IGN);
  // Past a file size limit (ulimit -f) a write fails with EFBIG, which is
  // reported as 74, instead of the process dying silently of SIGXFSZ.
  ::signal(SIGXFSZ, SIG_IGN);
  // SPEC 5.1: stopped by Ctrl-C, `timeout` or a hang-up, a run leaves no
  // temporary file behind.
  AtomicFile::remove_temporaries_on_signals();

  CLI::App app{"abcgrade: grade customers A/B/C (key, main, ordinary) from transaction CSV files"};
  app.set_version_flag("--version", std::string("abcgrade ") + kVersion);
  app.require_subcommand(1);
  ClassifyFlags flags;
  CLI::App* classify = add_classify_command(app, flags);
  CLI::App* policy = app.add_subcommand(
      "policy", "Print the default policy as JSON, ready to edit and pass to --config");
  // SPEC 1 lists --version among each command's options.
  for (CLI::App* command : {classify, policy})
    command->set_version_flag("--version", std::string("abcgrade ") + kVersion);

  // CLI11 would say "A subcommand is required" of a misspelt command.
  if (argc > 1 && argv[1][0] != '-' && std::string_view(argv[1]) != "classify" &&
      std::string_view(argv[1]) != "policy") {
    print_error("unknown command " + quote_for_message(argv[1]) +
                ": the commands are classify and policy (see abcgrade --help)");
    return static_cast<int>(ExitCode::kUsage);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11's own codes are 100-127; SPEC 1 wants EX_USAGE for every usage error.
    print_error(std::string(e.what()) + " (see abcgrade --help)");
    return static_cast<int>(ExitCode::kUsage);
  }

  try {
    if (classify->parsed()) {
      for (const CLI::Option* o : classify->get_options()) {
        if (o->count() > 0) flags.given.push_back(o->get_single_name());
      }
      return static_cast<int>(run_classify(flags));
    }
    if (policy->parsed()) return static_cast<int>(print_default_policy());
    return static_cast<int>(ExitCode::kBug);  // require_subcommand makes this unreachable
  } catch (const Error& e) {
    print_error(e.what());
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    print_error("out of memory");
    return static_cast<int>(ExitCode::kBug);
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return static_cast<int>(ExitCode::kBug);
  }
}

}  // namespace abcgrade::cli
