#include "abcgrade/csv_writer.hpp"

#include <array>
#include <cstring>

#include "abcgrade/text.hpp"
#include "parallel_rows.hpp"

namespace abcgrade {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view line_end(const CsvStyle& s) { return s.excel ? "\r\n" : "\n"; }

// The most bytes put_csv_field writes for `v`: quotes, the guard and every
// byte a doubled quote.
std::size_t field_room(std::string_view v) { return 2 * v.size() + 3; }

// Bytes that make a field quoted (RFC 4180), besides spaces at its ends.
constexpr std::array<bool, 256> kQuoteTriggers = [] {
  std::array<bool, 256> t{};
  for (const unsigned char c : {',', '"', '\r', '\n'}) t[c] = true;
  return t;
}();

// Writes `v` as one field at `out` (room: field_room(v)); returns its end.
char* put_csv_field(char* out, std::string_view v, bool text_cell, const CsvStyle& style) {
  const bool guard = style.excel && text_cell && looks_like_formula(v);
  bool quote = !v.empty() && (v.front() == ' ' || v.back() == ' ');
  for (std::size_t i = 0; i < v.size() && !quote; ++i)
    quote = kQuoteTriggers[static_cast<unsigned char>(v[i])];
  if (!quote && !guard) {
    if (!v.empty()) std::memcpy(out, v.data(), v.size());  // an empty view's data() may be null
    return out + v.size();
  }
  if (quote) *out++ = '"';
  if (guard) *out++ = '\'';
  for (const char c : v) {
    if (c == '"') *out++ = '"';
    *out++ = c;
  }
  if (quote) *out++ = '"';
  return out;
}

// A row's text, built in a buffer on the stack and appended to the block
// once: each cell is written by pointer instead of by a std::string append
// and its checks, which were most of writing's instructions (callgrind).
class RowText {
 public:
  explicit RowText(std::string& out) : out_(out) {}
  RowText(const RowText&) = delete;
  RowText& operator=(const RowText&) = delete;
  ~RowText() { flush(); }

  // Room for `n` bytes at the cursor, or null when a cell needs more than
  // the whole buffer (a long name or kept value): the buffer is then
  // flushed, and the caller appends the cell to text() itself.
  char* room(std::size_t n) {
    if (static_cast<std::size_t>(buf_ + sizeof buf_ - at_) >= n) return at_;
    flush();
    return n <= sizeof buf_ ? at_ : nullptr;
  }
  void advance(char* to) { at_ = to; }
  void flush() {
    out_.append(buf_, at_);
    at_ = buf_;
  }
  std::string& text() { return out_; }

 private:
  std::string& out_;
  char buf_[1024];
  char* at_ = buf_;
};

void put_cell(RowText& row, const Cell& c, bool first, const CsvStyle& style) {
  const std::size_t need = 1 + (c.type == Cell::Type::Text ? field_room(c.text) : kMaxNumberText);
  char* p = row.room(need);
  if (p == nullptr) {  // only text: a number always fits
    if (!first) row.text() += ',';
    append_csv_field(row.text(), c.text, true, style);
    return;
  }
  if (!first) *p++ = ',';
  if (c.type == Cell::Type::Text)
    p = put_csv_field(p, c.text, true, style);
  else
    p = format_number(p, c);
  row.advance(p);
}

}  // namespace

void append_csv_field(std::string& out, std::string_view v, bool text_cell, const CsvStyle& style) {
  const std::size_t at = out.size();
  out.resize(at + field_room(v));
  out.resize(
      static_cast<std::size_t>(put_csv_field(out.data() + at, v, text_cell, style) - out.data()));
}

void write_table_csv(const Table& table, Lang lang, const CsvStyle& style, ByteSink& sink) {
  std::string out;
  if (style.excel) out += kBom;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i > 0) out += ',';
    append_csv_field(out, table.title(table.columns[i], lang), true, style);
  }
  out += line_end(style);
  sink.write(out);
  write_rows_in_parallel(
      table.rows.size(),
      [&](std::string& text, std::size_t r) {
        RowText row(text);
        for (std::size_t i = 0; i < table.columns.size(); ++i)
          put_cell(row, table.cell(table.rows[r], table.columns[i], lang), i == 0, style);
        const std::string_view end = line_end(style);
        char* p = row.room(end.size());
        std::memcpy(p, end.data(), end.size());
        row.advance(p + end.size());
      },
      sink);
}

void write_summary_csv(const Summary& summary, const CsvStyle& style, ByteSink& sink) {
  std::string out;
  if (style.excel) out += kBom;
  const bool grouped = !summary.groups.empty();
  out += grouped ? "group,grade,customers,customer_share,metric_total,metric_share"
                 : "grade,customers,customer_share,metric_total,metric_share";
  // SPEC 3.6 with --previous: each grade's customers by their earlier grade
  // (the migration matrix, a row per current grade), those new, and a last
  // row for the customers gone since.
  if (summary.compared) out += ",previous_A,previous_B,previous_C,new";
  out += line_end(style);
  auto label = [&](const SummaryBlock& b) {
    if (!grouped) return;
    append_csv_field(out, b.overall ? std::string_view("(all)") : std::string_view(b.group), true,
                     style);
    out += ',';
  };
  auto block = [&](const SummaryBlock& b) {
    for (std::size_t g = 0; g < 4; ++g) {
      const GradeTotals& t = g < 3 ? b.grades[g] : b.total;
      label(b);
      out += g < 3 ? letter(static_cast<Grade>(g)) : "total";
      out += ',' + std::to_string(t.customers) + ',';
      b.customer_share(t).append_to(out, 6);
      out += ',' + metric_text(summary.metric, t.metric) + ',';
      b.metric_share(t).append_to(out, 6);
      if (summary.compared) {
        for (std::size_t before = 0; before < 3; ++before) {
          std::uint64_t n = 0;
          for (std::size_t now = 0; now < 3; ++now) {
            if (g == 3 || now == g) n += b.moves[before][now];
          }
          out += ',' + std::to_string(n);
        }
        const std::uint64_t fresh = g < 3 ? b.new_in(static_cast<Grade>(g)) : b.new_customers;
        out += ',' + std::to_string(fresh);
      }
      out += line_end(style);
    }
  };
  for (const SummaryBlock& b : summary.groups) block(b);
  block(summary.overall);
  if (summary.compared) {
    label(summary.overall);
    out += "gone," + std::to_string(summary.gone_total()) + ",,,";
    for (std::uint64_t g : summary.gone) out += ',' + std::to_string(g);
    out += ',';
    out += line_end(style);
  }
  sink.write(out);
}

RejectsCsv::RejectsCsv(ByteSink& sink, const CsvStyle& style) : sink_(sink), style_(style) {
  std::string header = style.excel ? std::string(kBom) : std::string();
  header += "file,line,reason,row";
  header += line_end(style);
  sink_.write(header);
}

void RejectsCsv::reject(const RejectedRow& row) {
  line_.clear();
  append_csv_field(line_, row.file, true, style_);
  line_ += ',' + std::to_string(row.line) + ',';
  append_csv_field(line_, row.reason, true, style_);
  line_ += ',';
  append_csv_field(line_, row.raw, true, style_);
  line_ += line_end(style_);
  sink_.write(line_);
}

}  // namespace abcgrade
