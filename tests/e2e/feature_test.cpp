// End-to-end tests of the weighted composite score (SPEC 3.4, --score and
// --method score), groups (SPEC 3.5, --group-by) and movement since an
// earlier run (SPEC 3.6, --previous), through the built binary, in every
// output format that applies (csv, json, jsonl, xlsx) and in en and zh.
// Every expected table is worked by hand from the SPEC in the comments; the
// JSON is read back with nlohmann/json and the workbook with openpyxl
// (tests/e2e/xlsx_facts.py), both independent of the writers under test.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "testutil.hpp"
#include "xlsx_facts.hpp"

namespace abcgrade::test {
namespace {

using Json = nlohmann::ordered_json;
using Strings = std::vector<std::string>;

// "type|value" of a cell ("<absent>" when empty), without format and fill.
std::string cell(const std::map<std::string, std::string>& facts, const std::string& key) {
  const auto it = facts.find(key);
  if (it == facts.end()) return "<absent>";
  const std::size_t bar = it->second.find('|');
  return it->second.substr(0, it->second.find('|', bar + 1));
}

// The number format of a cell.
std::string number_format(const std::map<std::string, std::string>& facts, const std::string& key) {
  const auto it = facts.find(key);
  if (it == facts.end()) return "<absent>";
  const std::size_t first = it->second.find('|');
  const std::size_t second = it->second.find('|', first + 1);
  return it->second.substr(second + 1, it->second.find('|', second + 1) - second - 1);
}

// A CSV without quoted fields (all our fixtures), split into lines and fields; a CR before LF
// and a UTF-8 BOM are dropped.
std::vector<Strings> csv_rows(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<Strings> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Strings fields;
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    rows.push_back(fields);
  }
  return rows;
}

// One column of a table by its header, in row order.
Strings csv_column(const std::string& text, const std::string& header) {
  const std::vector<Strings> rows = csv_rows(text);
  Strings out;
  if (rows.empty()) return out;
  std::size_t at = rows[0].size();
  for (std::size_t i = rows[0].size(); i-- > 0;) {
    if (rows[0][i] == header) at = i;  // the first column of that name
  }
  if (at == rows[0].size()) return {"<no column " + header + ">"};
  for (std::size_t r = 1; r < rows.size(); ++r)
    out.push_back(at < rows[r].size() ? rows[r][at] : "");
  return out;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// The lines of JSON Lines output, each parsed.
std::vector<Json> json_lines(const std::string& text) {
  std::vector<Json> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) out.push_back(Json::parse(line));
  return out;
}

Strings keys_of(const Json& object) {
  Strings out;
  for (auto it = object.begin(); it != object.end(); ++it) out.push_back(it.key());
  return out;
}

// stderr is exactly one line, "abcgrade: " + something starting with `start`.
::testing::AssertionResult one_error_line(const RunResult& r, const std::string& start) {
  const Strings lines = r.err_lines();
  if (lines.size() != 1) return ::testing::AssertionFailure() << "stderr: " << r.err;
  if (lines[0].rfind("abcgrade: " + start, 0) != 0)
    return ::testing::AssertionFailure() << "stderr line: " << lines[0];
  return ::testing::AssertionSuccess();
}

class FeatureTest : public ::testing::Test {
 protected:
  TempDir dir;
};

// ==================================================================== SPEC 3.4: the score

// Four customers, one row each; with a profit column, clv is the sum of profit (SPEC 3.1).
// as-of = 2024-03-31 (the latest date).
//   amount   C1 400, C2 300, C3 200, C4 100 -> p = 1, 2/3, 1/3, 0   (N - 1 = 3)
//   clv      C1 10,  C2 40,  C3 30,  C4 20  -> p = 0, 1, 2/3, 1/3
// --score amount=0.8,clv=0.2:
//   C1 = 0.8                          = 0.800000
//   C2 = 0.8 * 2/3 + 0.2              = 11/15 = 0.7333333 -> 0.733333
//   C3 = 0.8 * 1/3 + 0.2 * 2/3 = 1.2/3 = 0.400000
//   C4 = 0.2 * 1/3                    = 0.0666666 -> 0.066667
//   score ranking C1 C2 C3 C4; percentile N = 4: nA = ceil(0.8) = 1, nC = 1 -> A B B C.
// Pareto (T = 1000, lines 800 and 950): C1 before 0 A; C2 before 400 A; C3 before 700 A;
//   C4 before 900 -> B. Percentile A B B C. Thresholds (amount 500000/200000, frequency
//   10/5, profit 100000/50000, clv 1000000/500000, all): everyone C.
// Shares 0.4 0.3 0.2 0.1; cumulative 0.4 0.7 0.9 1.
const std::string kSales =
    "customer_id,customer_name,date,amount,profit\n"
    "C1,Alpha,2024-03-01,400,10\n"
    "C2,Beta,2024-03-10,300,40\n"
    "C3,Gamma,2024-03-20,200,30\n"
    "C4,Delta,2024-03-31,100,20\n";

const std::string kScoreHeader =
    "rank,customer_id,customer_name,grade,pareto_grade,percentile_grade,threshold_grade,amount,"
    "frequency,profit,clv,share,cumulative_share,score,score_grade\n";
const std::string kScoreRows =
    "1,C1,Alpha,A,A,A,C,400.00,1,10.00,10.00,0.400000,0.400000,0.800000,A\n"
    "2,C2,Beta,A,A,B,C,300.00,1,40.00,40.00,0.300000,0.700000,0.733333,B\n"
    "3,C3,Gamma,A,A,B,C,200.00,1,30.00,30.00,0.200000,0.900000,0.400000,B\n"
    "4,C4,Delta,B,B,C,C,100.00,1,20.00,20.00,0.100000,1.000000,0.066667,C\n";

const std::string kScoreJsonl =
    R"({"rank":1,"customer_id":"C1","customer_name":"Alpha","grade":"A","pareto_grade":"A",)"
    R"("percentile_grade":"A","threshold_grade":"C","amount":400.00,"frequency":1,)"
    R"("profit":10.00,"clv":10.00,"share":0.400000,"cumulative_share":0.400000,)"
    R"("score":0.800000,"score_grade":"A"})"
    "\n"
    R"({"rank":2,"customer_id":"C2","customer_name":"Beta","grade":"A","pareto_grade":"A",)"
    R"("percentile_grade":"B","threshold_grade":"C","amount":300.00,"frequency":1,)"
    R"("profit":40.00,"clv":40.00,"share":0.300000,"cumulative_share":0.700000,)"
    R"("score":0.733333,"score_grade":"B"})"
    "\n"
    R"({"rank":3,"customer_id":"C3","customer_name":"Gamma","grade":"A","pareto_grade":"A",)"
    R"("percentile_grade":"B","threshold_grade":"C","amount":200.00,"frequency":1,)"
    R"("profit":30.00,"clv":30.00,"share":0.200000,"cumulative_share":0.900000,)"
    R"("score":0.400000,"score_grade":"B"})"
    "\n"
    R"({"rank":4,"customer_id":"C4","customer_name":"Delta","grade":"B","pareto_grade":"B",)"
    R"("percentile_grade":"C","threshold_grade":"C","amount":100.00,"frequency":1,)"
    R"("profit":20.00,"clv":20.00,"share":0.100000,"cumulative_share":1.000000,)"
    R"("score":0.066667,"score_grade":"C"})"
    "\n";

TEST_F(FeatureTest, ScoreAddsScoreColumnsAfterCumulativeShareInCsv) {
  dir.write("sales.csv", kSales);
  const RunResult r =
      run_abcgrade({"classify", "--score", "amount=0.8,clv=0.2", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kScoreHeader + kScoreRows);
}

TEST_F(FeatureTest, ScoreGivenAsRepeatedFlagsIsTheSame) {
  dir.write("sales.csv", kSales);
  const RunResult r = run_abcgrade(
      {"classify", "--score", "clv=0.2", "--score", "amount=0.8", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kScoreHeader + kScoreRows);
}

TEST_F(FeatureTest, ScoreColumnsHaveChineseTitles) {
  dir.write("sales.csv", kSales);
  const RunResult r = run_abcgrade(
      {"classify", "--lang", "zh", "--score", "amount=0.8,clv=0.2", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "排名,客户编号,客户名称,客户等级,帕累托等级,百分位等级,阈值等级,购买力,成交频率,"
            "利润贡献,生命周期价值,占比,累计占比,综合得分,综合等级\n" +
                kScoreRows);
}

TEST_F(FeatureTest, ScoreColumnsInJsonLines) {
  dir.write("sales.csv", kSales);
  const RunResult r = run_abcgrade(
      {"classify", "-f", "jsonl", "--score", "amount=0.8,clv=0.2", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kScoreJsonl);
}

TEST_F(FeatureTest, ScoreColumnsInJson) {
  dir.write("sales.csv", kSales);
  const RunResult r = run_abcgrade(
      {"classify", "-f", "json", "--score", "amount=0.8,clv=0.2", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json doc = Json::parse(r.out);
  EXPECT_EQ(doc["as_of"], "2024-03-31");
  EXPECT_EQ(doc["method"], "pareto");
  ASSERT_EQ(doc["customers"].size(), 4u);
  const std::vector<Json> expected = json_lines(kScoreJsonl);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(doc["customers"][i], expected[i]) << i;
    EXPECT_EQ(keys_of(doc["customers"][i]), keys_of(expected[i])) << i;
  }
  // SPEC 4: numbers written with the same digits as in CSV.
  EXPECT_NE(r.out.find(R"("score":0.733333,"score_grade":"B")"), std::string::npos);
  EXPECT_NE(r.out.find(R"("score":0.066667,"score_grade":"C")"), std::string::npos);
}

TEST_F(FeatureTest, ScoreColumnsInXlsxWithSixDigitFormat) {
  dir.write("sales.csv", kSales);
  const RunResult r = run_abcgrade(
      {"classify", "-o", "out.xlsx", "--score", "amount=0.8,clv=0.2", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto f = xlsx_facts(dir / "out.xlsx");
  // Columns A..O: ... L share, M cumulative_share, N score, O score_grade.
  EXPECT_EQ(cell(f, "customers.M1"), "s|cumulative_share");
  EXPECT_EQ(cell(f, "customers.N1"), "s|score");
  EXPECT_EQ(cell(f, "customers.O1"), "s|score_grade");
  EXPECT_EQ(cell(f, "customers.N2"), "n|0.8");
  EXPECT_EQ(number_format(f, "customers.N2"), "0.000000");
  EXPECT_EQ(cell(f, "customers.N3"), "n|0.733333");
  EXPECT_EQ(number_format(f, "customers.N3"), "0.000000");
  EXPECT_EQ(cell(f, "customers.N5"), "n|0.066667");
  EXPECT_EQ(cell(f, "customers.O2"), "s|A");
  EXPECT_EQ(cell(f, "customers.O3"), "s|B");
  EXPECT_EQ(cell(f, "customers.O5"), "s|C");
  EXPECT_EQ(f.count("customers.autofilter") ? f.at("customers.autofilter") : "", "A1:O5");
}

TEST_F(FeatureTest, ScoreColumnsInChineseXlsx) {
  dir.write("sales.csv", kSales);
  const RunResult r = run_abcgrade(
      {"classify", "--lang", "zh", "-o", "zh.xlsx", "--method", "score", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto f = xlsx_facts(dir / "zh.xlsx");
  EXPECT_EQ(cell(f, "客户.N1"), "s|综合得分");
  EXPECT_EQ(cell(f, "客户.O1"), "s|综合等级");
  EXPECT_EQ(cell(f, "客户.N2"), "n|0.8");
  EXPECT_EQ(number_format(f, "客户.N2"), "0.000000");
}

TEST_F(FeatureTest, MethodScoreFillsGradeFromScoreGrade) {
  // --method score alone computes the score with the default weights (amount 0.8, clv 0.2):
  // the table above with grade = score_grade = A B B C.
  dir.write("sales.csv", kSales);
  const RunResult r = run_abcgrade({"classify", "--method", "score", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kScoreHeader +
                       "1,C1,Alpha,A,A,A,C,400.00,1,10.00,10.00,0.400000,0.400000,0.800000,A\n"
                       "2,C2,Beta,B,A,B,C,300.00,1,40.00,40.00,0.300000,0.700000,0.733333,B\n"
                       "3,C3,Gamma,B,A,B,C,200.00,1,30.00,30.00,0.200000,0.900000,0.400000,B\n"
                       "4,C4,Delta,C,B,C,C,100.00,1,20.00,20.00,0.100000,1.000000,0.066667,C\n");
  EXPECT_EQ(r.err_lines().at(0),
            "abcgrade: graded 4 customers by score on amount, as of 2024-03-31");
}

TEST_F(FeatureTest, MethodScoreWithWeightsThreeToOneAndEqualScoresSharingAGrade) {
  // --score amount=1,clv=3: weights 1/4 and 3/4.
  //   C1 = 1/4 * 1   + 3/4 * 0   = 0.25
  //   C2 = 1/4 * 2/3 + 3/4 * 1   = 1/6 + 3/4 = 11/12 = 0.9166666 -> 0.916667
  //   C3 = 1/4 * 1/3 + 3/4 * 2/3 = 1/12 + 1/2 = 7/12 = 0.5833333 -> 0.583333
  //   C4 = 0         + 3/4 * 1/3 = 0.25
  // Score ranking C2, C3, C1, C4 (C1 and C4 tie, by id); N = 4 by position A B B C; C4 ties
  // C1 -> B. So C1 B, C2 A, C3 B, C4 B: grade differs from percentile_grade (A B B C).
  dir.write("sales.csv", kSales);
  const RunResult r = run_abcgrade(
      {"classify", "--method", "score", "--score", "amount=1,clv=3", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kScoreHeader +
                       "1,C1,Alpha,B,A,A,C,400.00,1,10.00,10.00,0.400000,0.400000,0.250000,B\n"
                       "2,C2,Beta,A,A,B,C,300.00,1,40.00,40.00,0.300000,0.700000,0.916667,A\n"
                       "3,C3,Gamma,B,A,B,C,200.00,1,30.00,30.00,0.200000,0.900000,0.583333,B\n"
                       "4,C4,Delta,B,B,C,C,100.00,1,20.00,20.00,0.100000,1.000000,0.250000,B\n");
}

TEST_F(FeatureTest, MethodScoreInJsonSaysScore) {
  dir.write("sales.csv", kSales);
  const RunResult r =
      run_abcgrade({"classify", "-f", "json", "--method", "score", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json doc = Json::parse(r.out);
  EXPECT_EQ(doc["method"], "score");
  Strings grades, score_grades;
  for (const Json& c : doc["customers"]) {
    grades.push_back(c["grade"].get<std::string>());
    score_grades.push_back(c["score_grade"].get<std::string>());
  }
  EXPECT_EQ(grades, (Strings{"A", "B", "B", "C"}));
  EXPECT_EQ(score_grades, grades);
}

TEST_F(FeatureTest, ScoreGradeUsesThePercentileCuts) {
  // SPEC 3.4: the score ranking is graded with --percentile. 50,100 on N = 4:
  // nA = ceil(4 * 50%) = 2, nC = ceil(4 * 0%) = 0 -> A A B B (scores as above: C1 C2 C3 C4).
  dir.write("sales.csv", kSales);
  const RunResult r = run_abcgrade(
      {"classify", "--method", "score", "--percentile", "50,100", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(csv_column(r.out, "score_grade"), (Strings{"A", "A", "B", "B"}));
  EXPECT_EQ(csv_column(r.out, "grade"), (Strings{"A", "A", "B", "B"}));
  EXPECT_EQ(csv_column(r.out, "percentile_grade"), (Strings{"A", "A", "B", "B"}));
}

TEST_F(FeatureTest, NoScoreColumnsWithoutScoreOrMethodScore) {
  dir.write("sales.csv", kSales);
  const RunResult r = run_abcgrade({"classify", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(first_line(r.out),
            "rank,customer_id,customer_name,grade,pareto_grade,percentile_grade,threshold_grade,"
            "amount,frequency,profit,clv,share,cumulative_share");
}

TEST_F(FeatureTest, ScoreRecencyWithoutDateColumnIsUsageError) {
  dir.write("nodate.csv", "customer_id,amount\nC1,10\nC2,5\n");
  dir.write("out.csv", "earlier\n");
  const RunResult r =
      run_abcgrade({"classify", "--score", "recency=1", "-o", "out.csv", "nodate.csv"}, dir.path());
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_TRUE(one_error_line(r, ""));
  EXPECT_NE(r.err.find("recency"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(dir.read("out.csv"), "earlier\n");
  EXPECT_EQ(dir.entries(), (Strings{"nodate.csv", "out.csv"}));
}

TEST_F(FeatureTest, ScoreRecencyCountsDaysToAsOfAndMoreDaysIsWorse) {
  // --as-of 2024-06-30. R3's row of 2024-07-10 is after as-of: it counts toward nothing
  // (SPEC 3.1), so R3's latest purchase is 2024-05-31.
  // Days to as-of: R1 06-30 -> 0; R2 06-20 -> 10; R3 05-31 -> 30;
  //   R4 03-01 -> 30 (rest of March) + 30 + 31 + 30 = 121.
  // More days is worse: p = R1 3/3 = 1, R2 2/3, R3 1/3, R4 0 -> 1.000000, 0.666667,
  //   0.333333, 0.000000; score ranking R1 R2 R3 R4 -> A B B C.
  // Amount (rank order): R4 40, R3 30, R2 20 + 5 = 25, R1 10; T = 105.
  //   Pareto (84, 99.75): R4 before 0 A; R3 40 A; R2 70 A; R1 95 -> B. Percentile A B B C.
  //   Shares 40/105 = 0.380952, 30/105 = 0.285714, 25/105 = 0.238095, 10/105 = 0.095238;
  //   cumulative 0.380952, 70/105 = 0.666667, 95/105 = 0.904762, 1.000000.
  //   clv = amount up to as-of (no profit column); frequency = rows (R2 has 2).
  //   Thresholds amount, frequency, clv: all C.
  dir.write("recency.csv",
            "customer_id,date,amount\n"
            "R1,2024-06-30,10\n"
            "R2,2024-06-20,20\n"
            "R2,2024-01-01,5\n"
            "R3,2024-05-31,30\n"
            "R3,2024-07-10,1\n"
            "R4,2024-03-01,40\n");
  const RunResult r = run_abcgrade(
      {"classify", "--as-of", "2024-06-30", "--score", "recency=1", "recency.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kScoreHeader +
                       "1,R4,,A,A,A,C,40.00,1,,40.00,0.380952,0.380952,0.000000,C\n"
                       "2,R3,,A,A,B,C,30.00,1,,30.00,0.285714,0.666667,0.333333,B\n"
                       "3,R2,,A,A,B,C,25.00,2,,25.00,0.238095,0.904762,0.666667,B\n"
                       "4,R1,,B,B,C,C,10.00,1,,10.00,0.095238,1.000000,1.000000,A\n");
  EXPECT_EQ(r.err_last_line(), "abcgrade: read 6 rows: used 5, outside window 1, rejected 0");
}

TEST_F(FeatureTest, ScoreRecencyInJsonLines) {
  // The recency scores above, for the latest date as as-of (2024-03-31) in kSales:
  // days C1 30, C2 21, C3 11, C4 0 -> p = 0, 1/3, 2/3, 1.
  dir.write("sales.csv", kSales);
  const RunResult r =
      run_abcgrade({"classify", "-f", "jsonl", "--score", "recency=1", "sales.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Strings scores;
  for (const Json& c : json_lines(r.out)) scores.push_back(c["score_grade"].get<std::string>());
  EXPECT_EQ(scores, (Strings{"C", "B", "B", "A"}));
  EXPECT_NE(r.out.find(R"("customer_id":"C2")"), std::string::npos);
  EXPECT_NE(r.out.find(R"("score":0.333333,"score_grade":"B")"), std::string::npos);
  EXPECT_NE(r.out.find(R"("score":0.666667,"score_grade":"B")"), std::string::npos);
  EXPECT_NE(r.out.find(R"("score":1.000000,"score_grade":"A")"), std::string::npos);
}

// ==================================================================== SPEC 3.5: groups

// Groups "", "East", "West" in byte order.
//   "":   N1 70, N2 30; T = 100. Pareto: N1 A; N2 before 70 < 80 -> A. Percentile N = 2:
//         nA = 1, nC = 1 -> A, C. Shares 0.7, 0.3; cumulative 0.7, 1.
//   East: E1 600, E2 300, E3 100; T = 1000. Pareto A; before 600 < 800 A; before 900 -> B.
//         Percentile A B C. Shares 0.6 0.3 0.1; cumulative 0.6 0.9 1.
//   West: W1 50, W2 30, W3 20; T = 100. Pareto A; before 50 A; before 80 (not < 80) -> B.
//         Percentile A B C. Shares 0.5 0.3 0.2; cumulative 0.5 0.8 1.
// No profit column: profit empty, clv = amount; thresholds amount, frequency, clv -> all C.
const std::string kRegions =
    "customer_id,Region,amount\n"
    "E1,East,600\n"
    "W1,West,50\n"
    "E2,East,300\n"
    "N1,,70\n"
    "W2,West,30\n"
    "E3,East,100\n"
    "W3,West,20\n"
    "N2,,30\n";

const std::string kGroupRows =
    "1,N1,,,A,A,A,C,70.00,1,,70.00,0.700000,0.700000\n"
    "2,N2,,,A,A,C,C,30.00,1,,30.00,0.300000,1.000000\n"
    "1,E1,East,,A,A,A,C,600.00,1,,600.00,0.600000,0.600000\n"
    "2,E2,East,,A,A,B,C,300.00,1,,300.00,0.300000,0.900000\n"
    "3,E3,East,,B,B,C,C,100.00,1,,100.00,0.100000,1.000000\n"
    "1,W1,West,,A,A,A,C,50.00,1,,50.00,0.500000,0.500000\n"
    "2,W2,West,,A,A,B,C,30.00,1,,30.00,0.300000,0.800000\n"
    "3,W3,West,,B,B,C,C,20.00,1,,20.00,0.200000,1.000000\n";

TEST_F(FeatureTest, GroupByAddsGroupColumnAndGradesWithinEachGroupInCsv) {
  dir.write("regions.csv", kRegions);
  const RunResult r = run_abcgrade({"classify", "--group-by", "Region", "regions.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "rank,customer_id,group,customer_name,grade,pareto_grade,percentile_grade,"
            "threshold_grade,amount,frequency,profit,clv,share,cumulative_share\n" +
                kGroupRows);
}

TEST_F(FeatureTest, GroupColumnIsZuInChinese) {
  dir.write("regions.csv", kRegions);
  const RunResult r =
      run_abcgrade({"classify", "--lang", "zh", "--group-by", "Region", "regions.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "排名,客户编号,组,客户名称,客户等级,帕累托等级,百分位等级,阈值等级,购买力,成交频率,"
            "利润贡献,生命周期价值,占比,累计占比\n" +
                kGroupRows);
}

TEST_F(FeatureTest, GroupByInJsonLinesAndJson) {
  dir.write("regions.csv", kRegions);
  const RunResult l =
      run_abcgrade({"classify", "-f", "jsonl", "--group-by", "Region", "regions.csv"}, dir.path());
  ASSERT_EQ(l.exit_code, 0) << l.err;
  const std::vector<Json> rows = json_lines(l.out);
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(keys_of(rows[0]),
            (Strings{"rank", "customer_id", "group", "customer_name", "grade", "pareto_grade",
                     "percentile_grade", "threshold_grade", "amount", "frequency", "profit", "clv",
                     "share", "cumulative_share"}));
  Strings ids, groups;
  for (const Json& c : rows) {
    ids.push_back(c["customer_id"].get<std::string>());
    groups.push_back(c["group"].get<std::string>());
  }
  EXPECT_EQ(ids, (Strings{"N1", "N2", "E1", "E2", "E3", "W1", "W2", "W3"}));
  EXPECT_EQ(groups, (Strings{"", "", "East", "East", "East", "West", "West", "West"}));
  EXPECT_NE(l.out.find(R"("rank":3,"customer_id":"W3","group":"West")"), std::string::npos);
  EXPECT_NE(l.out.find(R"("share":0.200000,"cumulative_share":1.000000)"), std::string::npos);

  const RunResult j =
      run_abcgrade({"classify", "-f", "json", "--group-by", "Region", "regions.csv"}, dir.path());
  ASSERT_EQ(j.exit_code, 0) << j.err;
  const Json doc = Json::parse(j.out);
  ASSERT_EQ(doc["customers"].size(), 8u);
  for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(doc["customers"][i], rows[i]) << i;
  // The document's summary has one block per group, then the overall one.
  ASSERT_TRUE(doc["summary"].contains("groups"));
  ASSERT_EQ(doc["summary"]["groups"].size(), 3u);
  EXPECT_EQ(doc["summary"]["groups"][1]["group"], "East");
  EXPECT_EQ(doc["summary"]["total"]["customers"], 8);
}

TEST_F(FeatureTest, GroupColumnInXlsx) {
  dir.write("regions.csv", kRegions);
  const RunResult r =
      run_abcgrade({"classify", "-o", "g.xlsx", "--group-by", "Region", "regions.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto f = xlsx_facts(dir / "g.xlsx");
  EXPECT_EQ(cell(f, "customers.B1"), "s|customer_id");
  EXPECT_EQ(cell(f, "customers.C1"), "s|group");
  EXPECT_EQ(cell(f, "customers.D1"), "s|customer_name");
  // Rows 2, 3: N1, N2 of the empty group; row 4: E1, rank 1 again.
  EXPECT_EQ(cell(f, "customers.B2"), "s|N1");
  EXPECT_EQ(cell(f, "customers.B4"), "s|E1");
  EXPECT_EQ(cell(f, "customers.C4"), "s|East");
  EXPECT_EQ(cell(f, "customers.A4"), "n|1");
  EXPECT_EQ(cell(f, "customers.N4"), "n|0.6");  // cumulative_share within East

  const RunResult zh = run_abcgrade(
      {"classify", "--lang", "zh", "-o", "zh.xlsx", "--group-by", "Region", "regions.csv"},
      dir.path());
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_EQ(cell(xlsx_facts(dir / "zh.xlsx"), "客户.C1"), "s|组");
}

TEST_F(FeatureTest, GroupSummaryCsvHasOneBlockPerGroupAndAnAllBlock) {
  // Per group, for the grade column (pareto): customers, their share, amount, its share.
  //   "":   A N1 N2: 2 (2/2 = 1), 100.00 (100/100 = 1); B, C none.
  //   East: A E1 E2: 2 (2/3 = 0.666667), 900.00 (0.9); B E3: 1 (0.333333), 100.00 (0.1).
  //   West: A W1 W2: 2 (0.666667), 80.00 (0.8); B W3: 1 (0.333333), 20.00 (0.2).
  //   (all): A 6 of 8 = 0.75, 1080.00 of 1200 = 0.9; B 2 = 0.25, 120.00 = 0.1; total 8, 1200.00.
  dir.write("regions.csv", kRegions);
  const RunResult r = run_abcgrade(
      {"classify", "--group-by", "Region", "--summary", "sum.csv", "-o", "t.csv", "regions.csv"},
      dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(dir.read("sum.csv"),
            "group,grade,customers,customer_share,metric_total,metric_share\n"
            ",A,2,1.000000,100.00,1.000000\n"
            ",B,0,0.000000,0.00,0.000000\n"
            ",C,0,0.000000,0.00,0.000000\n"
            ",total,2,1.000000,100.00,1.000000\n"
            "East,A,2,0.666667,900.00,0.900000\n"
            "East,B,1,0.333333,100.00,0.100000\n"
            "East,C,0,0.000000,0.00,0.000000\n"
            "East,total,3,1.000000,1000.00,1.000000\n"
            "West,A,2,0.666667,80.00,0.800000\n"
            "West,B,1,0.333333,20.00,0.200000\n"
            "West,C,0,0.000000,0.00,0.000000\n"
            "West,total,3,1.000000,100.00,1.000000\n"
            "(all),A,6,0.750000,1080.00,0.900000\n"
            "(all),B,2,0.250000,120.00,0.100000\n"
            "(all),C,0,0.000000,0.00,0.000000\n"
            "(all),total,8,1.000000,1200.00,1.000000\n");
}

TEST_F(FeatureTest, GroupSummaryJsonHasGroupsArray) {
  dir.write("regions.csv", kRegions);
  const RunResult r = run_abcgrade(
      {"classify", "--group-by", "Region", "--summary", "sum.json", "-o", "t.csv", "regions.csv"},
      dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json s = Json::parse(dir.read("sum.json"));
  ASSERT_TRUE(s.contains("groups"));
  ASSERT_EQ(s["groups"].size(), 3u);
  EXPECT_EQ(s["groups"][0]["group"], "");
  EXPECT_EQ(s["groups"][1]["group"], "East");
  EXPECT_EQ(s["groups"][2]["group"], "West");
  // East: A 2, B 1, C 0 of 3; amount A 900.
  EXPECT_EQ(s["groups"][1]["grades"][0]["grade"], "A");
  EXPECT_EQ(s["groups"][1]["grades"][0]["customers"], 2);
  EXPECT_EQ(s["groups"][1]["grades"][1]["customers"], 1);
  EXPECT_EQ(s["groups"][1]["grades"][2]["customers"], 0);
  EXPECT_EQ(s["groups"][1]["total"]["customers"], 3);
  // The overall block: A 6, B 2, C 0 of 8.
  EXPECT_EQ(s["grades"][0]["customers"], 6);
  EXPECT_EQ(s["grades"][1]["customers"], 2);
  EXPECT_EQ(s["total"]["customers"], 8);
  const std::string text = dir.read("sum.json");
  EXPECT_NE(text.find(R"("metric_total":900.00,"metric_share":0.900000)"), std::string::npos)
      << text;
}

TEST_F(FeatureTest, GroupByHeaderThatIsMissingIsDataError) {
  dir.write("regions.csv", kRegions);
  dir.write("out.csv", "earlier\n");
  const RunResult r = run_abcgrade(
      {"classify", "--group-by", "Country", "-o", "out.csv", "regions.csv"}, dir.path());
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(one_error_line(r, "regions.csv:1: "));
  EXPECT_NE(r.err.find("Country"), std::string::npos) << r.err;
  EXPECT_EQ(dir.read("out.csv"), "earlier\n");
  EXPECT_EQ(dir.entries(), (Strings{"out.csv", "regions.csv"}));
}

TEST_F(FeatureTest, GroupIsTakenFromTheLatestRowAndTrimmed) {
  // SPEC 3.5 / 3.1: A1's latest row (2024-02-01, though it comes first) says " West ",
  // trimmed to West; its older East row does not make a group. West: A1 10 + 10 = 20, A2 5;
  // T = 25: A1 A; A2 before 20, not < 20 (80% of 25), < 23.75 -> B. Percentile N = 2: A, C.
  // Shares 20/25 = 0.8, 0.2; cumulative 0.8, 1. Frequency: rows (A1 has 2).
  dir.write("moves.csv",
            "customer_id,date,Region,amount\n"
            "A1,2024-02-01, West ,10\n"
            "A1,2024-01-01,East,10\n"
            "A2,2024-01-05,West,5\n");
  const RunResult r = run_abcgrade({"classify", "--group-by", "region", "moves.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "rank,customer_id,group,customer_name,grade,pareto_grade,percentile_grade,"
            "threshold_grade,amount,frequency,profit,clv,share,cumulative_share\n"
            "1,A1,West,,A,A,A,C,20.00,2,,20.00,0.800000,0.800000\n"
            "2,A2,West,,B,B,C,C,5.00,1,,5.00,0.200000,1.000000\n");
}

TEST_F(FeatureTest, GroupByWithScoreScoresWithinEachGroup) {
  // Default weights; clv = amount here, so each score is the amount's p within the group:
  //   "": N1 1, N2 0 (N = 2; grades A, C). East: 1, 0.5, 0 (A B C). West: 1, 0.5, 0 (A B C).
  dir.write("regions.csv", kRegions);
  const RunResult r = run_abcgrade(
      {"classify", "--group-by", "Region", "--method", "score", "regions.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(csv_column(r.out, "score"), (Strings{"1.000000", "0.000000", "1.000000", "0.500000",
                                                 "0.000000", "1.000000", "0.500000", "0.000000"}));
  EXPECT_EQ(csv_column(r.out, "grade"), (Strings{"A", "C", "A", "B", "C", "A", "B", "C"}));
}

// ==================================================================== SPEC 3.6: movement

// --method threshold --threshold amount=100,50 makes each grade a function of the amount
// alone (A >= 100, B >= 50, else C), so both days are graded independently of who else is in
// them. Customers are named after their move: AB1 went from A to B, and so on.
//   day 1: A AA1 200, AB1 150, AB2 140, AC1 120, GA 300;   (5)
//          B BA1 80, BB1 70, BC1 60, BC2 65, GB 55;         (5)
//          C CA1 30, CA2 31, CB1 20, CC1 10.                (4)
//   day 2: AA1 200 A, AB1 60 B, AB2 70 B, AC1 10 C, BA1 150 A, BB1 70 B, BC1 5 C, BC2 6 C,
//          CA1 500 A, CA2 400 A, CB1 90 B, CC1 1 C, new N1 110 A, new N2 2 C; GA, GB gone.
// Matrix (earlier x now):   A  B  C
//                      A    1  2  1
//                      B    1  1  2
//                      C    2  1  1
// up = B>A 1 + C>A 2 + C>B 1 = 4; down = A>B 2 + A>C 1 + B>C 2 = 5; same 3; new 2;
// gone 2 (GA was A, GB was B).
const std::string kDay1 =
    "customer_id,amount\n"
    "AA1,200\nAB1,150\nAB2,140\nAC1,120\nGA,300\n"
    "BA1,80\nBB1,70\nBC1,60\nBC2,65\nGB,55\n"
    "CA1,30\nCA2,31\nCB1,20\nCC1,10\n";
const std::string kDay2 =
    "customer_id,amount\n"
    "AA1,200\nAB1,60\nAB2,70\nAC1,10\nBA1,150\nBB1,70\nBC1,5\nBC2,6\n"
    "CA1,500\nCA2,400\nCB1,90\nCC1,1\nN1,110\nN2,2\n";

const Strings kThreshold = {"--method", "threshold", "--threshold", "amount=100,50"};

Strings args(Strings a, const Strings& more) {
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

// Day 2 in rank order (amount, highest first; AB2 and BB1 tie at 70, by id):
// CA1 500, CA2 400, AA1 200, BA1 150, N1 110, CB1 90, AB2 70, BB1 70, AB1 60, AC1 10, BC2 6,
// BC1 5, N2 2, CC1 1.
const Strings kDay2Ids = {"CA1", "CA2", "AA1", "BA1", "N1",  "CB1", "AB2",
                          "BB1", "AB1", "AC1", "BC2", "BC1", "N2",  "CC1"};
const Strings kDay2Grades = {"A", "A", "A", "A", "A", "B", "B", "B", "B", "C", "C", "C", "C", "C"};
const Strings kDay2Previous = {"C", "C", "A", "B", "", "C", "A", "B", "A", "A", "B", "B", "", "C"};
const Strings kDay2Movement = {"up",   "up",   "same", "up",   "new",  "up",  "down",
                               "same", "down", "down", "down", "down", "new", "same"};

class PreviousRun : public FeatureTest {
 protected:
  void SetUp() override {
    dir.write("day1_sales.csv", kDay1);
    dir.write("day2_sales.csv", kDay2);
  }
  // Writes day 1's table as `name` with `extra` flags.
  void write_day1(const std::string& name, const Strings& extra = {}) {
    const RunResult r = run_abcgrade(
        args(args({"classify"}, kThreshold), args(extra, {"-o", name, "day1_sales.csv"})),
        dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // Day 2 compared with `previous`, with `extra` flags; the table on stdout.
  RunResult day2(const std::string& previous, const Strings& extra = {}) {
    return run_abcgrade(args(args({"classify"}, kThreshold),
                             args(extra, {"--previous", previous, "day2_sales.csv"})),
                        dir.path());
  }
};

TEST_F(PreviousRun, MovementColumnsFollowGradeInCsv) {
  write_day1("day1.csv");
  const RunResult r = day2("day1.csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(first_line(r.out),
            "rank,customer_id,customer_name,grade,previous_grade,movement,pareto_grade,"
            "percentile_grade,threshold_grade,amount,frequency,profit,clv,share,cumulative_share");
  EXPECT_EQ(csv_column(r.out, "customer_id"), kDay2Ids);
  EXPECT_EQ(csv_column(r.out, "grade"), kDay2Grades);
  EXPECT_EQ(csv_column(r.out, "previous_grade"), kDay2Previous);
  EXPECT_EQ(csv_column(r.out, "movement"), kDay2Movement);
}

TEST_F(PreviousRun, MovementInChineseCsv) {
  write_day1("day1.csv");
  const RunResult r = day2("day1.csv", {"--lang", "zh"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(first_line(r.out),
            "排名,客户编号,客户名称,客户等级,上期等级,变动,帕累托等级,百分位等级,阈值等级,"
            "购买力,成交频率,利润贡献,生命周期价值,占比,累计占比");
  EXPECT_EQ(csv_column(r.out, "上期等级"), kDay2Previous);
  EXPECT_EQ(csv_column(r.out, "变动"),
            (Strings{"上升", "上升", "不变", "上升", "新增", "上升", "下降", "不变", "下降", "下降",
                     "下降", "下降", "新增", "不变"}));
}

TEST_F(PreviousRun, MovementInJsonLinesAndJsonKeepsEnglishValues) {
  write_day1("day1.csv");
  for (const std::string format : {"jsonl", "json"}) {
    const RunResult r = day2("day1.csv", {"--lang", "zh", "-f", format});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<Json> rows = format == "jsonl"
                                       ? json_lines(r.out)
                                       : Json::parse(r.out)["customers"].get<std::vector<Json>>();
    ASSERT_EQ(rows.size(), 14u) << format;
    const Strings keys = keys_of(rows[0]);
    ASSERT_GE(keys.size(), 7u);
    EXPECT_EQ(keys[3], "grade") << format;
    EXPECT_EQ(keys[4], "previous_grade") << format;
    EXPECT_EQ(keys[5], "movement") << format;
    Strings previous, movement;
    for (const Json& c : rows) {
      // SPEC 4: null where a value is unavailable (a new customer has no earlier grade).
      previous.push_back(c["previous_grade"].is_null() ? std::string()
                                                       : c["previous_grade"].get<std::string>());
      movement.push_back(c["movement"].get<std::string>());
    }
    EXPECT_EQ(previous, kDay2Previous) << format;
    EXPECT_EQ(movement, kDay2Movement) << format;
    EXPECT_TRUE(rows[4]["previous_grade"].is_null()) << format;  // N1
  }
}

TEST_F(PreviousRun, MovementColumnsInXlsx) {
  write_day1("day1.csv");
  ASSERT_EQ(day2("day1.csv", {"-o", "day2.xlsx"}).exit_code, 0);
  const auto f = xlsx_facts(dir / "day2.xlsx");
  EXPECT_EQ(cell(f, "customers.D1"), "s|grade");
  EXPECT_EQ(cell(f, "customers.E1"), "s|previous_grade");
  EXPECT_EQ(cell(f, "customers.F1"), "s|movement");
  EXPECT_EQ(cell(f, "customers.B2"), "s|CA1");
  EXPECT_EQ(cell(f, "customers.E2"), "s|C");
  EXPECT_EQ(cell(f, "customers.F2"), "s|up");
  EXPECT_EQ(cell(f, "customers.B6"), "s|N1");
  EXPECT_EQ(cell(f, "customers.E6"), "<absent>");
  EXPECT_EQ(cell(f, "customers.F6"), "s|new");

  ASSERT_EQ(day2("day1.csv", {"--lang", "zh", "-o", "zh.xlsx"}).exit_code, 0);
  const auto zh = xlsx_facts(dir / "zh.xlsx");
  EXPECT_EQ(cell(zh, "客户.E1"), "s|上期等级");
  EXPECT_EQ(cell(zh, "客户.F1"), "s|变动");
  EXPECT_EQ(cell(zh, "客户.F2"), "s|上升");
  EXPECT_EQ(cell(zh, "客户.F4"), "s|不变");  // AA1
  EXPECT_EQ(cell(zh, "客户.F6"), "s|新增");  // N1
  EXPECT_EQ(cell(zh, "客户.F8"), "s|下降");  // AB2
}

TEST_F(PreviousRun, XlsxSummarySheetShowsTheMigrationMatrix) {
  // The matrix of the comment above kDay1, with gone per earlier grade (A 1, B 1, C 0), new
  // per current grade (A N1, C N2) and the up / down counts (4, 5).
  write_day1("day1.csv");
  ASSERT_EQ(day2("day1.csv", {"-o", "day2.xlsx"}).exit_code, 0);
  const auto f = xlsx_facts(dir / "day2.xlsx");
  std::string title;
  for (const auto& [key, value] : f) {
    if (key.rfind("summary.A", 0) == 0 && value.rfind("s|Movement", 0) == 0) title = key;
  }
  ASSERT_FALSE(title.empty()) << "no movement block on the summary sheet";
  const int at = std::stoi(title.substr(std::string("summary.A").size()));
  auto row = [&](int offset) {
    Strings out;
    for (const char* col : {"A", "B", "C", "D", "E"})
      out.push_back(cell(f, "summary." + std::string(col) + std::to_string(at + offset)));
    return out;
  };
  EXPECT_EQ(row(1), (Strings{"s|earlier \\ now", "s|A", "s|B", "s|C", "s|gone"}));
  EXPECT_EQ(row(2), (Strings{"s|A", "n|1", "n|2", "n|1", "n|1"}));
  EXPECT_EQ(row(3), (Strings{"s|B", "n|1", "n|1", "n|2", "n|1"}));
  EXPECT_EQ(row(4), (Strings{"s|C", "n|2", "n|1", "n|1", "n|0"}));
  EXPECT_EQ(row(5), (Strings{"s|new", "n|1", "n|0", "n|1", "<absent>"}));
  EXPECT_EQ(row(6), (Strings{"s|moved up", "n|4", "<absent>", "<absent>", "<absent>"}));
  EXPECT_EQ(row(7), (Strings{"s|moved down", "n|5", "<absent>", "<absent>", "<absent>"}));
}

TEST_F(PreviousRun, SummaryCsvHasTheMigrationMatrixNewAndGone) {
  // Rows per current grade, columns previous_A/B/C = customers now in this grade that were
  // A/B/C, new = those not in day 1:
  //   A: AA1 (A), BA1 (B), CA1 CA2 (C), N1 new        -> 1, 1, 2, 1
  //   B: AB1 AB2 (A), BB1 (B), CB1 (C)                 -> 2, 1, 1, 0
  //   C: AC1 (A), BC1 BC2 (B), CC1 (C), N2 new         -> 1, 2, 1, 1
  //   total                                            -> 4, 4, 4, 2
  //   gone: 2 customers, GA was A, GB was B            -> 1, 1, 0
  // Amounts: A 200 + 150 + 500 + 400 + 110 = 1360; B 60 + 70 + 70 + 90 = 290;
  //   C 10 + 5 + 6 + 1 + 2 = 24; total 1674.
  // Shares: customers 5/14 = 0.357143, 4/14 = 0.285714; amount 1360/1674 = 0.812425,
  //   290/1674 = 0.173238, 24/1674 = 0.014337.
  write_day1("day1.csv");
  const RunResult r = day2("day1.csv", {"--summary", "sum.csv", "-o", "day2.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(dir.read("sum.csv"),
            "grade,customers,customer_share,metric_total,metric_share,previous_A,previous_B,"
            "previous_C,new\n"
            "A,5,0.357143,1360.00,0.812425,1,1,2,1\n"
            "B,4,0.285714,290.00,0.173238,2,1,1,0\n"
            "C,5,0.357143,24.00,0.014337,1,2,1,1\n"
            "total,14,1.000000,1674.00,1.000000,4,4,4,2\n"
            "gone,2,,,,1,1,0,\n");
}

TEST_F(PreviousRun, SummaryJsonHasTheMovementObject) {
  write_day1("day1.csv");
  const RunResult r = day2("day1.csv", {"--summary", "sum.json", "-o", "day2.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const Json& s :
       {Json::parse(dir.read("sum.json")), Json::parse(dir.read("day2.json"))["summary"]}) {
    ASSERT_TRUE(s.contains("movement")) << s.dump();
    const Json& m = s["movement"];
    EXPECT_EQ(m["up"], 4);
    EXPECT_EQ(m["down"], 5);
    EXPECT_EQ(m["same"], 3);
    EXPECT_EQ(m["new"], 2);
    EXPECT_EQ(m["gone"], 2);
    // matrix[earlier][now].
    EXPECT_EQ(m["matrix"]["A"]["A"], 1);
    EXPECT_EQ(m["matrix"]["A"]["B"], 2);
    EXPECT_EQ(m["matrix"]["A"]["C"], 1);
    EXPECT_EQ(m["matrix"]["B"]["A"], 1);
    EXPECT_EQ(m["matrix"]["B"]["B"], 1);
    EXPECT_EQ(m["matrix"]["B"]["C"], 2);
    EXPECT_EQ(m["matrix"]["C"]["A"], 2);
    EXPECT_EQ(m["matrix"]["C"]["B"], 1);
    EXPECT_EQ(m["matrix"]["C"]["C"], 1);
  }
}

TEST_F(PreviousRun, LogsTheMovementLineBeforeTheAccountingLine) {
  write_day1("day1.csv");
  const RunResult r = day2("day1.csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Strings lines = r.err_lines();
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[lines.size() - 2], "abcgrade: 4 customers moved up, 5 down, 2 new, 2 gone");
  EXPECT_EQ(lines.back(), "abcgrade: read 14 rows: used 14, outside window 0, rejected 0");
}

TEST_F(PreviousRun, EarlierTableInChineseCsvWorks) {
  write_day1("day1_zh.csv", {"--lang", "zh"});
  ASSERT_EQ(dir.read("day1_zh.csv").rfind("排名,客户编号,", 0), 0u);
  const RunResult r = day2("day1_zh.csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(csv_column(r.out, "previous_grade"), kDay2Previous);
  EXPECT_EQ(csv_column(r.out, "movement"), kDay2Movement);
  EXPECT_EQ(r.err_lines().at(r.err_lines().size() - 2),
            "abcgrade: 4 customers moved up, 5 down, 2 new, 2 gone");
}

TEST_F(PreviousRun, EarlierTableInJsonAndJsonLinesWorks) {
  write_day1("day1.json");
  write_day1("day1.jsonl");
  for (const std::string earlier : {"day1.json", "day1.jsonl"}) {
    const RunResult r = day2(earlier);
    ASSERT_EQ(r.exit_code, 0) << earlier << ": " << r.err;
    EXPECT_EQ(csv_column(r.out, "previous_grade"), kDay2Previous) << earlier;
    EXPECT_EQ(csv_column(r.out, "movement"), kDay2Movement) << earlier;
    EXPECT_EQ(r.err_lines().at(r.err_lines().size() - 2),
              "abcgrade: 4 customers moved up, 5 down, 2 new, 2 gone")
        << earlier;
  }
}

TEST_F(PreviousRun, EarlierExcelCsvWithGuardedIdsWorks) {
  // --excel writes the ids -17 and =X as '-17 and '=X (SPEC 5.2), with a BOM and CRLF; the
  // comparison is by the ids underneath. Day 1: -17 100 (A), =X 60 (B). Day 2: -17 60 (B),
  // =X 60 (B): down and same; nobody new or gone.
  dir.write("g1.csv", "customer_id,amount\n-17,100\n=X,60\n");
  dir.write("g2.csv", "customer_id,amount\n-17,60\n=X,60\n");
  ASSERT_EQ(
      run_abcgrade(args(args({"classify"}, kThreshold), {"--excel", "-o", "day1.csv", "g1.csv"}),
                   dir.path())
          .exit_code,
      0);
  const std::string day1 = dir.read("day1.csv");
  ASSERT_NE(day1.find("\r\n1,'-17,"), std::string::npos) << day1;
  const RunResult r = run_abcgrade(
      args(args({"classify"}, kThreshold), {"--previous", "day1.csv", "g2.csv"}), dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Rank order: -17 and =X tie at 60; by id bytes '-' (0x2D) < '=' (0x3D).
  EXPECT_EQ(csv_column(r.out, "customer_id"), (Strings{"-17", "=X"}));
  EXPECT_EQ(csv_column(r.out, "previous_grade"), (Strings{"A", "B"}));
  EXPECT_EQ(csv_column(r.out, "movement"), (Strings{"down", "same"}));
  EXPECT_EQ(r.err_lines().at(r.err_lines().size() - 2),
            "abcgrade: 0 customers moved up, 1 down, 0 new, 0 gone");
}

TEST_F(PreviousRun, EarlierPlainCsvKeepsIdsThatStartWithAQuote) {
  // Without --excel nothing is guarded (SPEC 5.2), so an id that starts with ' is written
  // and read back as it is: '=q and '-5 match themselves. Day 1: '=q 100 (A), '-5 60 (B).
  // Day 2 the same: both same; nobody new or gone.
  dir.write("q.csv", "customer_id,amount\n'=q,100\n'-5,60\n");
  ASSERT_EQ(
      run_abcgrade(args(args({"classify"}, kThreshold), {"-o", "day1.csv", "q.csv"}), dir.path())
          .exit_code,
      0);
  ASSERT_NE(dir.read("day1.csv").find("\n1,'=q,"), std::string::npos) << dir.read("day1.csv");
  const RunResult r = run_abcgrade(
      args(args({"classify"}, kThreshold), {"--previous", "day1.csv", "q.csv"}), dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(csv_column(r.out, "customer_id"), (Strings{"'=q", "'-5"}));
  EXPECT_EQ(csv_column(r.out, "previous_grade"), (Strings{"A", "B"}));
  EXPECT_EQ(csv_column(r.out, "movement"), (Strings{"same", "same"}));
  EXPECT_EQ(r.err_lines().at(r.err_lines().size() - 2),
            "abcgrade: 0 customers moved up, 0 down, 0 new, 0 gone");
}

TEST_F(PreviousRun, WholeTableWithMovementWorkedByHand) {
  // Default pareto. Day 1: P 10, Q 90; T = 100: Q before 0 -> A; P before 90 >= 80, < 95 -> B.
  // Day 2: P 90, Q 10, R 5; T = 105, lines 84 and 99.75: P A; Q before 90 -> B;
  //   R before 100 -> C. Percentile N = 3: A B C. Thresholds (amount, frequency, clv): C.
  //   Shares 90/105 = 0.857143, 10/105 = 0.095238, 5/105 = 0.047619; cumulative 0.857143,
  //   100/105 = 0.952381, 1.
  // Movement: P B -> A up; Q A -> B down; R new.
  dir.write("p1.csv", "customer_id,amount\nP,10\nQ,90\n");
  dir.write("p2.csv", "customer_id,amount\nP,90\nQ,10\nR,5\n");
  ASSERT_EQ(run_abcgrade({"classify", "-o", "p1_table.csv", "p1.csv"}, dir.path()).exit_code, 0);
  const RunResult r =
      run_abcgrade({"classify", "--previous", "p1_table.csv", "p2.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "rank,customer_id,customer_name,grade,previous_grade,movement,pareto_grade,"
            "percentile_grade,threshold_grade,amount,frequency,profit,clv,share,cumulative_share\n"
            "1,P,,A,B,up,A,A,C,90.00,1,,90.00,0.857143,0.857143\n"
            "2,Q,,B,A,down,B,B,C,10.00,1,,10.00,0.095238,0.952381\n"
            "3,R,,C,,new,C,C,C,5.00,1,,5.00,0.047619,1.000000\n");
  EXPECT_EQ(r.err_lines().at(r.err_lines().size() - 2),
            "abcgrade: 1 customer moved up, 1 down, 1 new, 0 gone");
}

TEST_F(PreviousRun, EarlierFileThatIsNotATableIsDataErrorNamingIt) {
  dir.write("out.csv", "earlier\n");
  const RunResult r =
      run_abcgrade(args(args({"classify"}, kThreshold),
                        {"--previous", "day1_sales.csv", "-o", "out.csv", "day2_sales.csv"}),
                   dir.path());
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(one_error_line(r, "day1_sales.csv"));
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(dir.read("out.csv"), "earlier\n");
  EXPECT_EQ(dir.entries(), (Strings{"day1_sales.csv", "day2_sales.csv", "out.csv"}));
}

TEST_F(PreviousRun, EarlierJsonThatIsNotATableIsDataErrorNamingIt) {
  dir.write("policy.json", R"({"method":"pareto"})");
  const RunResult r = day2("policy.json");
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(one_error_line(r, "policy.json"));
  EXPECT_EQ(r.out, "");
}

TEST_F(PreviousRun, MissingEarlierFileIsNoInput) {
  const RunResult r = day2("absent.csv");
  EXPECT_EQ(r.exit_code, 66);
  EXPECT_TRUE(one_error_line(r, "absent.csv"));
  EXPECT_EQ(r.out, "");
}

TEST_F(PreviousRun, ComparingWithAndReplacingTheSameFileWorks) {
  // The cron pattern: day 1 writes out.csv; day 2 compares with out.csv and replaces it.
  write_day1("out.csv");
  const std::string day1 = dir.read("out.csv");
  const RunResult r = day2("out.csv", {"-o", "out.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string day2_table = dir.read("out.csv");
  EXPECT_NE(day2_table, day1);
  EXPECT_EQ(csv_column(day2_table, "customer_id"), kDay2Ids);
  EXPECT_EQ(csv_column(day2_table, "previous_grade"), kDay2Previous);
  EXPECT_EQ(csv_column(day2_table, "movement"), kDay2Movement);
  EXPECT_EQ(dir.entries(), (Strings{"day1_sales.csv", "day2_sales.csv", "out.csv"}));

  // And once more, day 2 against itself: everyone the same, nobody new or gone.
  const RunResult again = day2("out.csv", {"-o", "out.csv"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(csv_column(dir.read("out.csv"), "movement"), Strings(14, "same"));
  EXPECT_EQ(again.err_lines().at(again.err_lines().size() - 2),
            "abcgrade: 0 customers moved up, 0 down, 0 new, 0 gone");
}

TEST_F(PreviousRun, GroupedRunComparesByCustomerId) {
  // --group-by with --previous: day 1 has no groups; day 2 puts the customers in groups.
  // Day 1: P 10, Q 90 -> pareto Q A, P B (as above). Day 2 groups: g1 {P 5}, g2 {Q 1, S 1}.
  //   g1: P alone -> A (B -> A, up). g2: Q and S tie at 1: both A (tie group); Q A -> A same,
  //   S new. Order: g1 then g2; within g2 Q before S by id.
  dir.write("p1.csv", "customer_id,amount\nP,10\nQ,90\n");
  dir.write("p2.csv", "customer_id,amount,Region\nP,5,g1\nQ,1,g2\nS,1,g2\n");
  ASSERT_EQ(run_abcgrade({"classify", "-o", "p1_table.csv", "p1.csv"}, dir.path()).exit_code, 0);
  const RunResult r = run_abcgrade({"classify", "--group-by", "Region", "--previous",
                                    "p1_table.csv", "--summary", "sum.csv", "p2.csv"},
                                   dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(first_line(r.out),
            "rank,customer_id,group,customer_name,grade,previous_grade,movement,pareto_grade,"
            "percentile_grade,threshold_grade,amount,frequency,profit,clv,share,cumulative_share");
  EXPECT_EQ(csv_column(r.out, "customer_id"), (Strings{"P", "Q", "S"}));
  EXPECT_EQ(csv_column(r.out, "grade"), (Strings{"A", "A", "A"}));
  EXPECT_EQ(csv_column(r.out, "movement"), (Strings{"up", "same", "new"}));
  // Summary: g1 A: P (was B); g2 A: Q (was A), S new; all: A 3: 1, 1, 0, new 1; no one gone.
  const std::string sum = dir.read("sum.csv");
  EXPECT_EQ(first_line(sum),
            "group,grade,customers,customer_share,metric_total,metric_share,previous_A,"
            "previous_B,previous_C,new");
  EXPECT_NE(sum.find("\ng1,A,1,1.000000,5.00,1.000000,0,1,0,0\n"), std::string::npos) << sum;
  EXPECT_NE(sum.find("\ng2,A,2,1.000000,2.00,1.000000,1,0,0,1\n"), std::string::npos) << sum;
  EXPECT_NE(sum.find("\n(all),A,3,1.000000,7.00,1.000000,1,1,0,1\n"), std::string::npos) << sum;
  EXPECT_NE(sum.find("\n(all),gone,0,,,,0,0,0,\n"), std::string::npos) << sum;
}

// BUG: a table written with `--keep grade` (an input column whose header is `grade`, kept as
// SPEC 4 allows) holds two `grade` columns: SPEC 4's own (4th) and the kept one (last).
// --previous reads the last one and refuses the table: "grade "gold" is not A, B or C"
// (exit 65), although SPEC 3.6 says a table abcgrade wrote earlier is read. Expected: the
// grade of SPEC 4's column: Q A, P B -> day 2 movement as in WholeTableWithMovementWorkedByHand.
TEST_F(PreviousRun, EarlierTableWithAKeptGradeColumnIsRead) {
  dir.write("p1.csv", "customer_id,amount,grade\nP,10,silver\nQ,90,gold\n");
  dir.write("p2.csv", "customer_id,amount,grade\nP,90,gold\nQ,10,silver\nR,5,bronze\n");
  ASSERT_EQ(
      run_abcgrade({"classify", "--keep", "grade", "-o", "p1_table.csv", "p1.csv"}, dir.path())
          .exit_code,
      0);
  const RunResult r =
      run_abcgrade({"classify", "--previous", "p1_table.csv", "p2.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(csv_column(r.out, "movement"), (Strings{"up", "down", "new"}));
}

// BUG: the same for the json output: with `--keep grade` each customer object holds the key
// "grade" twice ({"grade":"A",...,"grade":"gold"}; SPEC 4 keys objects by the en column
// names, which then collide), and --previous takes the last one: exit 65, "grade "gold" is
// not A, B or C". Expected: day 2 compares with the table's grades (Q A, P B).
TEST_F(PreviousRun, EarlierJsonTableWithAKeptGradeColumnIsRead) {
  dir.write("p1.csv", "customer_id,amount,grade\nP,10,silver\nQ,90,gold\n");
  dir.write("p2.csv", "customer_id,amount,grade\nP,90,gold\nQ,10,silver\nR,5,bronze\n");
  ASSERT_EQ(run_abcgrade({"classify", "--keep", "grade", "-o", "p1.json", "p1.csv"}, dir.path())
                .exit_code,
            0);
  const RunResult r = run_abcgrade({"classify", "--previous", "p1.json", "p2.csv"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(csv_column(r.out, "movement"), (Strings{"up", "down", "new"}));
}

}  // namespace
}  // namespace abcgrade::test
