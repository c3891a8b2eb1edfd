// The Excel workbook (SPEC 4, xlsx), read back by an independent reader:
// openpyxl from Debian (python3-openpyxl, installed by .ci/run) through
// tests/e2e/xlsx_facts.py, which lists sheets, cells (type, value, number
// format, fill), the frozen pane, the autofilter and the charts' series.
// Expected values are worked by hand from SPEC 3-4 in the comments.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "testutil.hpp"
#include "xlsx_facts.hpp"

namespace abcgrade::test {
namespace {

std::string get(const std::map<std::string, std::string>& facts, const std::string& key) {
  const auto it = facts.find(key);
  return it == facts.end() ? "<absent>" : it->second;
}

// 00123 500000, C2 250000.50, C3 -10: T = 750000.50. Pareto: 00123 before 0
// -> A; C2 before 500000, 5e7 < 80 * 750000.5 = 6.00000e7 -> A; C3 -> C.
// Percentile N = 3: A, B, C. Thresholds (amount, frequency, clv with `all`):
// 00123 amount A, frequency 1 C -> C. Shares: 500000 / 750000.5 = 0.6666662
// -> 0.666666; 250000.5 / 750000.5 = 0.3333337 -> 0.333334, cumulative 1.
const std::string kInput =
    "customer_id,customer_name,amount\n"
    "00123,\"=SUM(A1)\",500000\n"
    "C2,张三,250000.50\n"
    "C3,Bob,-10\n";

class XlsxOutput : public ::testing::Test {
 protected:
  TempDir dir;
};

TEST_F(XlsxOutput, CustomersSheetHoldsTypedCellsFrozenHeaderAndAutofilter) {
  dir.write("in.csv", kInput);
  const RunResult r = run_abcgrade({"classify", "-o", "out.xlsx", "in.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const auto f = xlsx_facts(dir / "out.xlsx");
  EXPECT_EQ(get(f, "sheets"), "customers,summary");
  EXPECT_EQ(get(f, "customers.freeze"), "A2");
  EXPECT_EQ(get(f, "customers.autofilter"), "A1:M4");
  EXPECT_EQ(get(f, "customers.A1"), "s|rank|General|FFDDEBF7");
  EXPECT_EQ(get(f, "customers.M1"), "s|cumulative_share|General|FFDDEBF7");
  // Ids and names are text: the zeros stay, the formula does not run.
  EXPECT_EQ(get(f, "customers.A2"), "n|1|0|-");
  EXPECT_EQ(get(f, "customers.B2"), "s|00123|General|-");
  EXPECT_EQ(get(f, "customers.C2"), "s|=SUM(A1)|General|-");
  EXPECT_EQ(get(f, "customers.C3"), "s|张三|General|-");
  // Grades with their fill: A green, B amber, C red.
  EXPECT_EQ(get(f, "customers.D2"), "s|A|General|FFC6EFCE");
  EXPECT_EQ(get(f, "customers.F3"), "s|B|General|FFFFEB9C");
  EXPECT_EQ(get(f, "customers.G2"), "s|C|General|FFFFC7CE");
  // Money as numbers with #,##0.00; counts as integers; shares as percentages.
  EXPECT_EQ(get(f, "customers.H2"), "n|500000|#,##0.00|-");
  EXPECT_EQ(get(f, "customers.H3"), "n|250000.5|#,##0.00|-");
  EXPECT_EQ(get(f, "customers.H4"), "n|-10|#,##0.00|-");
  EXPECT_EQ(get(f, "customers.I2"), "n|1|0|-");
  EXPECT_EQ(get(f, "customers.J2"), "<absent>");  // no profit column: the cell is empty
  EXPECT_EQ(get(f, "customers.L2"), "n|0.666666|0.00%|-");
  EXPECT_EQ(get(f, "customers.L3"), "n|0.333334|0.00%|-");
  EXPECT_EQ(get(f, "customers.M3"), "n|1|0.00%|-");
  // Widths fit the content: "cumulative_share" is 16 wide; 张三 counts 4.
  EXPECT_EQ(get(f, "customers.width.M"), "18.7");
}

TEST_F(XlsxOutput, SummarySheetHasGradesPolicyInputsAndBothCharts) {
  dir.write("in.csv", kInput);
  ASSERT_EQ(run_abcgrade({"classify", "--format", "xlsx", "-o", "book.xlsx", "in.csv"}, dir.path())
                .exit_code,
            0);
  const auto f = xlsx_facts(dir / "book.xlsx");
  // Grades: A 2 customers (0.666667 of customers), amount 750000.50 (1.0 of T).
  EXPECT_EQ(get(f, "summary.A3"), "s|grade|General|FFDDEBF7");
  EXPECT_EQ(get(f, "summary.A4"), "s|A|General|FFC6EFCE");
  EXPECT_EQ(get(f, "summary.B4"), "n|2|0|-");
  EXPECT_EQ(get(f, "summary.C4"), "n|0.666667|0.00%|-");
  EXPECT_EQ(get(f, "summary.D4"), "n|750000.5|#,##0.00|-");
  EXPECT_EQ(get(f, "summary.E4"), "n|1|0.00%|-");
  EXPECT_EQ(get(f, "summary.A7"), "s|total|General|-");
  EXPECT_EQ(get(f, "summary.D7"), "n|749990.5|#,##0.00|-");
  // The policy block names the method and the cut points.
  EXPECT_EQ(get(f, "summary.A9"), "s|Policy|General|-");
  EXPECT_EQ(get(f, "summary.B10"), "s|pareto|General|-");
  EXPECT_EQ(get(f, "summary.B12"), "s|80, 95|General|-");
  // Charts: the Pareto curve (a scatter of cumulative share against share of
  // customers, with the A and B cut lines) and the column chart per grade.
  EXPECT_EQ(get(f, "chart.0.kind"), "scatterChart");
  EXPECT_EQ(get(f, "chart.0.title"), "Pareto curve: cumulative share of amount");
  EXPECT_EQ(get(f, "chart.1.kind"), "barChart");
  EXPECT_EQ(get(f, "chart.1.series.0"), "summary!$A$4:$A$6;summary!$C$4:$C$6");
  EXPECT_EQ(get(f, "chart.1.series.1"), "summary!$A$4:$A$6;summary!$E$4:$E$6");
  // The curve's series share their x range; the cells hold 0 % ... 100 %.
  const std::string curve = get(f, "chart.0.series.0");
  const std::string x = curve.substr(0, curve.find(';'));
  ASSERT_EQ(x.rfind("summary!$A$", 0), 0u) << curve;
  const std::string first_row = x.substr(11, x.find(':') - 11);
  const std::string last_row = x.substr(x.rfind('$') + 1);
  EXPECT_EQ(curve, x + ";summary!$B$" + first_row + ":$B$" + last_row);
  EXPECT_EQ(get(f, "chart.0.series.1"), x + ";summary!$C$" + first_row + ":$C$" + last_row);
  EXPECT_EQ(get(f, "chart.0.series.2"), x + ";summary!$D$" + first_row + ":$D$" + last_row);
  // Three customers: points at 0, 1/3, 2/3, 1; cumulative 0, 2/3 (0.6666662),
  // 1, 1; the cut lines at 80 % and 95 %.
  EXPECT_EQ(std::stoi(last_row) - std::stoi(first_row), 3);
  EXPECT_EQ(get(f, "summary.A" + first_row), "n|0|0.00%|-");
  EXPECT_EQ(get(f, "summary.B" + first_row), "n|0|0.00%|-");
  EXPECT_EQ(get(f, "summary.B" + last_row), "n|1|0.00%|-");
  EXPECT_EQ(get(f, "summary.C" + first_row), "n|0.8|0.00%|-");
  EXPECT_EQ(get(f, "summary.D" + first_row), "n|0.95|0.00%|-");
}

TEST_F(XlsxOutput, ChineseLabelsThroughout) {
  dir.write("in.csv", kInput);
  ASSERT_EQ(
      run_abcgrade({"classify", "--lang", "zh", "-o", "zh.xlsx", "in.csv"}, dir.path()).exit_code,
      0);
  const auto f = xlsx_facts(dir / "zh.xlsx");
  EXPECT_EQ(get(f, "sheets"), "客户,汇总");
  EXPECT_EQ(get(f, "客户.B1"), "s|客户编号|General|FFDDEBF7");
  EXPECT_EQ(get(f, "客户.D1"), "s|客户等级|General|FFDDEBF7");
  EXPECT_EQ(get(f, "客户.D2"), "s|A|General|FFC6EFCE");  // the same letters and colours
  EXPECT_EQ(get(f, "汇总.A3"), "s|等级|General|FFDDEBF7");
  EXPECT_EQ(get(f, "汇总.B10"), "s|帕累托|General|-");
  EXPECT_EQ(get(f, "汇总.A17"), "s|组合方式|General|-");
  EXPECT_EQ(get(f, "汇总.B17"), "s|全部满足 (all)|General|-");  // --combine's value, in zh too
  EXPECT_EQ(get(f, "chart.0.title"), "帕累托曲线：累计占比 购买力");
  EXPECT_EQ(get(f, "chart.1.series.0"), "'汇总'!$A$4:$A$6;'汇总'!$C$4:$C$6");  // quoted: not ASCII
}

// Excel's limit is 32,767 characters per cell, not bytes: 11,000 Chinese
// characters (33,000 bytes of UTF-8) fit; 32,768 ASCII characters do not,
// and that is a data error naming the file, with the earlier file kept.
// SPEC 4 prints money with 2 decimals, half away from zero; the cell holds
// that value (100.13), so that a SUM in Excel agrees with the CSV.
TEST_F(XlsxOutput, MoneyCellsHoldTheValueRoundedToCents) {
  dir.write("cents.csv", "customer_id,amount\nC1,100.125\nC2,-0.005\n");
  ASSERT_EQ(run_abcgrade({"classify", "-o", "c.xlsx", "cents.csv"}, dir.path()).exit_code, 0);
  const auto f = xlsx_facts(dir / "c.xlsx");
  EXPECT_EQ(get(f, "customers.H2"), "n|100.13|#,##0.00|-");
  EXPECT_EQ(get(f, "customers.H3"), "n|-0.01|#,##0.00|-");
}

TEST_F(XlsxOutput, CellTextLimitCountsCharactersNotBytes) {
  std::string long_zh;
  for (int i = 0; i < 11000; ++i) long_zh += "客";
  dir.write("zh.csv", "customer_id,amount,note\nC1,1," + long_zh + "\n");
  const RunResult fits =
      run_abcgrade({"classify", "--keep", "note", "-o", "zh.xlsx", "zh.csv"}, dir.path());
  EXPECT_EQ(fits.exit_code, 0) << fits.err;
  EXPECT_EQ(get(xlsx_facts(dir / "zh.xlsx"), "customers.N2"), "s|" + long_zh + "|General|-");

  dir.write("long.csv", "customer_id,amount,note\nC1,1," + std::string(32768, 'x') + "\n");
  dir.write("long.xlsx", "earlier");
  const RunResult too_long =
      run_abcgrade({"classify", "--keep", "note", "-o", "long.xlsx", "long.csv"}, dir.path());
  EXPECT_EQ(too_long.exit_code, 65);
  EXPECT_EQ(too_long.err_last_line(),
            "abcgrade: long.xlsx: a text longer than 32,767 characters cannot go in an Excel cell "
            "(use -f csv or json)");
  EXPECT_EQ(dir.read("long.xlsx"), "earlier");
}

TEST_F(XlsxOutput, SameInputGivesIdenticalBytes) {
  dir.write("in.csv", kInput);
  ASSERT_EQ(run_abcgrade({"classify", "-o", "a.xlsx", "in.csv"}, dir.path()).exit_code, 0);
  ASSERT_EQ(run_abcgrade({"classify", "-o", "b.xlsx", "in.csv"}, dir.path()).exit_code, 0);
  EXPECT_EQ(dir.read("a.xlsx"), dir.read("b.xlsx"));
}

TEST_F(XlsxOutput, NeedsAFileAndIsWrittenAtomically) {
  dir.write("in.csv", kInput);
  const RunResult to_stdout = run_abcgrade({"classify", "-f", "xlsx", "in.csv"}, dir.path());
  EXPECT_EQ(to_stdout.exit_code, 64);
  EXPECT_EQ(to_stdout.out, "");
  // A failing run leaves the earlier workbook and no temporary file.
  dir.write("old.xlsx", "an earlier workbook");
  dir.write("bad.csv", "customer_id,amount\nC1,x\n");
  EXPECT_EQ(run_abcgrade({"classify", "-o", "old.xlsx", "bad.csv"}, dir.path()).exit_code, 65);
  EXPECT_EQ(dir.read("old.xlsx"), "an earlier workbook");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"bad.csv", "in.csv", "old.xlsx"}));
  // A full disk is 74.
  const RunResult full =
      run_abcgrade({"classify", "-f", "xlsx", "-o", "/dev/full", "in.csv"}, dir.path());
  EXPECT_EQ(full.exit_code, 74) << full.err;
  EXPECT_EQ(full.err_last_line().rfind("abcgrade: /dev/full: cannot write the workbook", 0), 0u)
      << full.err;
}

}  // namespace
}  // namespace abcgrade::test
