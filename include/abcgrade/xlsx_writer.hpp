// The Excel workbook of SPEC 4 (-f xlsx), written with libxlsxwriter in
// constant-memory mode: sheet `customers` (`客户`) with the management table
// in typed cells (money as numbers with #,##0.00, shares as percentages,
// counts as integers, ids and all other text as text, so nothing can run as
// a formula), a frozen header row, an autofilter, fitted column widths and
// a fill colour per grade; sheet `summary` (`汇总`) with the per-grade
// summary, the policy, the inputs and their row accounting, a Pareto chart
// with the A and B cut points and a column chart per grade. The only module
// that includes <xlsxwriter.h>.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "abcgrade/loader.hpp"
#include "abcgrade/policy.hpp"
#include "abcgrade/summary.hpp"
#include "abcgrade/table.hpp"

namespace abcgrade {

// Excel's limit: 1,048,576 rows per sheet, one of them the header.
inline constexpr std::uint32_t kMaxRowsPerSheet = 1048575;

struct XlsxDocument {
  Lang lang = Lang::En;
  Policy policy;
  std::vector<Threshold> thresholds;  // the ones that applied
  std::optional<Date> as_of;
  std::vector<std::string> inputs;  // display names, in order
  std::vector<RowCounts> counts;    // per input
  // Customers per sheet: a larger table goes on in `customers (2)`, ...
  // (a parameter so that tests can see the split without a million rows).
  std::uint32_t max_rows_per_sheet = kMaxRowsPerSheet;
};

// Writes the workbook to `path` (a file that the caller renames into place:
// AtomicFile::path_for_library). Throws Error(kIoErr) naming `display_path`
// when libxlsxwriter fails, Error(kDataErr) for a text over Excel's 32,767
// characters per cell.
void write_table_xlsx(const Table& table, const Summary& summary, const XlsxDocument& doc,
                      const std::string& path, const std::string& display_path);

}  // namespace abcgrade
