// Property tests: a small, obviously correct reference grader, written from
// SPEC 3.2-3.4 independently of src/ (whole cents in 64-bit integers, plain
// loops, no shared code), against abcgrade on thousands of random cases with
// ties, negatives, zeros, tiny N and random cut points; and the whole
// pipeline (CSV text in, on 1-3 threads and in tiny chunks) against the
// reference's own totals.
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "abcgrade/pipeline.hpp"
#include "abcgrade/table.hpp"

namespace abcgrade {
namespace {

// The reference's wide integer (its own alias: it shares no code with src/).
__extension__ typedef __int128 Wide;

// ---------------------------------------------------------------- reference

struct RefCustomer {
  std::string id;
  long long cents = 0;      // the ranked metric (amount)
  long long clv_cents = 0;  // the second score ingredient
};

struct RefRow {
  std::string id;
  char pareto, percentile, threshold, score_grade;
  long long share_micro, cumulative_micro, score_micro;
};

long long ceil_div(long long a, long long b) { return (a + b - 1) / b; }
long long round_div(Wide a, Wide b) {
  return static_cast<long long>((2 * a + b) / (2 * b));
}  // half up, a >= 0

// Percentile grades by position with the tie rule (SPEC 3.2, 3.3).
std::vector<char> percentile_grades(const std::vector<long long>& ranked, int a, int b) {
  const long long n = static_cast<long long>(ranked.size());
  const long long n_a = ceil_div(n * a, 100), n_c = ceil_div(n * (100 - b), 100);
  std::vector<char> g(ranked.size());
  for (long long p = 1; p <= n; ++p) {
    char grade = p <= n_a ? 'A' : (p > n - n_c ? 'C' : 'B');
    if (p > 1 && ranked[p - 1] == ranked[p - 2]) grade = g[p - 2];
    g[p - 1] = grade;
  }
  return g;
}

std::vector<RefRow> reference(std::vector<RefCustomer> cs, int pa, int pb, int qa, int qb,
                              long long a_min, long long b_min, long long w_amount,
                              long long w_clv) {
  std::sort(cs.begin(), cs.end(), [](const RefCustomer& x, const RefCustomer& y) {
    return x.cents != y.cents ? x.cents > y.cents : x.id < y.id;
  });
  const long long n = static_cast<long long>(cs.size());
  long long total = 0;
  for (const RefCustomer& c : cs) total += std::max(0LL, c.cents);
  std::vector<long long> ranked;
  for (const RefCustomer& c : cs) ranked.push_back(c.cents);
  const std::vector<char> percentile = percentile_grades(ranked, qa, qb);

  // Score (SPEC 3.4): p = (worse + (same - 1) / 2) / (N - 1), 1 when N = 1.
  auto position_twice = [&](long long v, bool clv) {  // 2 * worse + same - 1
    long long worse = 0, same = 0;
    for (const RefCustomer& o : cs) {
      const long long w = clv ? o.clv_cents : o.cents;
      worse += w < v;
      same += w == v;
    }
    return 2 * worse + same - 1;
  };
  std::vector<long long> score_micro(cs.size());
  std::vector<Wide> score_num(cs.size());
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (n == 1) {
      score_micro[i] = 1000000;
      score_num[i] = 1;
      continue;
    }
    score_num[i] = static_cast<Wide>(w_amount) * position_twice(cs[i].cents, false) +
                   static_cast<Wide>(w_clv) * position_twice(cs[i].clv_cents, true);
    score_micro[i] =
        round_div(score_num[i] * 1000000, static_cast<Wide>(w_amount + w_clv) * 2 * (n - 1));
  }
  // Score grades: the percentile rule over the score ranking (ties by id).
  std::vector<std::size_t> by_score(cs.size());
  for (std::size_t i = 0; i < cs.size(); ++i) by_score[i] = i;
  std::sort(by_score.begin(), by_score.end(), [&](std::size_t x, std::size_t y) {
    return score_num[x] != score_num[y] ? score_num[x] > score_num[y] : cs[x].id < cs[y].id;
  });
  std::vector<long long> score_ranked;
  for (std::size_t i : by_score) score_ranked.push_back(static_cast<long long>(score_num[i]));
  const std::vector<char> score_grades = percentile_grades(score_ranked, qa, qb);
  std::vector<char> score_grade(cs.size());
  for (std::size_t k = 0; k < by_score.size(); ++k) score_grade[by_score[k]] = score_grades[k];

