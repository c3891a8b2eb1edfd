// write_table_xlsx past a sheet's row limit (Excel: 1,048,575 customers under
// the header): the table goes on in `customers (2)`, each sheet with its own
// header, frozen row and autofilter. The limit is a parameter, so three
// customers and a limit of two show the split; openpyxl reads the result
// (tests/e2e/xlsx_facts.py).
#include "abcgrade/xlsx_writer.hpp"

#include <gtest/gtest.h>

#include "testutil.hpp"

namespace abcgrade {
namespace {

using test::TempDir;

CustomerTotals customer(const char* id, std::int64_t amount) {
  CustomerTotals c;
  c.id = id;
  c.amount = Decimal::from_int(amount);
  c.clv = c.amount;
  c.frequency = 1;
  return c;
}

TEST(XlsxWriter, TableLongerThanASheetGoesOnInTheNextSheet) {
  TableOptions options;
  options.thresholds = resolve_against_data(options.policy, {false, false});
  const Table table = build_table({customer("c", 1), customer("a", 3), customer("b", 2)}, options);
  XlsxDocument doc;
  doc.policy = options.policy;
  doc.thresholds = options.thresholds;
  doc.inputs = {"in.csv"};
  doc.counts = {RowCounts{3, 3, 0, 0}};
  doc.max_rows_per_sheet = 2;
  TempDir dir;
  write_table_xlsx(table, summarize(table), doc, (dir / "t.xlsx").string(), "t.xlsx");

  const test::RunResult r = test::run_program(
      "/usr/bin/python3",
      {std::string(ABCGRADE_TEST_SCRIPTS) + "/xlsx_facts.py", (dir / "t.xlsx").string()},
      dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto has = [&](const std::string& line) { return r.out.find(line + "\n") != std::string::npos; };
  EXPECT_TRUE(has("sheets=customers,customers (2),summary")) << r.out;
  // Ranks 1 and 2 (a, b) on the first sheet, rank 3 (c) on the second.
  EXPECT_TRUE(has("customers.autofilter=A1:M3"));
  EXPECT_TRUE(has("customers.B3=s|b|General|-"));
  EXPECT_TRUE(has("customers (2).freeze=A2"));
  EXPECT_TRUE(has("customers (2).autofilter=A1:M2"));
  EXPECT_TRUE(has("customers (2).A1=s|rank|General|FFDDEBF7"));
  EXPECT_TRUE(has("customers (2).A2=n|3|0|-"));
  EXPECT_TRUE(has("customers (2).B2=s|c|General|-"));
}

}  // namespace
}  // namespace abcgrade
