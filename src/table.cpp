#include "abcgrade/table.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <numeric>

#include "abcgrade/previous_table.hpp"
#include "abcgrade/ranking.hpp"
#include "abcgrade/score.hpp"
#include "arena.hpp"
#include "permutation_cycles.hpp"
#include "two_halves.hpp"

namespace abcgrade {
namespace {

struct Titles {
  Column kind;
  std::string_view en, zh;
};

// SPEC 4 and 3.4-3.6: en and zh column names.
constexpr std::array<Titles, 18> kTitles = {{
    {Column::Rank, "rank", "排名"},
    {Column::CustomerId, "customer_id", "客户编号"},
    {Column::Group, "group", "组"},
    {Column::CustomerName, "customer_name", "客户名称"},
    {Column::Grade, "grade", "客户等级"},
    {Column::PreviousGrade, "previous_grade", "上期等级"},
    {Column::Movement, "movement", "变动"},
    {Column::ParetoGrade, "pareto_grade", "帕累托等级"},
    {Column::PercentileGrade, "percentile_grade", "百分位等级"},
    {Column::ThresholdGrade, "threshold_grade", "阈值等级"},
    {Column::Amount, "amount", "购买力"},
    {Column::Frequency, "frequency", "成交频率"},
    {Column::Profit, "profit", "利润贡献"},
    {Column::Clv, "clv", "生命周期价值"},
    {Column::Share, "share", "占比"},
    {Column::CumulativeShare, "cumulative_share", "累计占比"},
    {Column::Score, "score", "综合得分"},
    {Column::ScoreGrade, "score_grade", "综合等级"},
}};

// A fraction in [0, 1] rounded to 6 digits, as millionths.
std::uint32_t to_micro(Decimal d) { return static_cast<std::uint32_t>(d.units() / 100); }

// From this many customers (or moves), a step of grading runs in two halves
// on two threads; below it a thread costs more than it saves.
constexpr std::size_t kTwoThreadsFrom = std::size_t{1} << 16;

// How far ahead the loops that read customers at random ask for them (a
// prefetch): their addresses are known in advance, and without asking, each
// read waited for memory in turn. 1 M customers: the moves of permute()
// 0.13 s -> 0.03 s, the text copy 0.11 s -> 0.05 s.
constexpr std::size_t kMovesAhead = 16;
constexpr std::size_t kTextAhead = 8;

// Moves the customers and their values so that position j holds what was at
// order[j], in place (a second table of 1 M customers would raise the peak
// by 128 MB). The moves follow the permutation's cycles; a random order has
// one cycle of most customers, so the cycles' moves are listed first
// (list_cycles, a pass over `order` alone) and two threads each take half
// of the list. Each move reads the customer at the next position of
// its cycle before that position is overwritten; where the halves meet
// inside a cycle, the two customers that the other thread overwrites first
// are copied beforehand.
void permute(std::vector<CustomerTotals>& cs, std::vector<Int128>& values,
             std::vector<std::uint32_t>& order) {
  std::vector<std::uint32_t> walk;          // positions, cycle after cycle
  std::vector<std::uint32_t> cycle_starts;  // where each cycle begins in `walk`
  list_cycles(order, walk, cycle_starts);
  const std::size_t moves = walk.size();
  // The cycle that walk[index] belongs to: [its start, its end) in `walk`.
  auto cycle_of = [&](std::size_t index) {
    const auto next = std::upper_bound(cycle_starts.begin(), cycle_starts.end(), index);
    return std::pair<std::size_t, std::size_t>(next[-1], next[0]);
  };
  // in_two_halves splits at moves / 2: what the halves need of each other.
  const std::size_t middle = moves / 2;
  CustomerTotals middle_customer, middle_first_customer;
  Int128 middle_value = 0, middle_first_value = 0;
  if (middle > 0 && middle < moves) {
    const std::size_t start = cycle_of(middle).first;
    middle_customer = cs[walk[middle]];
    middle_value = values[walk[middle]];
    middle_first_customer = cs[walk[start]];
    middle_first_value = values[walk[start]];
  }
  in_two_halves(moves, kTwoThreadsFrom, [&](int, std::size_t lo, std::size_t hi) {
    std::size_t m = lo;
    while (m < hi) {
      const auto [start, end] = cycle_of(m);
      // The original customer at the cycle's first position, which its last
      // move takes: copied here, or by the caller when the cycle began in the
      // other half.
      CustomerTotals first_customer = start < lo ? middle_first_customer : cs[walk[start]];
      Int128 first_value = start < lo ? middle_first_value : values[walk[start]];
      const std::size_t stop = std::min(end, hi);
      for (; m < stop; ++m) {
        if (m + kMovesAhead < hi) {
          // A customer is 128 bytes at 16-byte alignment: up to three lines.
          const auto* ahead = reinterpret_cast<const char*>(&cs[walk[m + kMovesAhead]]);
          __builtin_prefetch(ahead, 1);
          __builtin_prefetch(ahead + 64, 1);
          __builtin_prefetch(ahead + sizeof(CustomerTotals) - 1, 1);
          __builtin_prefetch(&values[walk[m + kMovesAhead]], 1);
        }
        const std::uint32_t to = walk[m];
        if (m + 1 == end) {
          cs[to] = first_customer;
          values[to] = first_value;
        } else if (m + 1 == hi) {  // the other half overwrites walk[hi] first
          cs[to] = middle_customer;
          values[to] = middle_value;
        } else {
          cs[to] = cs[walk[m + 1]];
          values[to] = values[walk[m + 1]];
        }
      }
    }
  });
}

// Puts the customers (and their values) in output order, and their text in
// arenas in that order, so that grading and writing read memory in
// sequence instead of jumping through it (a cache miss per field per row,
// which made writing 1 M rows take seconds). `order` becomes 0, 1, 2, ...
void arrange_in_output_order(Table& table, std::vector<std::uint32_t>& order,
                             std::vector<Int128>& values) {
  std::vector<CustomerTotals>& cs = table.customers;
  const std::size_t n = cs.size();
  permute(cs, values, order);
  // The text is copied by two threads, each into its own arena: every
  // customer's copy is a read at random, slow for 1 M customers on one core.
  auto kept = std::make_shared<std::vector<std::string_view>>();
  const std::size_t kept_count = table.kept_headers.size();
  kept->resize(n * kept_count);
  auto copy_text = [&](Arena& arena, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      if (i + kTextAhead < end) {
        __builtin_prefetch(cs[i + kTextAhead].id.data());
        __builtin_prefetch(cs[i + kTextAhead].name.data());
      }
      CustomerTotals& c = cs[i];
      c.id = arena.store(c.id);
      c.name = arena.store(c.name);
      c.group = arena.store(c.group);
      std::string_view* out = kept->data() + i * kept_count;
      for (std::size_t k = 0; k < kept_count && k < c.kept.size(); ++k)
        out[k] = arena.store(c.kept[k]);
      if (kept_count > 0) c.kept = std::span<const std::string_view>(out, kept_count);
    }
  };
  auto first = std::make_shared<Arena>(), second = std::make_shared<Arena>();
  in_two_halves(n, kTwoThreadsFrom, [&](int half, std::size_t begin, std::size_t end) {
    copy_text(half == 0 ? *first : *second, begin, end);
  });
  table.storage = {first, second, kept};
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
}

struct ScoreCell {
  std::uint32_t score_micro = 0;
  Grade grade = Grade::C;
};

// SPEC 3.4 for one group: the composite score of each member, graded by the
// percentile rule over the score ranking (ties by customer_id; equal scores
// share a grade). `members` are indexes into table.customers; the result is
// in the same order.
std::vector<ScoreCell> grade_scores(const Table& table, const std::uint32_t* members,
                                    std::size_t size, const TableOptions& options) {
  std::vector<std::vector<Int128>> values;
  std::vector<Decimal> weights;
  for (const ScoreWeight& w : options.policy.score) {
    std::vector<Int128> v(size);
    for (std::size_t i = 0; i < size; ++i) {
      const Int128 units = metric_units(table.customers[members[i]], w.metric, options.as_of);
      v[i] = w.metric == Metric::Recency ? -units
                                         : units;  // more days since the last purchase is worse
    }
    values.push_back(std::move(v));
    weights.push_back(w.weight);
  }
  const CompositeScores scores = composite_scores(values, weights);
  std::vector<std::string_view> ids(size);
  for (std::size_t i = 0; i < size; ++i) ids[i] = table.customers[members[i]].id;
  const std::vector<std::uint32_t> order = rank_order(scores.numerators, ids);
  std::vector<Int128> ranked(size);
  for (std::size_t i = 0; i < size; ++i) ranked[i] = scores.numerators[order[i]];
  const std::vector<Grade> grades =
      grade_percentile(tie_group_firsts(ranked), options.policy.percentile);
  std::vector<ScoreCell> cells(size);
  for (std::size_t i = 0; i < size; ++i) {
    cells[order[i]] = {to_micro(rounded_ratio(ranked[i], scores.denominator, 6)), grades[i]};
  }
  return cells;
}

}  // namespace

