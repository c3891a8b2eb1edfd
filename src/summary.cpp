#include "abcgrade/summary.hpp"

namespace abcgrade {
namespace {

void add(GradeTotals& t, Int128 value) {
  ++t.customers;
  t.metric += value;
  if (value > 0) t.positive_metric += value;
}

void add(SummaryBlock& block, Grade g, Int128 value) {
  add(block.grades[static_cast<std::size_t>(g)], value);
  add(block.total, value);
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
    if (table.grouped) add(s.groups.back(), row.grade, value);
    add(s.overall, row.grade, value);
  }
  return s;
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