  std::vector<RefRow> rows;
  long long before = 0, running = 0;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const long long v = cs[i].cents;
    char pareto = 'C';
    if (v > 0) pareto = before * 100 < pa * total ? 'A' : (before * 100 < pb * total ? 'B' : 'C');
    if (i > 0 && v == cs[i - 1].cents) pareto = rows.back().pareto;  // the tie rule
    if (v > 0) before += v;
    running += std::max(0LL, v);
    const char threshold = v >= a_min ? 'A' : (v >= b_min ? 'B' : 'C');
    rows.push_back(
        {cs[i].id, pareto, percentile[i], threshold, score_grade[i],
         total == 0 ? 0 : round_div(static_cast<Wide>(std::max(0LL, v)) * 1000000, total),
         total == 0 ? 0 : round_div(static_cast<Wide>(running) * 1000000, total), score_micro[i]});
  }
  return rows;
}

// ---------------------------------------------------------------- helpers

Decimal cents(long long c) {
  return Decimal::from_units(static_cast<Int128>(c) * (Decimal::kOne / 100));
}

char letter_of(Grade g) { return letter(g)[0]; }

long long micro_of(const Table& t, const TableRow& row, Column column) {
  return static_cast<long long>(t.cell(row, {column, 0}, Lang::En).number.units() / 100);
}

// Values drawn from a small pool (so that ties are common), with negatives and zeros.
long long random_cents(std::mt19937& rng) {
  static const long long kPool[] = {-2500, -1,  0,    0,    1,      100,    100,
                                    250,   999, 1000, 1000, 123456, 5000000};
  std::uniform_int_distribution<int> pick(0, 16);
  const int k = pick(rng);
  if (k < 13) return kPool[k];
  return std::uniform_int_distribution<long long>(-100000, 10000000)(rng);
}

TEST(Property, TableEqualsTheReferenceGraderOnRandomCases) {
  std::mt19937 rng(20261124);
  int checked = 0;
  for (int round = 0; round < 4000; ++round) {
    const int n = std::uniform_int_distribution<int>(1, round % 10 == 0 ? 60 : 12)(rng);
    std::vector<RefCustomer> ref;
    std::vector<CustomerTotals> customers;
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i)
      ids.push_back("c" + std::to_string(std::uniform_int_distribution<int>(0, 999)(rng)));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    // A third of the rounds use round values and cut points, so that
    // `before` lands exactly on a cut and ceil(N * A%) is exact: the
    // boundaries where < and <= differ.
    const bool round_values = round % 3 == 0;
    for (const std::string& id : ids) {
      RefCustomer r{id, random_cents(rng), random_cents(rng)};
      if (round_values) r.cents = 100 * std::uniform_int_distribution<int>(-1, 5)(rng);
      ref.push_back(r);
    }
    for (const RefCustomer& r : ref) {
      CustomerTotals c;
      c.id = r.id;
      c.amount = cents(r.cents);
      c.clv = cents(r.clv_cents);
      c.frequency = 1;
      customers.push_back(c);
    }
    auto cut = [&](int low) {
      const int c = std::uniform_int_distribution<int>(low, 100)(rng);
      return round_values ? std::max(low, c / 10 * 10) : c;
    };
    const int pa = cut(1), pb = cut(pa), qa = cut(1), qb = cut(qa);
    const long long b_min = random_cents(rng),
                    a_min = b_min + std::uniform_int_distribution<long long>(0, 5000)(rng);
    const long long w_amount = std::uniform_int_distribution<int>(1, 9)(rng),
                    w_clv = std::uniform_int_distribution<int>(1, 9)(rng);

    TableOptions options;
    options.policy.pareto = {Decimal::from_int(pa), Decimal::from_int(pb)};
    options.policy.percentile = {Decimal::from_int(qa), Decimal::from_int(qb)};
    options.policy.score = {{Metric::Amount, Decimal::from_int(w_amount)},
                            {Metric::Clv, Decimal::from_int(w_clv)}};
    options.policy.score_requested = true;
    options.thresholds = {{Metric::Amount, cents(a_min), cents(b_min)}};
    const Table t = build_table(customers, options);
    const std::vector<RefRow> want = reference(ref, pa, pb, qa, qb, a_min, b_min, w_amount, w_clv);

    ASSERT_EQ(t.rows.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      const TableRow& row = t.rows[i];
      SCOPED_TRACE("round " + std::to_string(round) + " position " + std::to_string(i + 1));
      ASSERT_EQ(t.customers[row.customer].id, want[i].id);
      ASSERT_EQ(letter_of(row.pareto), want[i].pareto);
      ASSERT_EQ(letter_of(row.percentile), want[i].percentile);
      ASSERT_EQ(letter_of(row.threshold), want[i].threshold);
      ASSERT_EQ(letter_of(row.score_grade), want[i].score_grade);
      ASSERT_EQ(micro_of(t, row, Column::Share), want[i].share_micro);
      ASSERT_EQ(micro_of(t, row, Column::CumulativeShare), want[i].cumulative_micro);
      ASSERT_EQ(micro_of(t, row, Column::Score), want[i].score_micro);
      ++checked;
    }
  }
  EXPECT_GT(checked, 20000);
}

