#include "abcgrade/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>

#include "abcgrade/error.hpp"
#include "abcgrade/text.hpp"

namespace abcgrade {
namespace {

constexpr double kMaxColumnWidth = 60;

// Labels of the summary sheet, in both languages.
struct Labels {
  const char* customers_sheet;
  const char* summary_sheet;
  const char* title;
  const char* grade;
  const char* customers;
  const char* customer_share;
  const char* metric_total;
  const char* metric_share;
  const char* total;
  const char* policy;
  const char* method;
  const char* metric;
  const char* pareto_cuts;
  const char* percentile_cuts;
  const char* threshold;
  const char* combine;
  const char* score;
  const char* window;
  const char* as_of;
  const char* group_by;
  const char* none;
  const char* all_data;
  const char* inputs;
  const char* file;
  const char* read;
  const char* used;
  const char* outside;
  const char* rejected;
  const char* group;
  const char* chart_data;
  const char* curve_x;
  const char* curve_y;
  const char* a_cut;
  const char* b_cut;
  const char* pareto_title;
  const char* x_axis;
  const char* y_axis;
  const char* grade_title;
  const char* movement;
  const char* earlier_now;
  const char* new_customers;
  const char* gone;
  const char* up;
  const char* down;
};

constexpr Labels kEn = {"customers",
                        "summary",
                        "abcgrade: customer grades",
                        "grade",
                        "customers",
                        "customer share",
                        "metric total",
                        "metric share",
                        "total",
                        "Policy",
                        "method",
                        "metric",
                        "pareto cut points (%)",
                        "percentile cut points (%)",
                        "threshold",
                        "combine",
                        "score weights",
                        "window (days)",
                        "as of",
                        "group by",
                        "none",
                        "all",
                        "Inputs",
                        "file",
                        "rows read",
                        "used",
                        "outside window",
                        "rejected",
                        "Group",
                        "Chart data",
                        "share of customers",
                        "cumulative share",
                        "A cut",
                        "B cut",
                        "Pareto curve: cumulative share of ",
                        "share of customers (largest first)",
                        "cumulative share of ",
                        "Customers and metric per grade",
                        "Movement since the earlier table",
                        "earlier \\ now",
                        "new",
                        "gone",
                        "moved up",
                        "moved down"};

constexpr Labels kZh = {"客户",
                        "汇总",
                        "abcgrade：客户分级",
                        "等级",
                        "客户数",
                        "客户占比",
                        "指标合计",
                        "指标占比",
                        "合计",
                        "分级策略",
                        "方法",
                        "指标",
                        "帕累托分界点 (%)",
                        "百分位分界点 (%)",
                        "阈值",
                        "组合方式",
                        "综合得分权重",
                        "时间窗 (天)",
                        "截止日期",
                        "分组",
                        "无",
                        "全部",
                        "输入文件",
                        "文件",
                        "读取行数",
                        "使用",
                        "时间窗外",
                        "拒绝",
                        "组",
                        "图表数据",
                        "客户占比",
                        "累计占比",
                        "A 分界",
                        "B 分界",
                        "帕累托曲线：累计占比 ",
                        "客户占比（从高到低）",
                        "累计占比 ",
                        "各等级客户与指标占比",
                        "与上期相比的变动",
                        "上期 \\ 本期",
                        "新增",
                        "流失",
                        "上升",
                        "下降"};

std::string_view method_label(Method m, Lang lang) {
  if (lang == Lang::En) return name_of(m);
  switch (m) {
    case Method::Pareto:
      return "帕累托";
    case Method::Percentile:
      return "百分位";
    case Method::Threshold:
      return "阈值";
    case Method::Score:
      return "综合得分";
  }
  return {};
}

// SPEC 3.3 --combine: all = the lowest per-metric grade, any = the highest.
std::string_view combine_label(Combine c, Lang lang) {
  if (lang == Lang::En) return name_of(c);
  return c == Combine::All ? "全部满足 (all)" : "任一满足 (any)";
}

bool is_grade_column(Column c) {
  return c == Column::Grade || c == Column::ParetoGrade || c == Column::PercentileGrade ||
         c == Column::ThresholdGrade || c == Column::ScoreGrade || c == Column::PreviousGrade;
}

class Workbook {
 public:
  Workbook(const std::string& path, const std::string& display, std::time_t created)
      : display_(display) {
    lxw_workbook_options options{};
    options.constant_memory =
        LXW_TRUE;  // rows stream through temporary files: 1 M rows in ~100 MiB
    book_ = workbook_new_opt(path.c_str(), &options);
    if (book_ == nullptr) throw Error(ExitCode::kIoErr, display + ": cannot write the workbook");
    // A fixed creation time: the same input gives the same bytes.
    lxw_doc_properties props{};
    props.created = created;
    check(workbook_set_properties(book_, &props));
  }
  ~Workbook() {
    if (book_ != nullptr) {
      // Not closed normally: free it; the caller's temporary file goes away.
      workbook_close(book_);
    }
  }

