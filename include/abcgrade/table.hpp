// The management table of SPEC section 4: one row per customer in output
// order (group, then rank), every grade, share and cumulative share, and the
// column list with en and zh titles. Writers read cells from here and only
// decide how to spell them. Built from per-customer totals by a pure
// function: no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/aggregate.hpp"
#include "abcgrade/grading.hpp"
#include "abcgrade/policy.hpp"

namespace abcgrade {

enum class Lang { En, Zh };

enum class Column {
  Rank,
  CustomerId,
  Group,
  CustomerName,
  Grade,
  PreviousGrade,
  Movement,
  ParetoGrade,
  PercentileGrade,
  ThresholdGrade,
  Amount,
  Frequency,
  Profit,
  Clv,
  Share,
  CumulativeShare,
  Score,
  ScoreGrade,
  Kept,
};

enum class Movement { Up, Down, Same, New };
std::string_view name_of(Movement m, Lang lang);  // "up" / "上升", ...

struct ColumnSpec {
  Column kind = Column::Rank;
  std::size_t kept_index = 0;  // for Column::Kept
};

// One row of the table, compact (1 M customers must fit in memory twice
// over): fractions are kept as millionths, which is exactly what SPEC 4
// prints (6 fractional digits).
struct TableRow {
  std::uint32_t customer = 0;  // index into Table::customers
  std::uint32_t rank = 0;      // 1..N within the customer's group
  Grade grade = Grade::C;      // of --method
  Grade pareto = Grade::C;
  Grade percentile = Grade::C;
  Grade threshold = Grade::C;
  Grade score_grade = Grade::C;
  bool has_previous = false;  // SPEC 3.6 (when --previous)
  Grade previous_grade = Grade::C;
  Movement movement = Movement::New;
  std::uint32_t share_micro = 0;       // max(metric, 0) / T, in millionths
  std::uint32_t cumulative_micro = 0;  // this customer and everyone ranked above, / T
  std::uint32_t score_micro = 0;       // SPEC 3.4 (when computed)
};

// A cell's typed value, for writers.
struct Cell {
  enum class Type { Null, Text, Integer, Money, Fraction };
  Type type = Type::Null;
  std::string_view text;     // Text
  std::int64_t integer = 0;  // Integer
  Decimal number;            // Money (2 digits) or Fraction (6 digits)

  static Cell of_text(std::string_view s) { return Cell{Type::Text, s, 0, {}}; }
  static Cell of_integer(std::int64_t v) { return Cell{Type::Integer, {}, v, {}}; }
  static Cell of_money(Decimal d) { return Cell{Type::Money, {}, 0, d}; }
  static Cell of_millionths(std::uint32_t m) {
    return Cell{Type::Fraction, {}, 0, Decimal::from_units(static_cast<Int128>(m) * 100)};
  }
};

// A metric's name as the table titles its column ("amount", 购买力); recency,
// which has no column, is 最近购买天数 in zh.
std::string_view metric_title(Metric m, Lang lang);

// Appends an Integer, Money or Fraction cell as every text format prints it
// (SPEC 4): the integer, money with 2 decimals, a fraction with 6. Appends
// nothing for Null and Text, which each format writes its own way.
void append_number(std::string& out, const Cell& c);
// The same text written at `out`, which has room for kMaxNumberText bytes;
// returns its end.
inline constexpr std::size_t kMaxNumberText = Decimal::kMaxText;
char* format_number(char* out, const Cell& c);

// What went into building the table.
class PreviousGrades;

struct TableOptions {
  Policy policy;
  const PreviousGrades* previous = nullptr;  // --previous (SPEC 3.6); null = no comparison
  std::vector<Threshold> thresholds;         // the ones that apply (resolve_against_data)
  bool has_profit = false;
  bool has_name = false;  // a customer_name column: else the name is unavailable (null)
  std::vector<std::string> kept_headers;  // as written in the input
  std::optional<Date> as_of;              // for recency
};

struct Table {
  std::vector<CustomerTotals> customers;
  std::vector<std::shared_ptr<const void>> storage;  // what the customers' text views
  std::vector<TableRow> rows;                        // output order
  std::vector<ColumnSpec> columns;
  std::vector<std::string> kept_headers;
  Metric metric = Metric::Amount;
  bool has_profit = false;
  bool has_name = false;
  bool thresholded = false;  // some threshold applies (else threshold_grade is empty)
  bool grouped = false;
  bool scored = false;
  bool compared = false;                           // --previous given
  std::array<std::uint64_t, 3> previous_counts{};  // customers per earlier grade (for `gone`)

  // The value a customer is ranked by, in Decimal units.
  Int128 metric_units(const CustomerTotals& c) const;
  std::string_view title(const ColumnSpec& column, Lang lang) const;
  Cell cell(const TableRow& row, const ColumnSpec& column, Lang lang) const;
};

// Inline: the writers call it for every cell, and inlined the Cell it builds
// folds into the writer's own switch.
inline Cell Table::cell(const TableRow& row, const ColumnSpec& column, Lang lang) const {
  const CustomerTotals& c = customers[row.customer];
  switch (column.kind) {
    case Column::Rank:
      return Cell::of_integer(static_cast<std::int64_t>(row.rank));
    case Column::CustomerId:
      return Cell::of_text(c.id);
    case Column::Group:
      return Cell::of_text(c.group);
    case Column::CustomerName:
      // SPEC 4: "empty / null where a value is unavailable", as for profit.
      return has_name ? Cell::of_text(c.name) : Cell{};
    case Column::Grade:
      return Cell::of_text(letter(row.grade));
    case Column::PreviousGrade:
      return row.has_previous ? Cell::of_text(letter(row.previous_grade)) : Cell{};
    case Column::Movement:
      return Cell::of_text(name_of(row.movement, lang));
    case Column::ParetoGrade:
      return Cell::of_text(letter(row.pareto));
    case Column::PercentileGrade:
      return Cell::of_text(letter(row.percentile));
    case Column::ThresholdGrade:
      return thresholded ? Cell::of_text(letter(row.threshold)) : Cell{};
    case Column::Amount:
      return Cell::of_money(c.amount);
    case Column::Frequency:
      return Cell::of_integer(c.frequency);
    case Column::Profit:
      return has_profit ? Cell::of_money(c.profit) : Cell{};
    case Column::Clv:
      return Cell::of_money(c.clv);
    case Column::Share:
      return Cell::of_millionths(row.share_micro);
    case Column::CumulativeShare:
      return Cell::of_millionths(row.cumulative_micro);
    case Column::Score:
      return Cell::of_millionths(row.score_micro);
    case Column::ScoreGrade:
      return Cell::of_text(letter(row.score_grade));
    case Column::Kept:
      return Cell::of_text(c.kept[column.kept_index]);
  }
  return {};
}

// Ranks and grades `customers` per SPEC 3.2-3.5. REQUIRES: at least one customer.
Table build_table(CustomerSet customers, const TableOptions& options);
// The same for customers whose text outlives the table (tests).
Table build_table(std::vector<CustomerTotals> customers, const TableOptions& options);

// The value of `metric` for a customer, in Decimal units. Recency needs as_of.
Int128 metric_units(const CustomerTotals& c, Metric metric, std::optional<Date> as_of);

}  // namespace abcgrade
