#include "abcgrade/json_writer.hpp"

#include "abcgrade/policy_json.hpp"
#include "abcgrade/text.hpp"
#include "parallel_rows.hpp"

namespace abcgrade {
namespace {

void append_customer(std::string& out, const Table& table, const TableRow& row) {
  out += '{';
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnSpec& col = table.columns[i];
    if (i > 0) out += ',';
    append_json_string(out, table.title(col, Lang::En));
    out += ':';
    const Cell c = table.cell(row, col, Lang::En);
    switch (c.type) {
      case Cell::Type::Null:
        out += "null";
        break;
      case Cell::Type::Text:
        append_json_string(out, c.text);
        break;
      case Cell::Type::Integer:
      case Cell::Type::Money:
      case Cell::Type::Fraction:
        append_number(out, c);
        break;
    }
  }
  out += '}';
}

void append_totals(std::string& out, const SummaryBlock& b, const GradeTotals& t, Metric metric) {
  out += "\"customers\":" + std::to_string(t.customers) + ",\"customer_share\":";
  b.customer_share(t).append_to(out, 6);
  out += ",\"metric_total\":" + metric_text(metric, t.metric) + ",\"metric_share\":";
  b.metric_share(t).append_to(out, 6);
}

// SPEC 3.6: {"up", "down", "same", "new", ["gone",] "matrix": {earlier: {now: n}}};
// `gone` is known for the whole table only (< 0: leave it out).
void append_movement(std::string& out, const SummaryBlock& b, long long gone) {
  std::uint64_t same = b.moves[0][0] + b.moves[1][1] + b.moves[2][2];
  out += "\"movement\":{\"up\":" + std::to_string(b.moved_up()) +
         ",\"down\":" + std::to_string(b.moved_down()) + ",\"same\":" + std::to_string(same) +
         ",\"new\":" + std::to_string(b.new_customers);
  if (gone >= 0) out += ",\"gone\":" + std::to_string(gone);
  out += ",\"matrix\":{";
  for (std::size_t before = 0; before < 3; ++before) {
    out += before == 0 ? "\"" : ",\"";
    out += letter(static_cast<Grade>(before));
    out += "\":{";
    for (std::size_t now = 0; now < 3; ++now) {
      out += now == 0 ? "\"" : ",\"";
      out += letter(static_cast<Grade>(now));
      out += "\":" + std::to_string(b.moves[before][now]);
    }
    out += '}';
  }
  out += "}}";
}

void append_block(std::string& out, const SummaryBlock& b, Metric metric) {
  out += "\"grades\":[";
  for (std::size_t g = 0; g < 3; ++g) {
    out += g == 0 ? "{\"grade\":\"" : ",{\"grade\":\"";
    out += letter(static_cast<Grade>(g));
    out += "\",";
    append_totals(out, b, b.grades[g], metric);
    out += '}';
  }
  out += "],\"total\":{";
  append_totals(out, b, b.total, metric);
  out += '}';
}

std::string summary_json(const Summary& s) {
  std::string out = "{";
  if (!s.groups.empty()) {
    out += "\"groups\":[";
    for (std::size_t i = 0; i < s.groups.size(); ++i) {
      out += i == 0 ? "{\"group\":" : ",{\"group\":";
      append_json_string(out, s.groups[i].group);
      out += ',';
      append_block(out, s.groups[i], s.metric);
      if (s.compared) {
        out += ',';
        append_movement(out, s.groups[i], -1);
      }
      out += '}';
    }
    out += "],";
  }
  append_block(out, s.overall, s.metric);
  if (s.compared) {
    out += ',';
    append_movement(out, s.overall, static_cast<long long>(s.gone_total()));
  }
  return out + "}";
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  append_escaped(out, s, ControlEscape::JsonUnicode);
  out += '"';
}

void write_table_json(const Table& table, const Summary& summary, const JsonDocument& doc,
                      ByteSink& sink) {
  std::string out = "{\"as_of\":";
  if (doc.as_of)
    append_json_string(out, to_string(*doc.as_of));
  else
    out += "null";
  out += ",\"metric\":";
  append_json_string(out, name_of(doc.policy.metric));
  out += ",\"method\":";
  append_json_string(out, name_of(doc.policy.method));
  out += ",\"policy\":" + policy_to_compact_json(doc.policy, doc.thresholds);
  out += ",\"summary\":" + summary_json(summary);
  out += ",\"customers\":[";
  sink.write(out);
  write_rows_in_parallel(
      table.rows.size(),
      [&](std::string& text, std::size_t r) {
        text += r == 0 ? "\n" : ",\n";
        append_customer(text, table, table.rows[r]);
      },
      sink);
  sink.write("\n]}\n");
}

void write_table_jsonl(const Table& table, ByteSink& sink) {
  write_rows_in_parallel(
      table.rows.size(),
      [&](std::string& text, std::size_t r) {
        append_customer(text, table, table.rows[r]);
        text += '\n';
      },
      sink);
}

void write_summary_json(const Summary& summary, ByteSink& sink) {
  sink.write(summary_json(summary) + "\n");
}

}  // namespace abcgrade