  void check(lxw_error e) const {
    if (e == LXW_NO_ERROR) return;
    if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
      throw Error(ExitCode::kDataErr, display_ +
                                          ": a text longer than 32,767 characters cannot go in an "
                                          "Excel cell (use -f csv or json)");
    }
    throw Error(ExitCode::kIoErr, display_ + ": cannot write the workbook: " + lxw_strerror(e));
  }

  lxw_format* format(const char* num_format, bool bold = false, std::uint32_t fill = 0) {
    lxw_format* f = workbook_add_format(book_);
    if (num_format != nullptr) format_set_num_format(f, num_format);
    if (bold) format_set_bold(f);
    if (fill != 0) {
      format_set_bg_color(f, static_cast<lxw_color_t>(fill));
      format_set_pattern(f, LXW_PATTERN_SOLID);
    }
    return f;
  }

  lxw_worksheet* sheet(const std::string& name) {
    lxw_worksheet* s = workbook_add_worksheet(book_, name.c_str());
    if (s == nullptr) throw Error(ExitCode::kIoErr, display_ + ": cannot add sheet " + name);
    return s;
  }

  lxw_chart* chart(std::uint8_t type) { return workbook_add_chart(book_, type); }

  void close() {
    lxw_workbook* b = book_;
    book_ = nullptr;
    check(workbook_close(b));
  }

 private:
  std::string display_;
  lxw_workbook* book_ = nullptr;
};

struct Formats {
  lxw_format* header;
  lxw_format* money;
  lxw_format* percent;
  lxw_format* integer;
  lxw_format* score;
  lxw_format* bold;
  std::array<lxw_format*, 3> grade;  // A green, B amber, C red: Excel's good/neutral/bad
};

Formats make_formats(Workbook& book) {
  Formats f;
  f.header = book.format(nullptr, true, 0xDDEBF7);
  f.money = book.format("#,##0.00");
  f.percent = book.format("0.00%");
  f.integer = book.format("0");
  f.score = book.format("0.000000");
  f.bold = book.format(nullptr, true);
  f.grade = {book.format(nullptr, false, 0xC6EFCE), book.format(nullptr, false, 0xFFEB9C),
             book.format(nullptr, false, 0xFFC7CE)};
  return f;
}

// Text goes in as text, whatever it looks like: no formula can run (SPEC 4).
// libxlsxwriter refuses text over Excel's 32,767 characters (it counts
// characters, not bytes), which Workbook::check turns into a data error.
void put_text(Workbook& book, lxw_worksheet* ws, lxw_row_t row, lxw_col_t col,
              std::string_view text, lxw_format* f = nullptr) {
  std::string copy(text);  // libxlsxwriter wants a NUL-terminated string
  book.check(worksheet_write_string(ws, row, col, copy.c_str(), f));
}

void put_number(Workbook& book, lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double value,
                lxw_format* f = nullptr) {
  book.check(worksheet_write_number(ws, row, col, value, f));
}

// The width a column needs: its widest cell, CJK characters counting two.
std::vector<double> fitted_widths(const Table& table, Lang lang) {
  std::vector<double> widths;
  for (const ColumnSpec& c : table.columns)
    widths.push_back(static_cast<double>(display_width(table.title(c, lang))));
  for (const TableRow& row : table.rows) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      const Cell cell = table.cell(row, table.columns[i], lang);
      double w = 0;
      switch (cell.type) {
        case Cell::Type::Null:
          break;
        case Cell::Type::Text:
          w = static_cast<double>(display_width(cell.text));
          break;
        case Cell::Type::Integer:
          w = static_cast<double>(std::to_string(cell.integer).size());
          break;
        case Cell::Type::Money: {
          const std::size_t digits = cell.number.to_string(2).size();
          w = static_cast<double>(digits + (digits > 6 ? (digits - 4) / 3 : 0));  // with separators
          break;
        }
        case Cell::Type::Fraction:
          w = 9;
          break;
      }
      widths[i] = std::max(widths[i], w);
    }
  }
  for (double& w : widths) w = std::min(kMaxColumnWidth, w + 2);
  return widths;
}

