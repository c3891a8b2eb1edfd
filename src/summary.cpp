#include "abcgrade/summary.hpp"

namespace abcgrade {
namespace {

void add(GradeTotals& t, Int128 value) {
  ++t.customers;
  t.metric += value;
  if (value > 0) t.positive_metric += value;
}

void add(SummaryBlock& block, const TableRow& row, Int128 value) {
  add(block.grades[static_cast<std::size_t>(row.grade)], value);
  add(block.total, value);
  if (row.has_previous) {
    ++block
          .moves[static_cast<std::size_t>(row.previous_grade)][static_cast<std::size_t>(row.grade)];
  } else {
    ++block.new_customers;
  }
}

}  // namespace

Decimal SummaryBlock::customer_share(const GradeTotals& g) const {
  if (total.customers == 0) return Decimal();
  return rounded_ratio(static_cast<Int128>(g.customers), static_cast<Int128>(total.customers), 6);
}

Decimal SummaryBlock::metric_share(const GradeTotals& g) const {
  if (total.positive_metric <= 0) return Decimal();
  return rounded_ratio(g.positive_metric, total.positive_metric, 6);
}

Summary summarize(const Table& table) {
  Summary s;
  s.metric = table.metric;
  for (const TableRow& row : table.rows) {
    const CustomerTotals& c = table.customers[row.customer];
    const Int128 value = table.metric_units(c);
    if (table.grouped && (s.groups.empty() || s.groups.back().group != c.group)) {
      s.groups.emplace_back();
      s.groups.back().overall = false;
      s.groups.back().group = c.group;
    }
    if (table.grouped) add(s.groups.back(), row, value);
    add(s.overall, row, value);
  }
  s.compared = table.compared;
  if (s.compared) {
    for (std::size_t before = 0; before < 3; ++before) {
      std::uint64_t still = 0;
      for (std::size_t now = 0; now < 3; ++now) still += s.overall.moves[before][now];
      s.gone[before] = table.previous_counts[before] - still;
    }
  } else {
    s.overall.new_customers = 0;
    for (SummaryBlock& b : s.groups) b.new_customers = 0;
  }
  return s;
}

std::uint64_t SummaryBlock::moved_up() const { return moves[1][0] + moves[2][0] + moves[2][1]; }

std::uint64_t SummaryBlock::moved_down() const { return moves[0][1] + moves[0][2] + moves[1][2]; }

std::uint64_t SummaryBlock::new_in(Grade g) const {
  const std::size_t now = static_cast<std::size_t>(g);
  return grades[now].customers - moves[0][now] - moves[1][now] - moves[2][now];
}

std::string movement_line(const Summary& s) {
  const std::uint64_t up = s.overall.moved_up();
  return std::to_string(up) + (up == 1 ? " customer moved up, " : " customers moved up, ") +
         std::to_string(s.overall.moved_down()) + " down, " +
         std::to_string(s.overall.new_customers) + " new, " + std::to_string(s.gone_total()) +
         " gone";
}

std::string metric_text(Metric metric, Int128 units) {
  const Decimal d = Decimal::from_units(units);
  return metric == Metric::Frequency ? d.to_string(0) : d.to_string(2);
}

std::string summary_line(const Summary& s) {
  std::string out;
  const SummaryBlock& b = s.overall;
  for (std::size_t g = 0; g < 3; ++g) {
    const GradeTotals& t = b.grades[g];
    Decimal pct_c = Decimal::from_units(b.customer_share(t).units() * 100);
    Decimal pct_m = Decimal::from_units(b.metric_share(t).units() * 100);
    out += g == 0 ? "" : "; ";
    out += std::string(letter(static_cast<Grade>(g))) + " " + std::to_string(t.customers) +
           (t.customers == 1 ? " customer (" : " customers (") + pct_c.to_string(1) + "%), " +
           std::string(name_of(s.metric)) + " " + metric_text(s.metric, t.metric) + " (" +
           pct_m.to_string(1) + "%)";
  }
  return out;
}

}  // namespace abcgrade
