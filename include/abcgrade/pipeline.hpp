// The classify job from inputs to a graded table (SPEC 1-3): open the inputs,
// map their headers, check the policy against the data, stream every row
// through the loader into the aggregator, rank and grade. No output is
// written here: the result is handed back whole, so that nothing reaches a
// file or standard output unless everything succeeded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "abcgrade/byte_source.hpp"
#include "abcgrade/loader.hpp"
#include "abcgrade/policy.hpp"
#include "abcgrade/progress.hpp"
#include "abcgrade/summary.hpp"
#include "abcgrade/table.hpp"

namespace spdlog {
class logger;
}

namespace abcgrade {

// One input: a path ("-" = standard input) or bytes in memory.
struct InputSpec {
  std::string path;                     // as given
  std::string display_name;             // as messages show it ("<stdin>" for "-")
  const std::string* memory = nullptr;  // when set, read these bytes instead of `path`
};

struct PipelineOptions {
  Policy policy;
  LoadOptions load;
  char delimiter = ',';
  std::string previous;  // --previous: an earlier table (SPEC 3.6); empty = none
};

struct PipelineResult {
  Table table;
  Summary summary;
  RowCounts counts;
  std::vector<RowCounts> counts_per_input;  // in input order
  std::vector<Threshold> thresholds;        // the ones that applied
  std::optional<Date> as_of;                // effective as-of; none without a date column
  ColumnMap columns;                        // of the first input
};

// Runs the job. Throws Error: kUsage (policy vs data), kDataErr (bad row under
// fail, missing column, nobody to grade), kNoInput, kIoErr. `rejects`,
// `progress` may be null; `log` receives debug lines only.
PipelineResult run_pipeline(const std::vector<InputSpec>& inputs, const PipelineOptions& options,
                            RejectSink* rejects, Progress* progress, spdlog::logger& log);

}  // namespace abcgrade
