// End-to-end tests on real public data copied into tests/data/real (see its
// SOURCE.md): Tableau's Superstore export (BOM, CRLF, `$1,044`, `-$5`,
// M/D/YYYY dates, no customer id column) and three days of UCI Online Retail
// (amount = Quantity x UnitPrice, invoices as orders, 31% of rows without a
// customer id). The expected values come from tests/data/real/oracle.py, an
// independent implementation of SPEC 3.1-3.3 in Python (csv module, exact
// Decimal) that shares no code with abcgrade; its full tables agree with
// abcgrade's on every customer (checked when these tests were written).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "testutil.hpp"

namespace abcgrade::test {
namespace {

const std::string kReal = std::string(ABCGRADE_TEST_DATA) + "/real";

// RFC 4180 split of one output line (no line breaks inside fields here).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        fields.back() += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        fields.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// customer_id -> the row's fields by column name.
std::map<std::string, std::map<std::string, std::string>> by_customer(const std::string& csv) {
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split_csv(line);
  std::map<std::string, std::map<std::string, std::string>> out;
  while (std::getline(in, line)) {
    const std::vector<std::string> f = split_csv(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < f.size(); ++i) row[header[i]] = f[i];
    out[row["customer_id"]] = row;
  }
  return out;
}

struct Expected {
  std::string id, rank, amount, frequency, profit, pareto, percentile, cumulative;
};

void expect_rows(const std::map<std::string, std::map<std::string, std::string>>& table,
                 const std::vector<Expected>& expected) {
  for (const Expected& e : expected) {
    SCOPED_TRACE(e.id);
    ASSERT_EQ(table.count(e.id), 1u);
    const auto& row = table.at(e.id);
    EXPECT_EQ(row.at("rank"), e.rank);
    EXPECT_EQ(row.at("amount"), e.amount);
    EXPECT_EQ(row.at("frequency"), e.frequency);
    EXPECT_EQ(row.at("profit"), e.profit);
    EXPECT_EQ(row.at("pareto_grade"), e.pareto);
    EXPECT_EQ(row.at("percentile_grade"), e.percentile);
    EXPECT_EQ(row.at("cumulative_share"), e.cumulative);
  }
}

TEST(RealData, TableauSuperstoreExportByCustomerName) {
  TempDir dir;
  const RunResult r =
      run_abcgrade({"classify", "--column", "customer_id=Customer Name", "--date-format",
                    "%m/%d/%Y", kReal + "/superstore/superstore.csv"},
                   dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto table = by_customer(r.out);
  EXPECT_EQ(table.size(), 793u);
  // oracle.py superstore: 793 customers, pareto 396 A / 209 B / 188 C. The
  // pairs around each cut: Matt Connell is the last A (before < 80% of T),
  // Justin Hirsh the first B; Dennis Bolton the last B, David Wiener the first C.
  expect_rows(table, {
                         {"Sean Miller", "1", "25042.00", "5", "-1981.00", "A", "A", "0.010900"},
                         {"Matt Connell", "396", "2258.00", "8", "195.00", "A", "B", "0.800578"},
                         {"Justin Hirsh", "397", "2257.00", "4", "-96.00", "B", "B", "0.801560"},
                         {"Dennis Bolton", "605", "1081.00", "5", "292.00", "B", "B", "0.950280"},
                         {"David Wiener", "606", "1079.00", "6", "-88.00", "C", "B", "0.950749"},
                         {"Thais Sissman", "793", "5.00", "2", "-3.00", "C", "C", "1.000000"},
                     });
  EXPECT_EQ(r.err_last_line(), "abcgrade: read 9994 rows: used 9994, outside window 0, rejected 0");
  EXPECT_NE(r.err.find("as of 2017-12-30"), std::string::npos) << r.err;
}

TEST(RealData, OnlineRetailDaysSkipRowsWithoutCustomerAndAccountForThem) {
  TempDir dir;
  const std::string base = kReal + "/online-retail/";
  const RunResult r =
      run_abcgrade({"classify", "--on-bad-row", "skip", "--rejects", "rejects.csv",
                    base + "2010-12-01.csv", base + "2010-12-02.csv", base + "2010-12-03.csv"},
                   dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto table = by_customer(r.out);
  // oracle.py retail: 7419 rows, 2290 without CustomerID, 255 customers,
  // pareto 106 / 73 / 76. 17850.0 has 34 invoices; 14213.0 only returned goods.
  EXPECT_EQ(table.size(), 255u);
  expect_rows(table, {
                         {"17850.0", "3", "5391.21", "34", "", "A", "A", "0.182599"},
                         {"16186.0", "106", "307.68", "1", "", "A", "B", "0.801194"},
                         {"15694.0", "107", "306.40", "1", "", "B", "B", "0.803811"},
                         {"16203.0", "179", "170.70", "1", "", "B", "B", "0.950366"},
                         {"18144.0", "180", "165.05", "1", "", "C", "B", "0.951775"},
                         {"14213.0", "255", "-1192.20", "1", "", "C", "C", "1.000000"},
                     });
  EXPECT_EQ(r.err_last_line(),
            "abcgrade: read 7419 rows: used 5129, outside window 0, rejected 2290");
  // Every rejected row is in the rejects file: a header plus 2290 lines.
  const std::string rejects = dir.read("rejects.csv");
  EXPECT_EQ(std::count(rejects.begin(), rejects.end(), '\n'), 2291);
  EXPECT_EQ(rejects.rfind("file,line,reason,row\n", 0), 0u);
}

TEST(RealData, OnlineRetailUnderFailStopsAtTheFirstRowWithoutCustomer) {
  TempDir dir;
  const RunResult r =
      run_abcgrade({"classify", kReal + "/online-retail/2010-12-01.csv"}, dir.path());
  EXPECT_EQ(r.exit_code, 65);
  // Line 624 is the first row with an empty CustomerID (grep -n ',,\|,$' finds it).
  EXPECT_EQ(r.err_last_line(),
            "abcgrade: " + kReal +
                "/online-retail/2010-12-01.csv:624: column \"CustomerID\": empty customer id");
}

TEST(SampleData, BothReadmeSamplesGradeCleanly) {
  TempDir dir;
  const std::string data = ABCGRADE_SAMPLE_DATA;
  const RunResult en = run_abcgrade({"classify", data + "/transactions.csv"}, dir.path());
  EXPECT_EQ(en.exit_code, 0) << en.err;
  EXPECT_EQ(en.err_last_line(), "abcgrade: read 28 rows: used 28, outside window 0, rejected 0");
  const RunResult zh = run_abcgrade(
      {"classify", "--lang", "zh", "--keep", "需求和行为模式", data + "/customers_zh.csv"},
      dir.path());
  EXPECT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_EQ(zh.out.rfind("排名,客户编号,客户名称,客户等级,", 0), 0u);
}

}  // namespace
}  // namespace abcgrade::test
