// The classify command's flags as the user typed them, and their resolution
// into the pipeline's options (policy, loading, output): SPEC section 1's
// option table. Only src/cli/ sees this; it knows CLI11 only through run.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "abcgrade/csv_writer.hpp"
#include "abcgrade/date.hpp"
#include "abcgrade/pipeline.hpp"
#include "abcgrade/table.hpp"

namespace abcgrade::cli {

// Raw flag values. `given` holds the long names of the options that were on
// the command line, so that they override a --config file (SPEC 1).
struct ClassifyFlags {
  std::vector<std::string> inputs;
  std::string output = "-";
  std::string format;
  std::string method, metric, pareto, percentile, combine;
  std::vector<std::string> thresholds, scores, columns, keep;
  std::string group_by, previous;
  std::string delimiter = ",";
  std::string encoding = "utf-8";
  std::string date_format, as_of;
  long long window = 0;
  std::string lang = "en";
  bool excel = false;
  std::string on_bad_row = "fail";
  std::string rejects, summary, config;
  bool quiet = false, verbose = false;
  std::string log_file;
  std::string progress = "auto";
  std::vector<std::string> given;

  bool was_given(const std::string& name) const;
};

enum class OutputFormat { Csv, Json, Jsonl, Xlsx };

struct ClassifyOptions {
  std::vector<InputSpec> inputs;
  PipelineOptions pipeline;
  std::string output;  // "-" = standard output
  OutputFormat format = OutputFormat::Csv;
  Lang lang = Lang::En;
  CsvStyle csv;
  std::string rejects;  // empty = none
  std::string summary;  // empty = none
  bool summary_json = false;
  std::string previous;  // empty = none
};

// Resolves flags (and the --config file they name) into options. Throws
// Error(kUsage) for any invalid value, naming the option.
ClassifyOptions resolve_options(const ClassifyFlags& flags);

// Throws Error(kUsage) when --log-file names an input file, the --previous
// table or an output. Call before the log file is opened.
void refuse_log_file_onto_data(const ClassifyFlags& flags);

}  // namespace abcgrade::cli
