// The per-grade summary of SPEC section 4 (--summary and the log's summary
// line): for each grade of the `grade` column, customers, their share, the
// metric total and its share; per group and overall with --group-by.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "abcgrade/table.hpp"

namespace abcgrade {

struct GradeTotals {
  std::uint64_t customers = 0;
  Int128 metric = 0;           // sum of the metric (net), in Decimal units
  Int128 positive_metric = 0;  // sum of max(metric, 0)
};

struct SummaryBlock {
  bool overall = true;                // false: one group's block
  std::string group;                  // the group's value when !overall
  std::array<GradeTotals, 3> grades;  // A, B, C
  GradeTotals total;
  // With --previous (SPEC 3.6): moves[earlier][now] counts customers by
  // earlier and current grade; new_customers were not in the earlier table.
  std::array<std::array<std::uint64_t, 3>, 3> moves{};
  std::uint64_t new_customers = 0;
  std::uint64_t moved_up() const;
  std::uint64_t moved_down() const;
  // New customers (not in the earlier table) among those now graded `g`.
  std::uint64_t new_in(Grade g) const;

  // customers / total customers, 6 digits.
  Decimal customer_share(const GradeTotals& g) const;
  // The part of the positive metric total, as the table's share column: 6 digits.
  Decimal metric_share(const GradeTotals& g) const;
};

struct Summary {
  Metric metric = Metric::Amount;
  bool compared = false;                // --previous given: the movement members are filled
  std::array<std::uint64_t, 3> gone{};  // earlier customers absent now, by their earlier grade
  std::uint64_t gone_total() const { return gone[0] + gone[1] + gone[2]; }
  std::vector<SummaryBlock> groups;  // one per group, in table order (empty without --group-by)
  SummaryBlock overall;
};

Summary summarize(const Table& table);

// The metric total as the table prints it: money with 2 digits, frequency whole.
std::string metric_text(Metric metric, Int128 units);

// "A 12 customers (20.0%), amount 800000.00 (80.0%); B ...": the log line.
std::string summary_line(const Summary& summary);
// "3 customers moved up, 1 down, 2 new, 1 gone" (SPEC 3.6's log line).
std::string movement_line(const Summary& summary);

}  // namespace abcgrade
