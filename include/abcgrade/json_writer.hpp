// JSON output (SPEC 4): the table as one object {"as_of", "metric",
// "method", "policy", "summary", "customers"} or as JSON Lines (one customer
// object per line), and the summary for --summary FILE.json. Customers are
// keyed by the en column names (kept columns by their input header); money
// and shares are JSON numbers written with the same digits as in CSV
// (500000.00), never through a double.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/atomic_file.hpp"
#include "abcgrade/summary.hpp"
#include "abcgrade/table.hpp"

namespace abcgrade {

// Appends `s` as a JSON string literal (UTF-8 kept, control characters escaped).
void append_json_string(std::string& out, std::string_view s);

struct JsonDocument {
  std::optional<Date> as_of;  // null when the input has no date column
  Policy policy;
  std::vector<Threshold> thresholds;  // the ones that applied
};

void write_table_json(const Table& table, const Summary& summary, const JsonDocument& doc,
                      ByteSink& sink);
void write_table_jsonl(const Table& table, ByteSink& sink);
// {"grades": [...], "total": {...}} (and "groups": [...] with --group-by).
void write_summary_json(const Summary& summary, ByteSink& sink);

}  // namespace abcgrade