void write_customers(Workbook& book, const Formats& f, const Table& table,
                     const XlsxDocument& doc) {
  const Labels& L = doc.lang == Lang::Zh ? kZh : kEn;
  const std::vector<double> widths = fitted_widths(table, doc.lang);
  const std::size_t rows = table.rows.size();
  const lxw_col_t last_col = static_cast<lxw_col_t>(table.columns.size() - 1);
  std::size_t next = 0;
  int part = 1;
  do {
    // Past Excel's limit the table goes on in `customers (2)`, with its own header.
    std::string name = L.customers_sheet;
    if (part > 1) name += " (" + std::to_string(part) + ")";
    lxw_worksheet* ws = book.sheet(name);
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const ColumnSpec& c = table.columns[i];
      lxw_format* fmt = nullptr;
      switch (c.kind) {
        case Column::Amount:
        case Column::Profit:
        case Column::Clv:
          fmt = f.money;
          break;
        case Column::Share:
        case Column::CumulativeShare:
          fmt = f.percent;
          break;
        case Column::Rank:
        case Column::Frequency:
          fmt = f.integer;
          break;
        case Column::Score:
          fmt = f.score;
          break;
        default:
          break;
      }
      book.check(worksheet_set_column(ws, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i),
                                      widths[i], fmt));
    }
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      put_text(book, ws, 0, static_cast<lxw_col_t>(i), table.title(table.columns[i], doc.lang),
               f.header);
    }
    const std::size_t end = std::min(rows, next + doc.max_rows_per_sheet);
    for (std::size_t r = next; r < end; ++r) {
      const lxw_row_t out_row = static_cast<lxw_row_t>(r - next + 1);
      for (std::size_t i = 0; i < table.columns.size(); ++i) {
        const ColumnSpec& c = table.columns[i];
        const Cell cell = table.cell(table.rows[r], c, doc.lang);
        const lxw_col_t col = static_cast<lxw_col_t>(i);
        switch (cell.type) {
          case Cell::Type::Null:
            break;
          case Cell::Type::Text: {
            lxw_format* fmt = nullptr;
            if (is_grade_column(c.kind) && cell.text.size() == 1) {
              fmt = f.grade[static_cast<std::size_t>(cell.text[0] - 'A') % 3];
            }
            put_text(book, ws, out_row, col, cell.text, fmt);
            break;
          }
          case Cell::Type::Integer:
            put_number(book, ws, out_row, col, static_cast<double>(cell.integer), f.integer);
            break;
          case Cell::Type::Money:
            put_number(book, ws, out_row, col, cell.number.to_double(2), f.money);
            break;
          case Cell::Type::Fraction:
            put_number(book, ws, out_row, col, cell.number.to_double(),
                       c.kind == Column::Score ? f.score : f.percent);
            break;
        }
      }
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);  // the header on every printed page
    book.check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(end - next), last_col));
    next = end;
    ++part;
  } while (next < rows);
}

class SummarySheet {
 public:
  SummarySheet(Workbook& book, lxw_worksheet* ws, std::string name)
      : book_(book), ws_(ws), name_(std::move(name)) {}

  lxw_row_t row() const { return row_; }
  void skip(lxw_row_t n = 1) { row_ += n; }
  void text(lxw_col_t col, std::string_view s, lxw_format* fmt = nullptr) {
    put_text(book_, ws_, row_, col, s, fmt);
  }
  void number(lxw_col_t col, double v, lxw_format* fmt = nullptr) {
    put_number(book_, ws_, row_, col, v, fmt);
  }
  void next_row() { ++row_; }
  lxw_worksheet* sheet() const { return ws_; }
  const std::string& name() const { return name_; }

 private:
  Workbook& book_;
  lxw_worksheet* ws_;
  std::string name_;
  lxw_row_t row_ = 0;
};

