// CSV output (SPEC 4 and 5.2): the management table, the summary and the
// rejected rows as RFC 4180 with LF line ends, or for Excel (--excel) with a
// UTF-8 BOM, CRLF line ends and a leading ' on text cells that Excel would
// run as a formula. Fields are quoted only when they hold the delimiter, a
// quote, CR or LF, or leading or trailing spaces.
#pragma once

#include <string>
#include <string_view>

#include "abcgrade/atomic_file.hpp"
#include "abcgrade/loader.hpp"
#include "abcgrade/summary.hpp"
#include "abcgrade/table.hpp"

namespace abcgrade {

struct CsvStyle {
  bool excel = false;  // BOM, CRLF, formula guard
};

// Appends one field to `out`, quoted where needed. `text_cell` marks text
// that the formula guard applies to (never numbers).
void append_csv_field(std::string& out, std::string_view value, bool text_cell,
                      const CsvStyle& style);

void write_table_csv(const Table& table, Lang lang, const CsvStyle& style, ByteSink& sink);

// Columns grade, customers, customer_share, metric_total, metric_share; rows
// A, B, C, total; with groups a leading `group` column, each group's block,
// then the overall block with group "(all)".
void write_summary_csv(const Summary& summary, const CsvStyle& style, ByteSink& sink);

// --rejects: columns file, line, reason, row. Writes the header at once.
class RejectsCsv : public RejectSink {
 public:
  RejectsCsv(ByteSink& sink, const CsvStyle& style);
  void reject(const RejectedRow& row) override;

 private:
  ByteSink& sink_;
  CsvStyle style_;
  std::string line_;
};

}  // namespace abcgrade