std::string_view name_of(Movement m, Lang lang) {
  static constexpr std::array<std::string_view, 4> kEn = {"up", "down", "same", "new"};
  static constexpr std::array<std::string_view, 4> kZh = {"上升", "下降", "不变", "新增"};
  return (lang == Lang::Zh ? kZh : kEn)[static_cast<std::size_t>(m)];
}

Int128 metric_units(const CustomerTotals& c, Metric metric, std::optional<Date> as_of) {
  switch (metric) {
    case Metric::Amount:
      return c.amount.units();
    case Metric::Frequency:
      return static_cast<Int128>(c.frequency) * Decimal::kOne;
    case Metric::Profit:
      return c.profit.units();
    case Metric::Clv:
      return c.clv.units();
    case Metric::Recency:
      if (!as_of || !c.last_date) return 0;
      return static_cast<Int128>(as_of->days - c.last_date->days) * Decimal::kOne;
  }
  return 0;
}

Int128 Table::metric_units(const CustomerTotals& c) const {
  return abcgrade::metric_units(c, metric, {});
}

char* format_number(char* out, const Cell& c) {
  switch (c.type) {
    case Cell::Type::Integer:
      return std::to_chars(out, out + kMaxNumberText, c.integer).ptr;
    case Cell::Type::Money:
      return c.number.format_to(out, 2);
    case Cell::Type::Fraction:
      return c.number.format_to(out, 6);
    case Cell::Type::Null:
    case Cell::Type::Text:
      break;
  }
  return out;
}