TEST(Property, PipelineTotalsAndGradesEqualTheReferenceOnRandomTransactions) {
  std::mt19937 rng(7);
  auto log =
      std::make_shared<spdlog::logger>("property", std::make_shared<spdlog::sinks::null_sink_mt>());
  for (int round = 0; round < 300; ++round) {
    // Rows of up to 15 customers, in any order, with orders that come back.
    const int rows = std::uniform_int_distribution<int>(1, 80)(rng);
    std::map<std::string, long long> totals;
    std::map<std::string, std::map<std::string, bool>> orders;
    std::string csv = "customer_id,order_id,amount\n";
    for (int r = 0; r < rows; ++r) {
      const std::string id = "K" + std::to_string(std::uniform_int_distribution<int>(0, 14)(rng));
      const std::string order =
          "O" + std::to_string(std::uniform_int_distribution<int>(0, 20)(rng));
      const long long c = random_cents(rng);
      totals[id] += c;
      orders[id][order] = true;
      const long long mag = c < 0 ? -c : c;
      csv += id + "," + order + "," + (c < 0 ? "-" : "") + std::to_string(mag / 100) + "." +
             (mag % 100 < 10 ? "0" : "") + std::to_string(mag % 100) + "\n";
    }
    std::vector<RefCustomer> ref;
    for (const auto& [id, c] : totals) ref.push_back({id, c, c});  // clv = amount: no profit column
    const std::vector<RefRow> want = reference(ref, 80, 95, 20, 80, 50000000, 20000000, 8, 2);

    PipelineOptions options;
    options.load.threads = static_cast<unsigned>(1 + round % 3);
    options.load.chunk_bytes = round % 2 == 0 ? 13 : std::size_t{1} << 20;
    options.policy.thresholds = {
        {Metric::Amount, Decimal::from_int(500000), Decimal::from_int(200000)}};
    options.policy.thresholds_explicit = true;
    const std::vector<InputSpec> inputs = {{"-", "p.csv", &csv}};
    const PipelineResult r = run_pipeline(inputs, options, nullptr, nullptr, *log);
    ASSERT_EQ(r.counts.read, static_cast<std::uint64_t>(rows));
    ASSERT_EQ(r.table.rows.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      const TableRow& row = r.table.rows[i];
      const CustomerTotals& c = r.table.customers[row.customer];
      SCOPED_TRACE("round " + std::to_string(round) + " " + want[i].id);
      ASSERT_EQ(c.id, want[i].id);
      ASSERT_EQ(c.amount, cents(totals[want[i].id]));
      ASSERT_EQ(c.frequency, static_cast<std::int64_t>(orders[want[i].id].size()));
      ASSERT_EQ(letter_of(row.pareto), want[i].pareto);
      ASSERT_EQ(letter_of(row.percentile), want[i].percentile);
      ASSERT_EQ(letter_of(row.threshold), want[i].threshold);
      ASSERT_EQ(micro_of(r.table, row, Column::CumulativeShare), want[i].cumulative_micro);
    }
  }
}

}  // namespace
}  // namespace abcgrade