// One block of the per-grade summary; returns the row of grade A.
lxw_row_t write_grade_block(SummarySheet& s, const Formats& f, const Labels& L,
                            const SummaryBlock& b, Metric metric, Lang lang) {
  const std::string metric_total =
      std::string(L.metric_total) + " (" + std::string(metric_title(metric, lang)) + ")";
  s.text(0, L.grade, f.header);
  s.text(1, L.customers, f.header);
  s.text(2, L.customer_share, f.header);
  s.text(3, metric_total, f.header);
  s.text(4, L.metric_share, f.header);
  s.next_row();
  const lxw_row_t first = s.row();
  for (std::size_t g = 0; g < 4; ++g) {
    const GradeTotals& t = g < 3 ? b.grades[g] : b.total;
    s.text(0, g < 3 ? letter(static_cast<Grade>(g)) : std::string_view(L.total),
           g < 3 ? f.grade[g] : f.bold);
    s.number(1, static_cast<double>(t.customers), f.integer);
    s.number(2, b.customer_share(t).to_double(), f.percent);
    s.number(3, Decimal::from_units(t.metric).to_double(2),
             metric == Metric::Frequency ? f.integer : f.money);
    s.number(4, b.metric_share(t).to_double(), f.percent);
    s.next_row();
  }
  return first;
}

std::string cut_text(const Cuts& c) { return c.a.to_shortest() + ", " + c.b.to_shortest(); }