void append_number(std::string& out, const Cell& c) {
  char buf[kMaxNumberText];
  out.append(buf, format_number(buf, c));
}

std::string_view metric_title(Metric m, Lang lang) {
  if (lang == Lang::En) return name_of(m);
  if (m == Metric::Recency) return "最近购买天数";  // a score ingredient, not a column
  const Column column = m == Metric::Amount      ? Column::Amount
                        : m == Metric::Frequency ? Column::Frequency
                        : m == Metric::Profit    ? Column::Profit
                                                 : Column::Clv;
  for (const Titles& t : kTitles) {
    if (t.kind == column) return t.zh;
  }
  return {};
}

std::string_view Table::title(const ColumnSpec& column, Lang lang) const {
  if (column.kind == Column::Kept) return kept_headers[column.kept_index];
  for (const Titles& t : kTitles) {
    if (t.kind == column.kind) return lang == Lang::Zh ? t.zh : t.en;
  }
  return {};
}

Table build_table(std::vector<CustomerTotals> customers, const TableOptions& options) {
  CustomerSet set;
  set.customers = std::move(customers);
  return build_table(std::move(set), options);
}

Table build_table(CustomerSet customers, const TableOptions& options) {
  Table table;
  table.customers = std::move(customers.customers);
  table.storage = std::move(customers.storage);
  table.metric = options.policy.metric;
  table.has_profit = options.has_profit;
  table.has_name = options.has_name;
  table.kept_headers = options.kept_headers;
  // A kept input column named like one of the table's own (`--keep grade`)
  // is shown as "grade (input)", so that no output has two columns (or
  // JSON keys) of one name and an earlier table reads back unambiguously.
  for (std::string& h : table.kept_headers) {
    for (const Titles& t : kTitles) {
      if (h == t.en || h == t.zh) {
        h += " (input)";
        break;
      }
    }
  }
  table.thresholded = !options.thresholds.empty();
  table.grouped = options.policy.group_by.has_value();
  table.scored = options.policy.score_requested || options.policy.method == Method::Score;
  table.compared = options.previous != nullptr;
  if (table.compared) {
    for (std::size_t g = 0; g < 3; ++g)
      table.previous_counts[g] = options.previous->count_of(static_cast<Grade>(g));
  }
  const std::vector<CustomerTotals>& cs = table.customers;
  const std::size_t n = cs.size();

  // SPEC 4 column order; 3.5 puts group after customer_id.
  using C = Column;
  for (C kind :
       {C::Rank, C::CustomerId, C::Group, C::CustomerName, C::Grade, C::PreviousGrade, C::Movement,
        C::ParetoGrade, C::PercentileGrade, C::ThresholdGrade, C::Amount, C::Frequency, C::Profit,
        C::Clv, C::Share, C::CumulativeShare, C::Score, C::ScoreGrade}) {
    if (kind == C::Group && !table.grouped) continue;
    if ((kind == C::PreviousGrade || kind == C::Movement) && !table.compared) continue;
    if ((kind == C::Score || kind == C::ScoreGrade) && !table.scored) continue;
    table.columns.push_back({kind, 0});
  }
  for (std::size_t k = 0; k < table.kept_headers.size(); ++k) table.columns.push_back({C::Kept, k});

  std::vector<Int128> values(n);
  std::vector<std::string_view> ids(n);
  in_two_halves(n, kTwoThreadsFrom, [&](int, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      values[i] = table.metric_units(cs[i]);
      ids[i] = cs[i].id;
    }
  });
  std::vector<std::uint32_t> order = rank_order(values, ids);
  ids = {};
  if (table.grouped) {
    // SPEC 3.5: ordered by group (byte order), then rank.
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return cs[a].group < cs[b].group; });
  }
  arrange_in_output_order(table, order, values);

  table.rows.resize(n);
  // The --method's grade, which every row's `grade` repeats (SPEC 3).
  Grade TableRow::*const method_grade = [&] {
    switch (options.policy.method) {
      case Method::Percentile:
        return &TableRow::percentile;
      case Method::Threshold:
        return &TableRow::threshold;
      case Method::Score:
        return &TableRow::score_grade;
      case Method::Pareto:
        break;
    }
    return &TableRow::pareto;
  }();
  for (std::size_t begin = 0; begin < n;) {
    std::size_t end = begin + 1;
    while (end < n && (!table.grouped || cs[order[end]].group == cs[order[begin]].group)) ++end;
    const std::size_t size = end - begin;

    // Arranged: the group's values are in rank order already.
    const std::span<const Int128> ranked(values.data() + begin, size);
    const std::vector<Grade> pareto = grade_pareto(ranked, options.policy.pareto);
    const std::vector<Grade> percentile =
        grade_percentile(tie_group_firsts(ranked), options.policy.percentile);
    const Int128 total = positive_total(ranked);

    std::vector<ScoreCell> scores;
    if (table.scored) scores = grade_scores(table, order.data() + begin, size, options);

    // Rows are independent but for the cumulative share's running total, so
    // a large group's rows are graded in two halves on two threads, the
    // second half starting from the first half's total.
    Int128 first_half_total = 0;
    for (std::size_t i = 0; i < size / 2; ++i) first_half_total += ranked[i] > 0 ? ranked[i] : 0;
    in_two_halves(size, kTwoThreadsFrom, [&](int half, std::size_t lo, std::size_t hi) {
      Int128 running = half == 0 ? 0 : first_half_total;
      for (std::size_t i = lo; i < hi; ++i) {
        TableRow& row = table.rows[begin + i];
        const CustomerTotals& c = cs[order[begin + i]];
        row.customer = order[begin + i];
        row.rank = static_cast<std::uint32_t>(i + 1);
        row.pareto = pareto[i];
        row.percentile = percentile[i];
        row.threshold = Grade::A;
        for (std::size_t t = 0; t < options.thresholds.size(); ++t) {
          const Threshold& th = options.thresholds[t];
          const Grade g =
              grade_threshold(Decimal::from_units(metric_units(c, th.metric, options.as_of)), th);
          row.threshold = t == 0 ? g : combine(row.threshold, g, options.policy.combine);
        }
        // SPEC 4: share = max(value, 0) / T; cumulative includes this customer.
        const Int128 positive = ranked[i] > 0 ? ranked[i] : 0;
        running += positive;
        if (total > 0) {
          row.share_micro = to_micro(rounded_ratio(positive, total, 6));
          row.cumulative_micro = to_micro(rounded_ratio(running, total, 6));
        }
        if (table.scored) {
          row.score_micro = scores[i].score_micro;
          row.score_grade = scores[i].grade;
        }
        row.grade = row.*method_grade;
        if (table.compared) {
          // SPEC 3.6: matched by customer_id; up means a better grade than before.
          if (const std::optional<Grade> before = options.previous->find(c.id)) {
            row.has_previous = true;
            row.previous_grade = *before;
            row.movement = row.grade < *before   ? Movement::Up
                           : row.grade > *before ? Movement::Down
                                                 : Movement::Same;
          } else {
            row.movement = Movement::New;
          }
        }
      }
    });
    begin = end;
  }
  return table;
}

}  // namespace abcgrade
