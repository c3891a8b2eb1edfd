// End-to-end tests: the built binary on files, compared byte for byte
// (stdout, the stderr line, the exit code) for every exit status of SPEC 1,
// the input forms of SPEC 2 that only the whole program shows, the output
// formats of SPEC 4 and the safety rules of SPEC 5. Expected tables are
// worked by hand from the SPEC's rules; the arithmetic is in the comments.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "testutil.hpp"

namespace abcgrade::test {
namespace {

const std::string kHeader =
    "rank,customer_id,customer_name,grade,pareto_grade,percentile_grade,threshold_grade,amount,"
    "frequency,profit,clv,share,cumulative_share\n";

// C1 buys one order in two lines (800), C2 150, C4 100; C3 buys 50 and
// returns it (net 0, two orders).
const std::string kBasicInput =
    "customer_id,customer_name,order_id,date,amount,profit\n"
    "C1,Ann,O1,2024-01-01,500,100\n"
    "C1,Ann,O1,2024-01-01,300,60\n"
    "C2,Bob,O2,2024-01-02,150,30\n"
    "C3,Cy,O3,2024-01-03,50,10\n"
    "C3,Cy,O4,2024-01-04,-50,-10\n"
    "C4,Di,O5,2024-01-05,100,20\n";

// T = 1050. Pareto 80/95: C1 before 0 -> A; C2 before 800 < 840 -> A (it
// crosses the A line); C4 before 950 < 997.5 -> B; C3 0 -> C. Percentile
// N = 4: nA = ceil(0.8) = 1, nC = ceil(0.8) = 1 -> A, B, B, C. Thresholds
// (amount 500000/200000 and the others, combined with `all`): all C.
// Shares: 800/1050 = 0.7619047 -> 0.761905; 150/1050 = 0.1428571 -> 0.142857,
// cumulative 950/1050 = 0.9047619 -> 0.904762; 100/1050 = 0.0952380 -> 0.095238.
const std::string kBasicTable = kHeader +
                                "1,C1,Ann,A,A,A,C,800.00,1,160.00,160.00,0.761905,0.761905\n"
                                "2,C2,Bob,A,A,B,C,150.00,1,30.00,30.00,0.142857,0.904762\n"
                                "3,C4,Di,B,B,B,C,100.00,1,20.00,20.00,0.095238,1.000000\n"
                                "4,C3,Cy,C,C,C,C,0.00,2,0.00,0.00,0.000000,1.000000\n";

// A command line that must be refused as bad usage (64), and its one line.
struct UsageCase {
  std::vector<std::string> args;
  std::string message;
};

class ClassifyCommand : public ::testing::Test {
 protected:
  RunResult run(const std::vector<std::string>& args, const std::string& stdin_bytes = "") {
    return run_abcgrade(args, dir.path(), stdin_bytes);
  }
  // Runs `c` and expects 64, its message as stderr's last line and nothing on stdout.
  void expect_usage_error(const UsageCase& c, const std::string& stdin_bytes = "") {
    SCOPED_TRACE(c.message);
    const RunResult r = run(c.args, stdin_bytes);
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_EQ(r.err_last_line(), c.message);
    EXPECT_EQ(r.out, "");
  }
  TempDir dir;
};

TEST_F(ClassifyCommand, GradesTheBasicExampleExactly) {
  dir.write("sales.csv", kBasicInput);
  const RunResult r = run({"classify", "sales.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kBasicTable);
  EXPECT_EQ(r.err,
            "abcgrade: graded 4 customers by pareto on amount, as of 2024-01-05\n"
            "abcgrade: A 2 customers (50.0%), amount 950.00 (90.5%); B 1 customer (25.0%), amount "
            "100.00 (9.5%); C 1 customer (25.0%), amount 0.00 (0.0%)\n"
            "abcgrade: read 6 rows: used 6, outside window 0, rejected 0\n");
}

TEST_F(ClassifyCommand, WindowReadsPipesAndFifosTwice) {
  // --window without --as-of reads the input twice (SPEC 1: the window ends at the latest
  // date). An input that cannot be opened again from its start (a FIFO, /dev/stdin on a
  // pipe) is kept from the first pass, like `-`. Worked by hand: the latest date is
  // 2024-01-10; the 30-day window (2023-12-11..2024-01-10) holds A's 5 but not B's 3, so B
  // is graded with amount 0 and clv 3 (SPEC 3.1). `timeout` turns a hang into a failure.
  dir.write("w.csv", "customer_id,amount,date\nA,5,2024-01-10\nB,3,2023-01-01\n");
  const std::string table =
      "rank,customer_id,customer_name,grade,pareto_grade,percentile_grade,threshold_grade,"
      "amount,frequency,profit,clv,share,cumulative_share\n"
      "1,A,,A,A,A,C,5.00,1,,5.00,1.000000,1.000000\n"
      "2,B,,C,C,C,C,0.00,0,,3.00,0.000000,1.000000\n";
  const std::string bin = ABCGRADE_BIN;
  for (const std::string& command :
       {"mkfifo ff && (cat w.csv > ff &) && timeout 60 " + bin + " classify -q --window 30 ff",
        "cat w.csv | timeout 60 " + bin + " classify -q --window 30 /dev/stdin",
        "timeout 60 " + bin + " classify -q --window 30 w.csv"}) {
    SCOPED_TRACE(command);
    std::filesystem::remove(dir / "ff");
    const RunResult r = run_program("/bin/sh", {"-c", command}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, table);
  }
}

TEST_F(ClassifyCommand, ReadsStandardInputWithDashOrWithoutInput) {
  EXPECT_EQ(run({"classify", "-"}, kBasicInput).out, kBasicTable);
  EXPECT_EQ(run({"classify"}, kBasicInput).out, kBasicTable);
}

TEST_F(ClassifyCommand, SameInputGivesByteIdenticalOutput) {
  dir.write("sales.csv", kBasicInput);
  const RunResult a = run({"classify", "-f", "json", "sales.csv"});
  const RunResult b = run({"classify", "-f", "json", "sales.csv"});
  EXPECT_EQ(a.exit_code, 0);
  EXPECT_EQ(a.out, b.out);
}

// Blank lines before a header are not rows, so header errors name the line
// the header is on (SPEC 1: file, line and column where one applies).
TEST_F(ClassifyCommand, HeaderErrorsNameTheHeadersLine) {
  dir.write("late.csv", "\n\ncustomer_id,amt\nC1,1\n");
  const RunResult missing = run({"classify", "late.csv"});
  EXPECT_EQ(missing.exit_code, 65);
  EXPECT_EQ(missing.err_last_line().rfind("abcgrade: late.csv:3: no amount column", 0), 0u)
      << missing.err;
  dir.write("dated.csv", "customer_id,amount,date\nC1,1,2024-01-01\n");
  dir.write("undated.csv", "\n\ncustomer_id,amount\nC2,1\n");
  const RunResult unlike = run({"classify", "dated.csv", "undated.csv"});
  EXPECT_EQ(unlike.exit_code, 65);
  EXPECT_EQ(unlike.err_last_line(),
            "abcgrade: undated.csv:3: has no date column, unlike the first input");
  const RunResult window = run({"classify", "--window", "30", "undated.csv"});
  EXPECT_EQ(window.exit_code, 65);
  EXPECT_EQ(
      window.err_last_line().rfind("abcgrade: undated.csv:3: --window needs a date column", 0), 0u)
      << window.err;
}

TEST_F(ClassifyCommand, SeveralInputsAreOneDataSetEvenWithOtherColumnOrders) {
  // The same rows split over two files, the second with its columns reordered.
  dir.write("a.csv",
            "customer_id,customer_name,order_id,date,amount,profit\n"
            "C1,Ann,O1,2024-01-01,500,100\n"
            "C1,Ann,O1,2024-01-01,300,60\n"
            "C2,Bob,O2,2024-01-02,150,30\n");
  dir.write("b.csv",
            "amount,profit,date,order_id,customer_name,customer_id\n"
            "50,10,2024-01-03,O3,Cy,C3\n"
            "-50,-10,2024-01-04,O4,Cy,C3\n"
            "100,20,2024-01-05,O5,Di,C4\n");
  const RunResult r = run({"classify", "a.csv", "b.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kBasicTable);
  EXPECT_EQ(r.err_last_line(), "abcgrade: read 6 rows: used 6, outside window 0, rejected 0");
}

TEST_F(ClassifyCommand, MixesAFileAndStandardInput) {
  dir.write("a.csv",
            "customer_id,customer_name,order_id,date,amount,profit\n"
            "C1,Ann,O1,2024-01-01,500,100\n"
            "C1,Ann,O1,2024-01-01,300,60\n"
            "C2,Bob,O2,2024-01-02,150,30\n");
  const std::string rest =
      "customer_id,customer_name,order_id,date,amount,profit\n"
      "C3,Cy,O3,2024-01-03,50,10\n"
      "C3,Cy,O4,2024-01-04,-50,-10\n"
      "C4,Di,O5,2024-01-05,100,20\n";
  EXPECT_EQ(run({"classify", "a.csv", "-"}, rest).out, kBasicTable);
}

// Window 30 days, as-of = the latest date 2024-03-05: the window is
// (2024-02-04, 2024-03-05]. A: 01-01 outside, 03-01 inside -> 50, clv
// (amount, no profit column) 150. B: 80. C: only 2023-12-01 -> lapsed: 0,
// frequency 0, clv 40. D: 10. T = 140: B A; A before 80, 8000 < 11200 -> A;
// D before 130, 13000 < 13300 -> B; C -> C. Percentile N = 4: A, B, B, C.
// Shares 80/140 = 0.5714285 -> 0.571429; 50/140 = 0.3571428 -> 0.357143,
// cumulative 130/140 = 0.9285714 -> 0.928571; 10/140 = 0.0714285 -> 0.071429.
const std::string kWindowInput =
    "customer_id,date,amount\n"
    "A,2024-01-01,100\n"
    "A,2024-03-01,50\n"
    "B,2024-02-15,80\n"
    "C,2023-12-01,40\n"
    "D,2024-03-05,10\n";
const std::string kWindowTable = kHeader +
                                 "1,B,,A,A,A,C,80.00,1,,80.00,0.571429,0.571429\n"
                                 "2,A,,A,A,B,C,50.00,1,,150.00,0.357143,0.928571\n"
                                 "3,D,,B,B,B,C,10.00,1,,10.00,0.071429,1.000000\n"
                                 "4,C,,C,C,C,C,0.00,0,,40.00,0.000000,1.000000\n";

TEST_F(ClassifyCommand, WindowEndsAtTheLatestDateAndKeepsLapsedCustomers) {
  dir.write("tx.csv", kWindowInput);
  const RunResult r = run({"classify", "--window", "30", "tx.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kWindowTable);
  EXPECT_EQ(r.err_last_line(), "abcgrade: read 5 rows: used 3, outside window 2, rejected 0");
}

TEST_F(ClassifyCommand, WindowOnStandardInputReadsItTwiceThroughACopy) {
  const RunResult r = run({"classify", "--window", "30"}, kWindowInput);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kWindowTable);
  EXPECT_EQ(r.err_last_line(), "abcgrade: read 5 rows: used 3, outside window 2, rejected 0");
}

TEST_F(ClassifyCommand, RowsAfterAsOfCountTowardNothing) {
  // As-of 2024-02-20, window (2024-01-21, 2024-02-20]. A: 01-01 before the
  // window, 03-01 after as-of -> in the table with 0, clv 100. B: 80. C:
  // lapsed, clv 40. D: only after as-of -> not in the table. Used 1, outside 4.
  // T = 80: B is A; A and C hold 0 -> pareto C. Percentile N = 3: A, B, C by
  // position, but A and C tie at 0, so C takes A's B (SPEC 3.2).
  dir.write("tx.csv", kWindowInput);
  const RunResult r = run({"classify", "--window", "30", "--as-of", "2024-02-20", "tx.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kHeader +
                       "1,B,,A,A,A,C,80.00,1,,80.00,1.000000,1.000000\n"
                       "2,A,,C,C,B,C,0.00,0,,100.00,0.000000,1.000000\n"
                       "3,C,,C,C,B,C,0.00,0,,40.00,0.000000,1.000000\n");
  EXPECT_EQ(r.err_last_line(), "abcgrade: read 5 rows: used 1, outside window 4, rejected 0");
}

TEST_F(ClassifyCommand, ReadsChineseHeadersAndNumberForms) {
  // 80万元 = 800000, ¥1,234.50, 0.5万 = 5000; frequencies 12次 3次 1次 from the
  // frequency column; clv = amount (no profit, no clv column). T = 806234.50.
  // Pareto: K1 A; K3 before 800000 >= 95% of T (765922.775) -> C; K2 C.
  // Thresholds with `all`: K1 amount A, frequency 12 A, clv 800000 B -> B.
  // Shares: 800000/806234.5 = 0.9922672 -> 0.992267; 5000/806234.5 =
  // 0.0062016 -> 0.006202, cumulative 805000/806234.5 = 0.9984688 -> 0.998469.
  dir.write("客户.csv",
            "客户编号,客户名称,购买力,成交频率\n"
            "K1,甲,80万元,12次\n"
            "K2,乙,\"¥1,234.50\",3次\n"
            "K3,丙,0.5万,1次\n");
  const RunResult r = run({"classify", "--lang", "zh", "客户.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out,
      "排名,客户编号,客户名称,客户等级,帕累托等级,百分位等级,阈值等级,购买力,成交频率,利润贡献,"
      "生命周期价值,占比,累计占比\n"
      "1,K1,甲,A,A,A,B,800000.00,12,,800000.00,0.992267,0.992267\n"
      "2,K3,丙,C,C,B,C,5000.00,1,,5000.00,0.006202,0.998469\n"
      "3,K2,乙,C,C,C,C,1234.50,3,,1234.50,0.001531,1.000000\n");
}

TEST_F(ClassifyCommand, KeepPassesColumnsThroughUnderTheirInputHeader) {
  // Country from the latest row with a value: C1's later row says DE.
  dir.write("tx.csv",
            "customer_id,amount,date,Country\n"
            "C1,10,2024-01-01,FR\n"
            "C1,10,2024-02-01,DE\n"
            "C2,5,2024-01-15,\n");
  const RunResult r = run({"classify", "--keep", "country", "tx.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // T = 25: C1 A (before 0); C2 before 20, not < 80% of 25 = 20, but < 95% of 25
  // = 23.75 -> B.
  EXPECT_EQ(
      r.out,
      "rank,customer_id,customer_name,grade,pareto_grade,percentile_grade,threshold_grade,amount,"
      "frequency,profit,clv,share,cumulative_share,Country\n"
      "1,C1,,A,A,A,C,20.00,2,,20.00,0.800000,0.800000,DE\n"
      "2,C2,,B,B,C,C,5.00,1,,5.00,0.200000,1.000000,\n");
}

TEST_F(ClassifyCommand, JsonLinesHoldOneCustomerPerLineWithExactNumbers) {
  dir.write("sales.csv", kBasicInput);
  const RunResult r = run({"classify", "-f", "jsonl", "sales.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"rank\":1,\"customer_id\":\"C1\",\"customer_name\":\"Ann\",\"grade\":\"A\",\"pareto_"
            "grade\":\"A\","
            "\"percentile_grade\":\"A\",\"threshold_grade\":\"C\",\"amount\":800.00,\"frequency\":"
            "1,\"profit\":160.00,"
            "\"clv\":160.00,\"share\":0.761905,\"cumulative_share\":0.761905}\n"
            "{\"rank\":2,\"customer_id\":\"C2\",\"customer_name\":\"Bob\",\"grade\":\"A\",\"pareto_"
            "grade\":\"A\","
            "\"percentile_grade\":\"B\",\"threshold_grade\":\"C\",\"amount\":150.00,\"frequency\":"
            "1,\"profit\":30.00,"
            "\"clv\":30.00,\"share\":0.142857,\"cumulative_share\":0.904762}\n"
            "{\"rank\":3,\"customer_id\":\"C4\",\"customer_name\":\"Di\",\"grade\":\"B\",\"pareto_"
            "grade\":\"B\","
            "\"percentile_grade\":\"B\",\"threshold_grade\":\"C\",\"amount\":100.00,\"frequency\":"
            "1,\"profit\":20.00,"
            "\"clv\":20.00,\"share\":0.095238,\"cumulative_share\":1.000000}\n"
            "{\"rank\":4,\"customer_id\":\"C3\",\"customer_name\":\"Cy\",\"grade\":\"C\",\"pareto_"
            "grade\":\"C\","
            "\"percentile_grade\":\"C\",\"threshold_grade\":\"C\",\"amount\":0.00,\"frequency\":2,"
            "\"profit\":0.00,"
            "\"clv\":0.00,\"share\":0.000000,\"cumulative_share\":1.000000}\n");
}

// SPEC 4: columns always present, "empty / null where a value is
// unavailable": no name column gives an empty CSV cell and JSON null, as no
// profit column does. (T = 30; K2's before = 20 < 80% x 30 = 24, so pareto A;
// percentile N = 2: A, C.)
TEST_F(ClassifyCommand, WithoutNameOrProfitColumnsTheirCellsAreEmptyOrNull) {
  dir.write("ids.csv", "customer_id,amount\nK1,20\nK2,10\n");
  const RunResult jsonl = run({"classify", "-f", "jsonl", "ids.csv"});
  EXPECT_EQ(jsonl.exit_code, 0) << jsonl.err;
  EXPECT_EQ(jsonl.out,
            "{\"rank\":1,\"customer_id\":\"K1\",\"customer_name\":null,\"grade\":\"A\","
            "\"pareto_grade\":\"A\",\"percentile_grade\":\"A\",\"threshold_grade\":\"C\","
            "\"amount\":20.00,\"frequency\":1,\"profit\":null,\"clv\":20.00,"
            "\"share\":0.666667,\"cumulative_share\":0.666667}\n"
            "{\"rank\":2,\"customer_id\":\"K2\",\"customer_name\":null,\"grade\":\"A\","
            "\"pareto_grade\":\"A\",\"percentile_grade\":\"C\",\"threshold_grade\":\"C\","
            "\"amount\":10.00,\"frequency\":1,\"profit\":null,\"clv\":10.00,"
            "\"share\":0.333333,\"cumulative_share\":1.000000}\n");
  const RunResult csv = run({"classify", "ids.csv"});
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out, kHeader +
                         "1,K1,,A,A,A,C,20.00,1,,20.00,0.666667,0.666667\n"
                         "2,K2,,A,A,C,C,10.00,1,,10.00,0.333333,1.000000\n");
}

TEST_F(ClassifyCommand, JsonDocumentHasItsMembersAndTheFormatComesFromTheExtension) {
  dir.write("tx.csv",
            "customer_id,customer_name,amount\nC1,\"Li \"\"Big\"\" Wei\",500000.00\nC2,,0\n");
  const RunResult r = run({"classify", "-o", "out.json", "tx.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // No date column: as_of is null. Threshold amount: 500000 >= 500000 -> A,
  // frequency 1 -> C, clv 500000 -> B: combined with all -> C.
  EXPECT_EQ(
      dir.read("out.json"),
      "{\"as_of\":null,\"metric\":\"amount\",\"method\":\"pareto\","
      "\"policy\":{\"method\":\"pareto\",\"metric\":\"amount\",\"pareto\":[80,95],\"percentile\":["
      "20,80],"
      "\"thresholds\":{\"amount\":[500000,200000],\"frequency\":[10,5],\"clv\":[1000000,500000]},"
      "\"combine\":\"all\",\"score\":{\"amount\":0.8,\"clv\":0.2},\"window\":null,\"as_of\":null,"
      "\"group_by\":null},"
      "\"summary\":{\"grades\":[{\"grade\":\"A\",\"customers\":1,\"customer_share\":0.500000,"
      "\"metric_total\":500000.00,\"metric_share\":1.000000},{\"grade\":\"B\",\"customers\":0,"
      "\"customer_share\":0.000000,\"metric_total\":0.00,\"metric_share\":0.000000},{\"grade\":"
      "\"C\","
      "\"customers\":1,\"customer_share\":0.500000,\"metric_total\":0.00,\"metric_share\":0.000000}"
      "],"
      "\"total\":{\"customers\":2,\"customer_share\":1.000000,\"metric_total\":500000.00,"
      "\"metric_share\":1.000000}},"
      "\"customers\":[\n"
      "{\"rank\":1,\"customer_id\":\"C1\",\"customer_name\":\"Li \\\"Big\\\" Wei\",\"grade\":\"A\","
      "\"pareto_grade\":\"A\",\"percentile_grade\":\"A\",\"threshold_grade\":\"C\",\"amount\":"
      "500000.00,"
      "\"frequency\":1,\"profit\":null,\"clv\":500000.00,\"share\":1.000000,\"cumulative_share\":1."
      "000000},\n"
      "{\"rank\":2,\"customer_id\":\"C2\",\"customer_name\":\"\",\"grade\":\"C\",\"pareto_grade\":"
      "\"C\","
      "\"percentile_grade\":\"C\",\"threshold_grade\":\"C\",\"amount\":0.00,\"frequency\":1,"
      "\"profit\":null,"
      "\"clv\":0.00,\"share\":0.000000,\"cumulative_share\":1.000000}\n"
      "]}\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(ClassifyCommand, ExcelCsvHasBomCrlfAndGuardsFormulas) {
  // SPEC 5.2: text cells starting with = + - @ get a leading '; numbers don't.
  dir.write("tx.csv",
            "customer_id,customer_name,amount\n"
            "-7,=HYPERLINK(\"x\"),100\n"
            "@C2,+1 555,-20\n");
  const RunResult r = run({"classify", "--excel", "tx.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "\xEF\xBB\xBFrank,customer_id,customer_name,grade,pareto_grade,percentile_grade,"
            "threshold_grade,"
            "amount,frequency,profit,clv,share,cumulative_share\r\n"
            "1,'-7,\"'=HYPERLINK(\"\"x\"\")\",A,A,A,C,100.00,1,,100.00,1.000000,1.000000\r\n"
            "2,'@C2,'+1 555,C,C,C,C,-20.00,1,,-20.00,0.000000,1.000000\r\n");
}

TEST_F(ClassifyCommand, SummaryFilesInCsvAndJson) {
  dir.write("sales.csv", kBasicInput);
  const RunResult r = run({"classify", "--summary", "s.csv", "-o", "t.csv", "sales.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // A: C1 + C2 = 950 of 1050 (0.904762); B: 100 (0.095238); C: C3 0.
  EXPECT_EQ(dir.read("s.csv"),
            "grade,customers,customer_share,metric_total,metric_share\n"
            "A,2,0.500000,950.00,0.904762\n"
            "B,1,0.250000,100.00,0.095238\n"
            "C,1,0.250000,0.00,0.000000\n"
            "total,4,1.000000,1050.00,1.000000\n");
  EXPECT_EQ(dir.read("t.csv"), kBasicTable);
  ASSERT_EQ(run({"classify", "--summary", "s.json", "sales.csv"}).exit_code, 0);
  EXPECT_EQ(
      dir.read("s.json"),
      "{\"grades\":[{\"grade\":\"A\",\"customers\":2,\"customer_share\":0.500000,\"metric_total\":"
      "950.00,"
      "\"metric_share\":0.904762},{\"grade\":\"B\",\"customers\":1,\"customer_share\":0.250000,"
      "\"metric_total\":100.00,\"metric_share\":0.095238},{\"grade\":\"C\",\"customers\":1,"
      "\"customer_share\":0.250000,\"metric_total\":0.00,\"metric_share\":0.000000}],\"total\":{"
      "\"customers\":4,\"customer_share\":1.000000,\"metric_total\":1050.00,\"metric_share\":1."
      "000000}}\n");
}

TEST_F(ClassifyCommand, DefaultPolicyFileGradesExactlyAsTheDefaults) {
  dir.write("sales.csv", kBasicInput);
  const RunResult policy = run({"policy"});
  ASSERT_EQ(policy.exit_code, 0);
  dir.write("p.json", policy.out);
  const RunResult with_config = run({"classify", "--config", "p.json", "-f", "json", "sales.csv"});
  const RunResult plain = run({"classify", "-f", "json", "sales.csv"});
  EXPECT_EQ(with_config.exit_code, 0) << with_config.err;
  EXPECT_EQ(with_config.out, plain.out);
}

TEST_F(ClassifyCommand, FlagsOnTheCommandLineWinOverTheConfigFile) {
  dir.write("sales.csv", kBasicInput);
  dir.write("p.json", "{\"method\": \"percentile\", \"pareto\": [50, 60]}\n");
  // Method percentile from the file; --pareto 80,95 from the flags.
  const RunResult r = run({"classify", "--config", "p.json", "--pareto", "80,95", "sales.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kHeader +
                       "1,C1,Ann,A,A,A,C,800.00,1,160.00,160.00,0.761905,0.761905\n"
                       "2,C2,Bob,B,A,B,C,150.00,1,30.00,30.00,0.142857,0.904762\n"
                       "3,C4,Di,B,B,B,C,100.00,1,20.00,20.00,0.095238,1.000000\n"
                       "4,C3,Cy,C,C,C,C,0.00,2,0.00,0.00,0.000000,1.000000\n");
}

TEST_F(ClassifyCommand, ThresholdFlagReplacesThePolicyAndAcceptsChineseUnits) {
  dir.write("sales.csv", kBasicInput);
  // amount only: 800 >= 5万? no. Use 0.08万 = 800 and 0.01万 = 100.
  const RunResult r = run(
      {"classify", "--method", "threshold", "--threshold", "amount=0.08万,0.01万", "sales.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // C1 800 >= 800 -> A; C2 150 >= 100 -> B; C4 100 -> B; C3 0 -> C.
  EXPECT_EQ(r.out, kHeader +
                       "1,C1,Ann,A,A,A,A,800.00,1,160.00,160.00,0.761905,0.761905\n"
                       "2,C2,Bob,B,A,B,B,150.00,1,30.00,30.00,0.142857,0.904762\n"
                       "3,C4,Di,B,B,B,B,100.00,1,20.00,20.00,0.095238,1.000000\n"
                       "4,C3,Cy,C,C,C,C,0.00,2,0.00,0.00,0.000000,1.000000\n");
}

TEST_F(ClassifyCommand, SkippedRowsGoToRejectsAndTheAccountingLineIsLast) {
  dir.write("tx.csv",
            "customer_id,amount\n"
            "C1,100\n"
            ",5\n"
            "C3,\"12,3x\"\n"
            "C4,1,extra\n");
  const RunResult r = run({"classify", "--on-bad-row", "skip", "--rejects", "bad.csv", "tx.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(dir.read("bad.csv"),
            "file,line,reason,row\n"
            "tx.csv,3,\"column \"\"customer_id\"\": empty customer id\",\",5\"\n"
            "tx.csv,4,\"column \"\"amount\"\": cannot read \"\"12,3x\"\" as a "
            "number\",\"C3,\"\"12,3x\"\"\"\n"
            "tx.csv,5,\"expected 2 fields, found 3\",\"C4,1,extra\"\n");
  EXPECT_EQ(r.err_last_line(), "abcgrade: read 4 rows: used 1, outside window 0, rejected 3");
  EXPECT_EQ(r.out, kHeader + "1,C1,,A,A,A,C,100.00,1,,100.00,1.000000,1.000000\n");
}

TEST_F(ClassifyCommand, QuietStillShowsTheAccountingLineWhenRowsWereSetAside) {
  dir.write("tx.csv", "customer_id,amount\nC1,100\n,5\n");
  const RunResult r = run({"classify", "-q", "--on-bad-row", "skip", "tx.csv"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err,
            "abcgrade: warning: skipped tx.csv:3: column \"customer_id\": empty customer id\n"
            "abcgrade: read 2 rows: used 1, outside window 0, rejected 1\n");
  const RunResult clean = run({"classify", "-q", "tx.csv"}, "");
  EXPECT_EQ(clean.exit_code, 65);
}

TEST_F(ClassifyCommand, LogFileGetsTimestampedLinesAndTheError) {
  dir.write("tx.csv", "customer_id,amount\nC1,x\n");
  const RunResult r = run({"classify", "--log-file", "run.log", "tx.csv"});
  EXPECT_EQ(r.exit_code, 65);
  const std::string log = dir.read("run.log");
  EXPECT_NE(log.find(" error tx.csv:2: column \"amount\": cannot read \"x\" as a number"),
            std::string::npos)
      << log;
}

TEST_F(ClassifyCommand, LogFileInAFolderThatIsNotThereIs73AndMakesNoFolder) {
  dir.write("tx.csv", "customer_id,amount\nC1,1\n");
  const RunResult r = run({"classify", "--log-file", "logs/run.log", "tx.csv"});
  EXPECT_EQ(r.exit_code, 73);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "abcgrade: logs/run.log: cannot open the log file: No such file or directory\n");
  EXPECT_FALSE(dir.exists("logs"));
}

TEST_F(ClassifyCommand, ProgressGoesToStderrOnlyWhenAsked) {
  dir.write("sales.csv", kBasicInput);
  const RunResult none = run({"classify", "sales.csv"});  // stderr is a file: auto = off
  EXPECT_EQ(none.err.find("M rows"), std::string::npos);
  const RunResult always = run({"classify", "--progress", "always", "sales.csv"});
  EXPECT_EQ(always.exit_code, 0);
  EXPECT_EQ(always.out, kBasicTable);
  // Into a file (not a terminal) each update is a line of its own.
  EXPECT_EQ(always.err.rfind("abcgrade: reading, ", 0), 0u) << always.err;
  EXPECT_NE(always.err.find(" M rows, "), std::string::npos) << always.err;
  EXPECT_EQ(always.err_last_line(), "abcgrade: read 6 rows: used 6, outside window 0, rejected 0");
}

// --- exit statuses (SPEC 1) -------------------------------------------------

TEST_F(ClassifyCommand, BadNumberStopsTheRunWith65AndLeavesTheEarlierOutput) {
  dir.write("sales.csv", "customer_id,amount\nC1,100\nC2,\"12,3x\"\n");
  dir.write("out.csv", "previous result\n");
  const RunResult r = run({"classify", "-o", "out.csv", "sales.csv"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(r.err_last_line(),
            R"(abcgrade: sales.csv:3: column "amount": cannot read "12,3x" as a number)");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(dir.read("out.csv"), "previous result\n");  // SPEC 5.1
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"out.csv", "sales.csv"}));
}

TEST_F(ClassifyCommand, FailedRunLeavesSummaryAndRejectsFilesUntouched) {
  dir.write("sales.csv", "customer_id,amount\nC1,100\nC2,x\n");
  dir.write("s.csv", "old summary\n");
  dir.write("r.csv", "old rejects\n");
  const RunResult r = run({"classify", "--summary", "s.csv", "--rejects", "r.csv", "sales.csv"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(dir.read("s.csv"), "old summary\n");
  EXPECT_EQ(dir.read("r.csv"), "old rejects\n");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"r.csv", "s.csv", "sales.csv"}));
}

TEST_F(ClassifyCommand, BadRowsOfEveryKindNameFileLineAndColumn) {
  struct Case {
    std::string input, message;
  };
  const std::vector<Case> cases = {
      {"customer_id,amount\nC1,1\nC2\n", "abcgrade: t.csv:3: expected 2 fields, found 1"},
      {"customer_id,amount\n  ,1\n",
       "abcgrade: t.csv:2: column \"customer_id\": empty customer id"},
      {"customer_id,amount,date\nC1,1,2023-02-29\n",
       "abcgrade: t.csv:2: column \"date\": cannot read \"2023-02-29\" as a date: no such day in "
       "the calendar"},
      {"customer_id,amount,frequency\nC1,1,2.5\n",
       "abcgrade: t.csv:2: column \"frequency\": \"2.5\" is not a whole number of orders"},
      {"customer_id,amount\nC1,1e5\n",
       "abcgrade: t.csv:2: column \"amount\": cannot read \"1e5\" as a number"},
      {"customer_id,amount\nC1,\"a\"b\n",
       "abcgrade: t.csv:2:7: column \"amount\": text after a closing quote"},
      {"customer_id,amount\nC1,5\nC2,\"7\n",
       "abcgrade: t.csv:3:4: unterminated quoted field (the input ends inside it)"},
      {"customer_id,amount\nC\xE9,5\n",
       "abcgrade: t.csv:2: column \"customer_id\": bytes that are not valid UTF-8 (if the file is "
       "in another "
       "encoding, say which with --encoding)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    dir.write("t.csv", c.input);
    const RunResult r = run({"classify", "t.csv"});
    EXPECT_EQ(r.exit_code, 65);
    EXPECT_EQ(r.err_last_line(), c.message);
    EXPECT_EQ(r.out, "");
  }
}

TEST_F(ClassifyCommand, MissingAndAmbiguousColumnsAre65) {
  dir.write("t.csv", "id,amount\nC1,1\n");
  EXPECT_EQ(run({"classify", "t.csv"}).exit_code, 65);
  dir.write("t.csv", "customer_id,sales,revenue\nC1,1,2\n");
  const RunResult r = run({"classify", "t.csv"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(
      r.err_last_line(),
      "abcgrade: t.csv:1: columns \"sales\" and \"revenue\" both look like amount; choose one with "
      "--column amount=HEADER");
  const RunResult named = run({"classify", "--column", "amount=Revenue", "t.csv"});
  EXPECT_EQ(named.exit_code, 0) << named.err;
  const RunResult missing = run({"classify", "--column", "amount=Umsatz", "t.csv"});
  EXPECT_EQ(missing.exit_code, 65);
  EXPECT_EQ(missing.err_last_line(),
            "abcgrade: t.csv:1: --column amount=\"Umsatz\": no such column in the header");
}

TEST_F(ClassifyCommand, NoCustomerLeftToGradeIs65) {
  dir.write("t.csv", "customer_id,amount\n");
  const RunResult r = run({"classify", "t.csv"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_EQ(r.err_last_line(),
            "abcgrade: no customer to grade: read 0 rows: used 0, outside window 0, rejected 0");
  dir.write("t.csv", "");
  EXPECT_EQ(run({"classify", "t.csv"}).err_last_line(),
            "abcgrade: t.csv: no header row (the input is empty)");
}

TEST_F(ClassifyCommand, OverlappingInputAndOutputFilesAre64AndTouchNothing) {
  // An output that is an input file, however it is spelt (./t.csv, a symbolic link), would
  // replace the transactions with the table made of them; two outputs into one file would
  // mix; one input file given twice would count its rows twice. All are usage errors, found
  // before anything is read or written.
  const std::string input = "customer_id,amount\nC1,1\n";
  dir.write("t.csv", input);
  std::filesystem::create_symlink("t.csv", dir / "link.csv");
  const std::string onto_input =
      " is an input too: the output would replace the data it is made from (write it to "
      "another file)";
  const std::vector<UsageCase> cases = {
      {{"classify", "-o", "t.csv", "t.csv"}, "abcgrade: t.csv" + onto_input},
      {{"classify", "-o", "./t.csv", "t.csv"}, "abcgrade: ./t.csv" + onto_input},
      {{"classify", "-o", "link.csv", "t.csv"}, "abcgrade: link.csv" + onto_input},
      {{"classify", "--rejects", "t.csv", "t.csv"}, "abcgrade: t.csv" + onto_input},
      {{"classify", "--summary", "t.csv", "-o", "o.csv", "-", "t.csv"},
       "abcgrade: t.csv" + onto_input},
      {{"classify", "--rejects", "r.csv", "--summary", "r.csv", "t.csv"},
       "abcgrade: r.csv is given for two outputs (--output, --rejects, --summary)"},
      {{"classify", "-o", "./o.csv", "--summary", "o.csv", "t.csv"},
       "abcgrade: ./o.csv is given for two outputs (--output, --rejects, --summary)"},
      {{"classify", "t.csv", "./t.csv"},
       "abcgrade: ./t.csv is the same file as the input t.csv: its rows would count twice "
       "(give it once)"},
      {{"classify", "link.csv", "t.csv"},
       "abcgrade: t.csv is the same file as the input link.csv: its rows would count twice "
       "(give it once)"},
  };
  for (const UsageCase& c : cases) {
    expect_usage_error(c, input);
    EXPECT_EQ(dir.read("t.csv"), input);
    EXPECT_EQ(dir.entries(), (std::vector<std::string>{"link.csv", "t.csv"}));
  }
  // The table may go anywhere else.
  EXPECT_EQ(run({"classify", "-q", "-o", "graded.csv", "t.csv"}).exit_code, 0);
  EXPECT_EQ(dir.read("t.csv"), input);
}

TEST_F(ClassifyCommand, UsageErrorsAre64) {
  dir.write("t.csv", "customer_id,amount\nC1,1\n");
  const std::vector<UsageCase> cases = {
      {{"classify", "--bogus", "t.csv"},
       "abcgrade: The following argument was not expected: --bogus (see abcgrade --help)"},
      {{"classify", "--pareto", "95,80", "t.csv"},
       "abcgrade: --pareto 95,80: cut points must satisfy 0 < A <= B <= 100"},
      {{"classify", "--percentile", "0,80", "t.csv"},
       "abcgrade: --percentile 0,80: cut points must satisfy 0 < A <= B <= 100"},
      {{"classify", "--threshold", "amount=1,2", "t.csv"},
       "abcgrade: --threshold amount=1,2: A_MIN must be >= B_MIN"},
      {{"classify", "--threshold", "profit=2,1", "t.csv"},
       "abcgrade: --threshold profit: the input has no profit column"},
      {{"classify", "--metric", "profit", "t.csv"},
       "abcgrade: --metric profit: the input has no profit column"},
      {{"classify", "--method", "magic", "t.csv"},
       "abcgrade: --method: unknown method \"magic\" (pareto, percentile, threshold, score)"},
      {{"classify", "-f", "xlsx", "t.csv"},
       "abcgrade: --format xlsx needs a file: give --output NAME.xlsx (a workbook cannot be "
       "streamed)"},
      {{"classify", "--window", "0", "t.csv"},
       "abcgrade: --window 0: expected a whole number of days from 1 to 1000000"},
      {{"classify", "--window", "1000001", "t.csv"},
       "abcgrade: --window 1000001: expected a whole number of days from 1 to 1000000"},
  };
  for (const UsageCase& c : cases) expect_usage_error(c);
}

TEST_F(ClassifyCommand, BrokenPolicyFileIs64WithLineAndColumn) {
  dir.write("t.csv", "customer_id,amount\nC1,1\n");
  dir.write("p.json", "{\n  \"method\": \"pareto\",\n  \"pareto\": [80, 95,\n}\n");
  const RunResult r = run({"classify", "--config", "p.json", "t.csv"});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_EQ(r.err_last_line().rfind("abcgrade: p.json:4:1: invalid JSON: ", 0), 0u) << r.err;
  dir.write("p.json", "{\n  \"method\": \"pareto\",\n  \"pareto\": [95, 80]\n}\n");
  const RunResult invalid = run({"classify", "--config", "p.json", "t.csv"});
  EXPECT_EQ(invalid.exit_code, 64);
  EXPECT_EQ(invalid.err_last_line(),
            "abcgrade: p.json:3:3: \"pareto\": cut points must satisfy 0 < A <= B <= 100");
}

TEST_F(ClassifyCommand, MissingInputIs66BeforeAnyWork) {
  dir.write("t.csv", "customer_id,amount\nC1,1\n");
  const RunResult r = run({"classify", "t.csv", "nosuch.csv"});
  EXPECT_EQ(r.exit_code, 66);
  EXPECT_EQ(r.err_last_line(), "abcgrade: nosuch.csv: cannot open: No such file or directory");
  EXPECT_EQ(run({"classify", "."}).exit_code, 66);
}

TEST_F(ClassifyCommand, OutputThatCannotBeCreatedIs73) {
  dir.write("t.csv", "customer_id,amount\nC1,1\n");
  const RunResult r = run({"classify", "-o", "no/such/folder/out.csv", "t.csv"});
  EXPECT_EQ(r.exit_code, 73);
  EXPECT_EQ(r.err_last_line(),
            "abcgrade: no/such/folder/out.csv: cannot create: No such file or directory");
  EXPECT_EQ(run({"classify", "-o", ".", "t.csv"}).exit_code, 73);
}

TEST_F(ClassifyCommand, FullDiskIs74) {
  dir.write("t.csv", "customer_id,amount\nC1,1\n");
  const RunResult r = run({"classify", "-o", "/dev/full", "t.csv"});
  EXPECT_EQ(r.exit_code, 74);
  EXPECT_EQ(r.err_last_line(), "abcgrade: /dev/full: write error: No space left on device");
}

TEST_F(ClassifyCommand, OutOfMemoryIsABugStatus1WithOneLine) {
  if (kUnderAsan) GTEST_SKIP() << "ASan's shadow memory does not fit under an address-space limit";
  // SPEC 1: 1 is "anything else". A 30 MB field cannot be buffered in 50 MiB
  // of address space (the program itself takes about 25).
  dir.write("t.csv", "customer_id,amount\nC1,\"" + std::string(30u << 20, 'x') + "\"\n");
  const RunResult r = run_abcgrade({"classify", "t.csv"}, dir.path(), "", 50ull << 20);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "abcgrade: out of memory\n");
}

TEST_F(ClassifyCommand, OutOfMemoryWhileTotallingIsStatus1WithOneLine) {
  if (kUnderAsan) GTEST_SKIP() << "ASan's shadow memory does not fit under an address-space limit";
  // 1.5 M customers need about 200 MB of totals, which the worker threads
  // grow while they add rows: under 120 MiB of address space that fails on
  // a worker, which must end the run like any out-of-memory (status 1, one
  // line, no output and no temporary file left), not abort the process.
  std::string many = "customer_id,amount\n";
  for (int i = 0; i < 1500000; ++i) many += "C" + std::to_string(i) + ",1\n";
  dir.write("t.csv", many);
  const RunResult r =
      run_abcgrade({"classify", "-o", "out.csv", "t.csv"}, dir.path(), "", 120ull << 20);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "abcgrade: out of memory\n");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"t.csv"}));
}

TEST_F(ClassifyCommand, ClosedPipeEndsQuietly) {
  std::string big = "customer_id,amount\n";
  for (int i = 0; i < 200000; ++i)
    big += "C" + std::to_string(i) + "," + std::to_string(i % 977) + "\n";
  dir.write("big.csv", big);
  const RunResult r = run_program(
      "/bin/sh", {"-c", std::string(ABCGRADE_BIN) + " classify big.csv | head -1"}, dir.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, kHeader);
  EXPECT_EQ(r.err, "");
  // Quiet on stderr, but a --log-file still ends with the accounting line (SPEC 2).
  const RunResult logged = run_program(
      "/bin/sh",
      {"-c", std::string(ABCGRADE_BIN) + " classify big.csv --log-file run.log | head -1"},
      dir.path());
  EXPECT_EQ(logged.exit_code, 0);
  EXPECT_EQ(logged.err, "");
  const std::string log = dir.read("run.log");
  const std::string last = "info read 200000 rows: used 200000, outside window 0, rejected 0\n";
  ASSERT_GE(log.size(), last.size());
  EXPECT_EQ(log.substr(log.size() - last.size()), last) << log;
}

TEST_F(ClassifyCommand, LogFileOntoDataOrAnEmptyFileNameIs64AndTouchesNothing) {
  // --log-file appends: onto an input or the earlier table it would spoil the data (the
  // next night's run would fail on it). A file option given empty (`--summary "$S"` with S
  // unset) would silently mean "none" or standard output.
  const std::string input = "customer_id,amount\nC1,1\n";
  dir.write("t.csv", input);
  dir.write("earlier.csv", "customer_id,grade\nC1,A\n");
  const std::string appended = ": the log would be written into it (log to another file)";
  const std::vector<UsageCase> cases = {
      {{"classify", "--log-file", "t.csv", "t.csv"},
       "abcgrade: t.csv is given for --log-file and for an input" + appended},
      {{"classify", "--log-file", "./earlier.csv", "--previous", "earlier.csv", "t.csv"},
       "abcgrade: ./earlier.csv is given for --log-file and for --previous" + appended},
      {{"classify", "--log-file", "o.csv", "-o", "o.csv", "t.csv"},
       "abcgrade: o.csv is given for --log-file and for --output" + appended},
      {{"classify", "-o", "", "t.csv"},
       "abcgrade: --output: expected a file name, not an empty one"},
      {{"classify", "--summary", "", "t.csv"},
       "abcgrade: --summary: expected a file name, not an empty one"},
      {{"classify", "--log-file", "", "t.csv"},
       "abcgrade: --log-file: expected a file name, not an empty one"},
  };
  for (const UsageCase& c : cases) {
    expect_usage_error(c);
    EXPECT_EQ(dir.read("t.csv"), input);
    EXPECT_EQ(dir.read("earlier.csv"), "customer_id,grade\nC1,A\n");
    EXPECT_EQ(dir.entries(), (std::vector<std::string>{"earlier.csv", "t.csv"}));
  }
}

TEST_F(ClassifyCommand, StaleTemporaryOfAKilledRunIsRemoved) {
  dir.write("t.csv", "customer_id,amount\nC1,1\n");
  // A pid that is surely gone: that of a child that has exited.
  const RunResult gone = run_program("/bin/sh", {"-c", "echo $$"}, dir.path());
  const std::string pid = gone.out.substr(0, gone.out.size() - 1);
  dir.write(".out.csv.abcgrade-tmp-" + pid + "-AbCdEf", "half a table");
  ASSERT_EQ(run({"classify", "-o", "out.csv", "t.csv"}).exit_code, 0);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"out.csv", "t.csv"}));
}

TEST_F(ClassifyCommand, OutputDoesNotDependOnTheNumberOfThreads) {
  // 3000 customers over 40,000 rows in several 4 MiB chunks' worth of long
  // lines: names with doubled quotes and line breaks inside quotes, orders
  // that come back non-consecutively, refunds, and bad rows set aside.
  // Every thread count must give the same bytes, rejects included.
  std::string csv = "customer_id,customer_name,order_id,date,amount,profit,note\n";
  for (int i = 0; i < 40000; ++i) {
    const int c = (i * 7919) % 3000;
    const std::string id = "K" + std::to_string(c);
    std::string name =
        c % 11 == 0 ? "\"A \"\"Q\"\" " + std::to_string(c) + "\"" : "N" + std::to_string(c);
    if (c % 97 == 0) name = "\"multi\nline " + std::to_string(c) + "\"";
    const std::string order = "O" + std::to_string((i / 3) % 5000);
    const std::string amount =
        i % 50 == 0 ? "-12.5" : std::to_string(i % 1000) + "." + std::to_string(i % 100);
    const std::string bad = i % 997 == 0 ? "x" : "";
    csv += id + "," + name + "," + order + ",2024-0" + std::to_string(1 + i % 9) + "-1" +
           std::to_string(i % 10) + "," + amount + bad + "," + std::to_string(i % 13) + "," +
           std::string(120, 'n') + "\n";
  }
  dir.write("tx.csv", csv);
  std::string reference, reference_rejects;
  for (const char* threads : {"1", "2", "3", "7"}) {
    SCOPED_TRACE(threads);
    const RunResult r =
        run_abcgrade({"classify", "--on-bad-row", "skip", "--rejects", "rej.csv", "-f", "json",
                      "--keep", "note", "tx.csv"},
                     dir.path(), "", 0, {std::string("ABCGRADE_THREADS=") + threads});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    if (reference.empty()) {
      reference = r.out;
      reference_rejects = dir.read("rej.csv");
      EXPECT_NE(reference_rejects.find("cannot read"), std::string::npos);
    } else {
      EXPECT_EQ(r.out, reference);
      EXPECT_EQ(dir.read("rej.csv"), reference_rejects);
    }
  }
}

TEST(PolicyCommand, PrintsTheDefaultPolicy) {
  TempDir dir;
  const RunResult r = run_abcgrade({"policy"}, dir.path());
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            "{\n"
            "  \"method\": \"pareto\",\n"
            "  \"metric\": \"amount\",\n"
            "  \"pareto\": [80, 95],\n"
            "  \"percentile\": [20, 80],\n"
            "  \"thresholds\": {\n"
            "    \"amount\": [500000, 200000],\n"
            "    \"frequency\": [10, 5],\n"
            "    \"profit\": [100000, 50000],\n"
            "    \"clv\": [1000000, 500000]\n"
            "  },\n"
            "  \"combine\": \"all\",\n"
            "  \"score\": {\"amount\": 0.8, \"clv\": 0.2},\n"
            "  \"window\": null,\n"
            "  \"as_of\": null,\n"
            "  \"group_by\": null\n"
            "}\n");
}

TEST(Help, VersionAndHelpGoToStdoutWithStatus0) {
  TempDir dir;
  const RunResult v = run_abcgrade({"--version"}, dir.path());
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out, "abcgrade 0.1.0\n");
  const RunResult h = run_abcgrade({"classify", "--help"}, dir.path());
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.out.find("--on-bad-row"), std::string::npos);
}

// SPEC 1 lists --version among the options of `abcgrade classify`.
TEST(Help, VersionAfterACommandToo) {
  TempDir dir;
  for (const char* command : {"classify", "policy"}) {
    const RunResult v = run_abcgrade({command, "--version"}, dir.path());
    EXPECT_EQ(v.exit_code, 0) << command;
    EXPECT_EQ(v.out, "abcgrade 0.1.0\n") << command;
    EXPECT_EQ(v.err, "") << command;
  }
}

TEST(Help, UnknownCommandIsUsageErrorNamingIt) {
  TempDir dir;
  const RunResult r = run_abcgrade({"clasify", "data.csv"}, dir.path());
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "abcgrade: unknown command \"clasify\": the commands are classify and policy "
            "(see abcgrade --help)\n");
}

}  // namespace
}  // namespace abcgrade::test
