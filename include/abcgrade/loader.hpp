// Records -> Transactions (SPEC section 2): checks each row (field count,
// quoting, UTF-8, customer id, numbers, dates), applies the bad-row policy
// and keeps the accounting of SPEC 2: read R = used U + outside window W +
// rejected X. One code path serves `fail` (throw) and `skip` (set aside).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/aggregate.hpp"
#include "abcgrade/csv_records.hpp"
#include "abcgrade/date.hpp"
#include "abcgrade/error.hpp"
#include "abcgrade/header_map.hpp"
#include "abcgrade/progress.hpp"

namespace abcgrade {

enum class BadRowPolicy { Fail, Skip };

struct LoadOptions {
  BadRowPolicy on_bad_row = BadRowPolicy::Fail;
  ColumnOptions columns;
  std::optional<DateFormat> date_format;  // --date-format; none = the default forms
};

// The accounting line's counters (SPEC 2).
struct RowCounts {
  std::uint64_t read = 0;      // data rows (not the header, not blank lines)
  std::uint64_t used = 0;      // went into the totals
  std::uint64_t outside = 0;   // dated outside the window or after as-of
  std::uint64_t rejected = 0;  // bad rows set aside under `skip`
};

// A row set aside under `skip`, for --rejects and the log.
struct RejectedRow {
  std::string_view file;
  std::uint64_t line = 0;
  std::string_view reason;  // `column "amount": cannot read "x" as a number`
  std::string_view raw;     // the record as read
};

class RejectSink {
 public:
  virtual ~RejectSink() = default;
  virtual void reject(const RejectedRow& row) = 0;
};

class Loader {
 public:
  // `rejects` may be null (rows are then only counted).
  Loader(const LoadOptions& options, RejectSink* rejects);

  // Reads and maps the header of `reader`. The first input defines which
  // roles exist; every later one must have the same roles, --keep and
  // --group-by columns (else Error(kDataErr) naming the file). Throws
  // Error(kDataErr) for an input without a header row.
  const ColumnMap& read_header(RecordReader& reader);

  // Reads every data row of `reader` (after read_header), handing good rows
  // to `sink`. Under `fail` the first bad row throws Error(kDataErr) with its
  // file, line and column; under `skip` it goes to the reject sink.
  void read_rows(RecordReader& reader, TransactionSink& sink);

  // Publishes rows read to `progress` (may be null) every few thousand rows.
  void set_progress(Progress* progress) { progress_ = progress; }

  // The roles of the first input (valid after the first read_header).
  const ColumnMap& first_columns() const { return first_; }
  const RowCounts& counts() const { return counts_; }

 private:
  struct RowError;
  void process(const Record& record, const std::string& file, TransactionSink& sink);
  void fail_row(const Record& record, const std::string& file, const Location& where,
                std::string_view reason);

  LoadOptions options_;
  RejectSink* rejects_;
  Progress* progress_ = nullptr;
  ColumnMap first_;
  ColumnMap current_;
  bool have_first_ = false;
  RowCounts counts_;
  Record record_;
  std::vector<std::string_view> kept_;
  std::string reason_;
};

}  // namespace abcgrade
