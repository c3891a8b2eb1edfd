// Inputs -> Transactions (SPEC 2), on every core: each input's header is
// mapped, then its chunks of records go to worker threads. Each chunk is
// split and parsed once, by one worker, which sorts its good rows by owner:
// the worker that the row's customer id hashes to. Each owner then adds its
// rows of every chunk, chunk after chunk, so a customer's rows reach one
// sink, in input order, and the per-customer state is never duplicated
// across threads (SPEC 6: memory grows with customers). Each row is checked
// (field count, quoting, UTF-8, customer id, numbers, dates) and the bad-row
// policy applied: under `fail` the first bad row in input order stops the
// run, under `skip` it is set aside, in input order. The counters give SPEC
// 2's accounting: read R = used U + outside window W + rejected X.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/aggregate.hpp"
#include "abcgrade/byte_source.hpp"
#include "abcgrade/date.hpp"
#include "abcgrade/header_map.hpp"
#include "abcgrade/progress.hpp"

namespace abcgrade {

enum class BadRowPolicy { Fail, Skip };

struct LoadOptions {
  BadRowPolicy on_bad_row = BadRowPolicy::Fail;
  ColumnOptions columns;
  std::optional<DateFormat> date_format;  // --date-format; none = the default forms
  char delimiter = ',';
  std::string encoding = "utf-8";  // --encoding, for messages (the sources convert)
  unsigned threads = 0;            // workers; 0 = one per core (at most 16)
  // Small enough that a chunk's parsed rows stay in the cache until their
  // owners add them (README "Performance").
  std::size_t chunk_bytes = std::size_t{1} << 18;
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

// Receives set-aside rows in input order, on the calling thread.
class RejectSink {
 public:
  virtual ~RejectSink() = default;
  virtual void reject(const RejectedRow& row) = 0;
};

// Where good rows go.
class RowSinks {
 public:
  virtual ~RowSinks() = default;
  // Called once, with the first input's columns, before any row; it may
  // throw Error (a policy that does not fit the data: 64, a missing date
  // column: 65).
  virtual void begin(const ColumnMap& columns, const std::string& file, unsigned workers) = 0;
  // The sink of worker `w`: used by that thread only, which gives it the
  // rows of its customers in input order.
  virtual TransactionSink& sink(unsigned worker) = 0;
};

struct LoadInput {
  std::string display_name;  // as messages name it ("<stdin>" for -)
  std::unique_ptr<ByteSource> source;
};

// Reads `inputs` in order as one data set. The first input defines the
// roles; every later one must have the same (else Error(kDataErr) naming
// it). Throws Error(kDataErr) for the first bad row in input order under
// `fail`, for an input without a header row, one that ends inside a quoted
// field, a record longer than 64 MiB and a total that overflows (under
// `skip` too); Error(kIoErr) when reading fails; and whatever `sinks` throw.
// `rejects`, `progress` and `per_input` may be null; `per_input` receives
// each input's own counts, in input order.
RowCounts load(std::vector<LoadInput> inputs, const LoadOptions& options, RowSinks& sinks,
               RejectSink* rejects, Progress* progress,
               std::vector<RowCounts>* per_input = nullptr);

}  // namespace abcgrade