void write_summary(Workbook& book, const Formats& f, const Table& table, const Summary& summary,
                   const XlsxDocument& doc) {
  const Labels& L = doc.lang == Lang::Zh ? kZh : kEn;
  const Lang lang = doc.lang;
  SummarySheet s(book, book.sheet(L.summary_sheet), L.summary_sheet);
  book.check(worksheet_set_column(s.sheet(), 0, 0, 30, nullptr));
  book.check(worksheet_set_column(s.sheet(), 1, 4, 22, nullptr));
  // Printed (or saved as PDF) it fits the page's width, charts included.
  worksheet_set_landscape(s.sheet());
  worksheet_fit_to_pages(s.sheet(), 1, 0);

  s.text(0, L.title, f.bold);
  s.skip(2);
  const lxw_row_t grades_at = write_grade_block(s, f, L, summary.overall, summary.metric, lang);
  s.skip();

  const Policy& p = doc.policy;
  s.text(0, L.policy, f.bold);
  s.next_row();
  auto item = [&](const char* label, const std::string& value) {
    s.text(0, label);
    s.text(1, value);
    s.next_row();
  };
  item(L.method, std::string(method_label(p.method, lang)));
  item(L.metric, std::string(metric_title(p.metric, lang)));
  item(L.pareto_cuts, cut_text(p.pareto));
  item(L.percentile_cuts, cut_text(p.percentile));
  for (const Threshold& t : doc.thresholds) {
    item(L.threshold, std::string(metric_title(t.metric, lang)) + " >= " + t.a_min.to_shortest() +
                          " A, >= " + t.b_min.to_shortest() + " B");
  }
  if (doc.thresholds.empty()) item(L.threshold, L.none);
  item(L.combine, std::string(combine_label(p.combine, lang)));
  if (table.scored) {
    std::string weights;
    for (const ScoreWeight& w : p.score) {
      weights += (weights.empty() ? "" : ", ") + std::string(metric_title(w.metric, lang)) + " " +
                 w.weight.to_shortest();
    }
    item(L.score, weights);
  }
  item(L.window, p.window_days ? std::to_string(*p.window_days) : std::string(L.none));
  item(L.as_of, doc.as_of ? to_string(*doc.as_of) : std::string(L.none));
  item(L.group_by, p.group_by ? *p.group_by : std::string(L.none));
  s.skip();

  s.text(0, L.inputs, f.bold);
  s.next_row();
  const char* heads[] = {L.file, L.read, L.used, L.outside, L.rejected};
  for (lxw_col_t c = 0; c < 5; ++c) s.text(c, heads[c], f.header);
  s.next_row();
  RowCounts all;
  for (std::size_t i = 0; i < doc.inputs.size(); ++i) {
    const RowCounts& c = i < doc.counts.size() ? doc.counts[i] : RowCounts{};
    s.text(0, doc.inputs[i]);
    const std::uint64_t values[] = {c.read, c.used, c.outside, c.rejected};
    for (lxw_col_t k = 0; k < 4; ++k)
      s.number(static_cast<lxw_col_t>(k + 1), static_cast<double>(values[k]), f.integer);
    all.read += c.read, all.used += c.used, all.outside += c.outside, all.rejected += c.rejected;
    s.next_row();
  }
  s.text(0, L.total, f.bold);
  const std::uint64_t totals[] = {all.read, all.used, all.outside, all.rejected};
  for (lxw_col_t k = 0; k < 4; ++k)
    s.number(static_cast<lxw_col_t>(k + 1), static_cast<double>(totals[k]), f.integer);
  s.next_row();
  s.skip();

  if (summary.compared) {
    // SPEC 3.6: the 3 x 3 migration matrix (earlier grade x grade), new and gone.
    const SummaryBlock& b = summary.overall;
    s.text(0, L.movement, f.bold);
    s.next_row();
    s.text(0, L.earlier_now, f.header);
    for (std::size_t now = 0; now < 3; ++now) {
      s.text(static_cast<lxw_col_t>(now + 1), letter(static_cast<Grade>(now)), f.header);
    }
    s.text(4, L.gone, f.header);
    s.next_row();
    for (std::size_t before = 0; before < 3; ++before) {
      s.text(0, letter(static_cast<Grade>(before)), f.grade[before]);
      for (std::size_t now = 0; now < 3; ++now) {
        s.number(static_cast<lxw_col_t>(now + 1), static_cast<double>(b.moves[before][now]),
                 f.integer);
      }
      s.number(4, static_cast<double>(summary.gone[before]), f.integer);
      s.next_row();
    }
    s.text(0, L.new_customers);
    for (std::size_t now = 0; now < 3; ++now) {
      s.number(static_cast<lxw_col_t>(now + 1),
               static_cast<double>(b.new_in(static_cast<Grade>(now))), f.integer);
    }
    s.next_row();
    s.text(0, L.up);
    s.number(1, static_cast<double>(b.moved_up()), f.integer);
    s.next_row();
    s.text(0, L.down);
    s.number(1, static_cast<double>(b.moved_down()), f.integer);
    s.next_row();
    s.skip();
  }

  for (const SummaryBlock& b : summary.groups) {
    s.text(0, std::string(L.group) + ": " + (b.group.empty() ? std::string("\"\"") : b.group),
           f.bold);
    s.next_row();
    write_grade_block(s, f, L, b, summary.metric, lang);
    s.skip();
  }

  // The Pareto curve's points: customers in rank order of the metric over
  // the whole table, the cumulative positive share at every 1 %.
  std::vector<Int128> values;
  values.reserve(table.customers.size());
  for (const CustomerTotals& c : table.customers) values.push_back(table.metric_units(c));
  std::sort(values.begin(), values.end(), [](Int128 a, Int128 b) { return a > b; });
  Int128 total = 0;
  for (Int128 v : values) total += v > 0 ? v : 0;
  s.text(0, L.chart_data, f.bold);
  s.next_row();
  s.text(0, L.curve_x, f.header);
  s.text(1, L.curve_y, f.header);
  s.text(2, std::string(L.a_cut) + " (" + p.pareto.a.to_shortest() + "%)", f.header);
  s.text(3, std::string(L.b_cut) + " (" + p.pareto.b.to_shortest() + "%)", f.header);
  s.next_row();
  const lxw_row_t curve_at = s.row();
  // A point per customer for small tables (a true Lorenz curve), else one
  // at every 1 % of customers.
  const std::size_t points = std::min<std::size_t>(values.size(), 100);
  Int128 running = 0;
  std::size_t taken = 0;
  const double a_cut = p.pareto.a.to_double() / 100, b_cut = p.pareto.b.to_double() / 100;
  for (std::size_t k = 0; k <= points; ++k) {
    const std::size_t upto = (values.size() * k + points - 1) / points;
    for (; taken < upto; ++taken) running += values[taken] > 0 ? values[taken] : 0;
    s.number(0, static_cast<double>(upto) / static_cast<double>(values.size()), f.percent);
    s.number(1, total > 0 ? static_cast<double>(running) / static_cast<double>(total) : 0.0,
             f.percent);
    s.number(2, a_cut, f.percent);
    s.number(3, b_cut, f.percent);
    s.next_row();
  }
  const lxw_row_t curve_last = static_cast<lxw_row_t>(curve_at + points);

  const std::string metric = std::string(metric_title(summary.metric, lang));
  lxw_chart* pareto = book.chart(LXW_CHART_SCATTER_STRAIGHT);
  const char* sheet = s.name().c_str();
  lxw_chart_series* curve = chart_add_series(pareto, nullptr, nullptr);
  chart_series_set_categories(curve, sheet, curve_at, 0, curve_last, 0);
  chart_series_set_values(curve, sheet, curve_at, 1, curve_last, 1);
  chart_series_set_name(curve, (std::string(L.curve_y) + " (" + metric + ")").c_str());
  lxw_chart_line curve_line{};
  curve_line.color = 0x1F4E79;
  curve_line.width = 2.25;
  chart_series_set_line(curve, &curve_line);
  const std::uint32_t cut_colors[] = {0x70AD47, 0xC00000};
  for (int cut = 0; cut < 2; ++cut) {
    lxw_chart_series* line = chart_add_series(pareto, nullptr, nullptr);
    chart_series_set_categories(line, sheet, curve_at, 0, curve_last, 0);
    chart_series_set_values(line, sheet, curve_at, static_cast<lxw_col_t>(2 + cut), curve_last,
                            static_cast<lxw_col_t>(2 + cut));
    chart_series_set_name(line, (std::string(cut == 0 ? L.a_cut : L.b_cut) + " " +
                                 (cut == 0 ? p.pareto.a : p.pareto.b).to_shortest() + "%")
                                    .c_str());
    lxw_chart_line dashed{};
    dashed.color = cut_colors[cut];
    dashed.dash_type = LXW_CHART_LINE_DASH_DASH;
    dashed.width = 1.5;
    chart_series_set_line(line, &dashed);
  }
  chart_title_set_name(pareto, (std::string(L.pareto_title) + metric).c_str());
  chart_axis_set_name(pareto->x_axis, L.x_axis);
  chart_axis_set_name(pareto->y_axis, (std::string(L.y_axis) + metric).c_str());
  for (lxw_chart_axis* axis : {pareto->x_axis, pareto->y_axis}) {
    chart_axis_set_num_format(axis, "0%");
    chart_axis_set_min(axis, 0);
    chart_axis_set_max(axis, 1);
  }
  chart_legend_set_position(pareto, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options at{};
  at.x_scale = 1.6;
  at.y_scale = 1.5;
  book.check(worksheet_insert_chart_opt(s.sheet(), 2, 6, pareto, &at));

  lxw_chart* bars = book.chart(LXW_CHART_COLUMN);
  const char* series_cols[] = {L.customer_share, L.metric_share};
  for (int k = 0; k < 2; ++k) {
    lxw_chart_series* series = chart_add_series(bars, nullptr, nullptr);
    chart_series_set_categories(series, sheet, grades_at, 0, static_cast<lxw_row_t>(grades_at + 2),
                                0);
    const lxw_col_t col = static_cast<lxw_col_t>(k == 0 ? 2 : 4);
    chart_series_set_values(series, sheet, grades_at, col, static_cast<lxw_row_t>(grades_at + 2),
                            col);
    chart_series_set_name(
        series,
        k == 0 ? series_cols[0] : (std::string(series_cols[1]) + " (" + metric + ")").c_str());
  }
  chart_title_set_name(bars, L.grade_title);
  chart_axis_set_num_format(bars->y_axis, "0%");
  chart_axis_set_min(bars->y_axis, 0);
  chart_legend_set_position(bars, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options below{};
  below.x_scale = 1.6;
  below.y_scale = 1.2;
  book.check(worksheet_insert_chart_opt(s.sheet(), 26, 6, bars, &below));
}

}  // namespace

void write_table_xlsx(const Table& table, const Summary& summary, const XlsxDocument& doc,
                      const std::string& path, const std::string& display_path) {
  // The as-of date (noon, UTC) as the creation time, so that the workbook's
  // bytes depend on the data only; 2000-01-01 without a date column.
  const std::time_t created =
      (doc.as_of ? static_cast<std::time_t>(doc.as_of->days) : 10957) * 86400 + 43200;
  Workbook book(path, display_path, created);
  const Formats f = make_formats(book);
  write_customers(book, f, table, doc);  // first: the sheet a manager opens on
  write_summary(book, f, table, summary, doc);
  book.close();
}

}  // namespace abcgrade
