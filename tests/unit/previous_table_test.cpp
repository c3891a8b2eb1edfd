// Unit tests of previous_table.hpp (SPEC 3.6): reading the grade of each
// customer from a management table that abcgrade wrote earlier, as CSV (en
// or zh headers, with or without --excel's BOM, CRLF and formula guard),
// JSON (the `json` output) or JSON Lines, and refusing anything else with a
// data error that names the file. The tables below are written by hand in
// the shapes SPEC 4 gives (columns, en and zh titles, 5.2's guard).
#include "abcgrade/previous_table.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "abcgrade/error.hpp"
#include "abcgrade/grading.hpp"
#include "testutil.hpp"

namespace abcgrade {

namespace {

using test::TempDir;

// SPEC 4's en columns.
constexpr const char* kEnHeader =
    "rank,customer_id,customer_name,grade,pareto_grade,percentile_grade,threshold_grade,amount,"
    "frequency,profit,clv,share,cumulative_share";

class PreviousGradesTest : public ::testing::Test {
 protected:
  // Writes `bytes` as `name` in the test's folder and returns its path.
  std::string write(const std::string& name, const std::string& bytes) {
    dir_.write(name, bytes);
    return (dir_ / name).string();
  }

  // What reading `path` threw: its exit code and message (code 0 when nothing was thrown).
  struct Failure {
    int code = 0;
    std::string message;
    const char* what() const { return message.c_str(); }
  };
  static Failure error_reading(const std::string& path) {
    try {
      (void)PreviousGrades::read(path);
    } catch (const Error& e) {
      return {static_cast<int>(e.code()), e.what()};
    }
    return {0, "no error thrown"};
  }

  TempDir dir_;
};

constexpr int kDataErr = static_cast<int>(ExitCode::kDataErr);
constexpr int kNoInput = static_cast<int>(ExitCode::kNoInput);

// The earlier grade of `id` as a letter, or "<absent>" (readable in failure messages).
std::string found(const PreviousGrades& p, std::string_view id) {
  const std::optional<Grade> g = p.find(id);
  return g ? std::string(letter(*g)) : "<absent>";
}

::testing::AssertionResult starts_with(const std::string& text, const std::string& prefix) {
  if (text.rfind(prefix, 0) == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "\"" << text << "\" does not start with \"" << prefix << "\"";
}

// ------------------------------------------------------------ CSV

TEST_F(PreviousGradesTest, ReadsCsvWithEnglishHeaders) {
  const std::string path = write(
      "day1.csv", std::string(kEnHeader) +
                      "\n"
                      "1,C001,Acme,A,A,A,C,785000.00,5,188000.00,188000.00,0.608197,0.608197\n"
                      "2,C005,\"Evergreen, Inc.\",B,B,B,C,33500.00,2,5025.00,5025.00,0.025955,"
                      "0.634152\n"
                      "3,C008,Harbor,C,C,C,C,-450.00,3,-450.00,-450.00,0.000000,0.634152\n");
  const PreviousGrades p = PreviousGrades::read(path);
  EXPECT_EQ(p.size(), 3u);
  EXPECT_EQ(found(p, "C001"), "A");
  EXPECT_EQ(found(p, "C005"), "B");
  EXPECT_EQ(found(p, "C008"), "C");
}

TEST_F(PreviousGradesTest, ReadsCsvWithChineseHeaders) {
  const std::string path = write(
      "上期.csv",
      "排名,客户编号,客户名称,客户等级,帕累托等级,百分位等级,阈值等级,购买力,成交频率,利润贡献,"
      "生命周期价值,占比,累计占比\n"
      "1,KH001,华东建材集团,A,A,A,A,1200000.00,36,280000.00,4500000.00,0.600000,0.600000\n"
      "2,KH002,深圳智联科技,B,B,B,A,800000.00,24,190000.00,3000000.00,0.400000,1.000000\n");
  const PreviousGrades p = PreviousGrades::read(path);
  EXPECT_EQ(p.size(), 2u);
  EXPECT_EQ(found(p, "KH001"), "A");
  EXPECT_EQ(found(p, "KH002"), "B");
}

TEST_F(PreviousGradesTest, ReadsExcelCsvWithBomCrlfAndFormulaGuard) {
  // SPEC 5.2: --excel writes the id -17 as '-17 and =X as '=X; the id underneath is what
  // counts. An id that merely starts with ' before an ordinary character keeps it.
  const std::string path =
      write("excel.csv", std::string("\xEF\xBB\xBF") + kEnHeader +
                             "\r\n"
                             "1,'-17,'=HYPERLINK(1),A,A,A,C,30.00,1,,30.00,0.500000,0.500000\r\n"
                             "2,'=X,Bob,B,B,B,C,20.00,1,,20.00,0.333333,0.833333\r\n"
                             "3,'quoted,Eve,C,C,C,C,10.00,1,,10.00,0.166667,1.000000\r\n");
  const PreviousGrades p = PreviousGrades::read(path);
  EXPECT_EQ(p.size(), 3u);
  EXPECT_EQ(found(p, "-17"), "A");
  EXPECT_EQ(found(p, "'-17"), "<absent>");
  EXPECT_EQ(found(p, "=X"), "B");
  EXPECT_EQ(found(p, "'quoted"), "C");
}

TEST_F(PreviousGradesTest, KeepsALeadingQuoteInATableWrittenWithoutExcel) {
  // SPEC 5.2 guards only under --excel, whose tables begin with a BOM. In a plain table an
  // id that starts with ' is written as it is, so '=q and '-5 are those ids, ' included.
  const std::string path =
      write("plain.csv", std::string(kEnHeader) +
                             "\n"
                             "1,'=q,,A,A,A,C,30.00,1,,30.00,0.600000,0.600000\n"
                             "2,'-5,,B,B,B,C,20.00,1,,20.00,0.400000,1.000000\n");
  const PreviousGrades p = PreviousGrades::read(path);
  EXPECT_EQ(p.size(), 2u);
  EXPECT_EQ(found(p, "'=q"), "A");
  EXPECT_EQ(found(p, "=q"), "<absent>");
  EXPECT_EQ(found(p, "'-5"), "B");
  EXPECT_EQ(found(p, "-5"), "<absent>");
}

TEST_F(PreviousGradesTest, TakesGradeNotPreviousGradeFromAComparedGroupedTable) {
  // A table written with --group-by and --previous: group after customer_id, previous_grade
  // and movement after grade. The grade is the `grade` column, not previous_grade.
  const std::string path =
      write("compared.csv",
            "rank,customer_id,group,customer_name,grade,previous_grade,movement,pareto_grade,"
            "percentile_grade,threshold_grade,amount,frequency,profit,clv,share,cumulative_share,"
            "score,score_grade\n"
            "1,a,East,,A,C,up,A,A,C,9.00,1,,9.00,1.000000,1.000000,1.000000,A\n"
            "1,b,West,,C,,new,A,A,C,1.00,1,,1.00,1.000000,1.000000,1.000000,A\n");
  const PreviousGrades p = PreviousGrades::read(path);
  EXPECT_EQ(found(p, "a"), "A");
  EXPECT_EQ(found(p, "b"), "C");
}

// BUG: `--keep grade` puts a second column titled `grade` (the kept input column) after
// SPEC 4's columns. The reader takes the last column of that name, so the table's own grade
// is ignored: here "gold" is refused as not A, B or C (kDataErr), and kept values that
// happen to be A/B/C would be read silently instead of the real grades.
// Expected: the first `grade` column (SPEC 4's), Q A and P B. Actual: Error(kDataErr).
TEST_F(PreviousGradesTest, TakesTheTableGradeWhenAKeptColumnIsAlsoNamedGrade) {
  const std::string path =
      write("kept.csv", std::string(kEnHeader) +
                            ",grade\n"
                            "1,Q,,A,A,A,C,90.00,1,,90.00,0.900000,0.900000,gold\n"
                            "2,P,,B,B,C,C,10.00,1,,10.00,0.100000,1.000000,C\n");
  try {
    const PreviousGrades p = PreviousGrades::read(path);
    EXPECT_EQ(found(p, "Q"), "A");
    EXPECT_EQ(found(p, "P"), "B");
  } catch (const Error& e) {
    ADD_FAILURE() << e.what();
  }
}

TEST_F(PreviousGradesTest, CsvWithoutCustomerIdColumnIsDataErrorNamingTheFile) {
  const std::string path = write("sales.csv", "id,grade\nC1,A\n");
  const Failure e = error_reading(path);
  EXPECT_EQ(e.code, kDataErr);
  EXPECT_TRUE(starts_with(e.what(), path + ":"));
}

TEST_F(PreviousGradesTest, CsvWithoutGradeColumnIsDataErrorNamingTheFile) {
  // An input file of transactions, given to --previous by mistake.
  const std::string path = write("sales.csv", "customer_id,amount\nC1,100\n");
  const Failure e = error_reading(path);
  EXPECT_EQ(e.code, kDataErr);
  EXPECT_TRUE(starts_with(e.what(), path + ":"));
}

TEST_F(PreviousGradesTest, SummaryCsvIsNotATable) {
  // --summary's CSV has a grade column but no customer_id.
  const std::string path = write("summary.csv",
                                 "grade,customers,customer_share,metric_total,metric_share\n"
                                 "A,1,1.000000,5.00,1.000000\n");
  const Failure e = error_reading(path);
  EXPECT_EQ(e.code, kDataErr);
  EXPECT_TRUE(starts_with(e.what(), path + ":"));
}

TEST_F(PreviousGradesTest, EmptyCsvIsDataErrorNamingTheFile) {
  const std::string path = write("empty.csv", "");
  const Failure e = error_reading(path);
  EXPECT_EQ(e.code, kDataErr);
  EXPECT_TRUE(starts_with(e.what(), path + ":"));
}

TEST_F(PreviousGradesTest, CsvGradeThatIsNotABOrCIsDataErrorNamingFileAndLine) {
  // The bad grade is on physical line 3.
  const std::string path = write("bad.csv", "customer_id,grade\nC1,A\nC2,D\n");
  const Failure e = error_reading(path);
  EXPECT_EQ(e.code, kDataErr);
  EXPECT_TRUE(starts_with(e.what(), path + ":3: "));
}

TEST_F(PreviousGradesTest, CsvEmptyGradeIsDataError) {
  const std::string path = write("bad.csv", "customer_id,grade\nC1,\n");
  EXPECT_EQ(error_reading(path).code, kDataErr);
}

TEST_F(PreviousGradesTest, CsvCustomerListedTwiceIsDataErrorNamingTheFile) {
  const std::string path = write("twice.csv", "customer_id,grade\nC1,A\nC2,B\nC1,C\n");
  const Failure e = error_reading(path);
  EXPECT_EQ(e.code, kDataErr);
  EXPECT_EQ(e.message, path +
                           ":4: not a table of abcgrade's: customer \"C1\" is listed twice (first "
                           "on line 2)");
}

TEST_F(PreviousGradesTest, TheFirstProblemInTheFileIsTheOneReported) {
  const struct {
    const char* table;
    const char* reported;
  } cases[] = {
      // C9 is listed again on line 4, before C1 is on line 5.
      {"customer_id,grade\nC9,A\nC1,B\nC9,C\nC1,A\n",
       ":4: not a table of abcgrade's: customer \"C9\" is listed twice (first on line 2)"},
      // Line 3 repeats C1, and line 4's grade X is bad too.
      {"customer_id,grade\nC1,A\nC1,B\nC2,X\n",
       ":3: not a table of abcgrade's: customer \"C1\" is listed twice (first on line 2)"},
  };
  for (const auto& c : cases) {
    const std::string path = write("twice.csv", c.table);
    EXPECT_EQ(error_reading(path).message, path + c.reported) << c.table;
  }
}

TEST_F(PreviousGradesTest, FindsEachOfManyCustomersAndNoOneElse) {
  // 100,000 ids sharing long prefixes and lengths (the index compares hashes first, then
  // bytes): each is found with its own grade; ids one character off are not.
  std::string csv = "customer_id,grade\n";
  for (int i = 0; i < 100000; ++i)
    csv += "KH-2024-" + std::to_string(i) + "," + "ABC"[i % 3] + "\n";
  const PreviousGrades p = PreviousGrades::read(write("many.csv", csv));
  ASSERT_EQ(p.size(), 100000u);
  int wrong = 0;
  for (int i = 0; i < 100000; ++i) {
    const std::string id = "KH-2024-" + std::to_string(i);
    if (found(p, id) != std::string(1, "ABC"[i % 3])) ++wrong;
    if (found(p, id + "x") != "<absent>" || found(p, "KH-2025-" + std::to_string(i)) != "<absent>")
      ++wrong;
  }
  EXPECT_EQ(wrong, 0);
  EXPECT_EQ(p.count_of(Grade::A), 33334u);
  EXPECT_EQ(p.count_of(Grade::B), 33333u);
  EXPECT_EQ(p.count_of(Grade::C), 33333u);
}

TEST_F(PreviousGradesTest, AFolderIsNoInputWhateverItsName) {
  std::filesystem::create_directory(dir_ / "folder.json");
  std::filesystem::create_directory(dir_ / "folder.csv");
  for (const char* name : {"folder.json", "folder.csv"}) {
    const Failure e = error_reading((dir_ / name).string());
    EXPECT_EQ(e.code, kNoInput) << name;
    EXPECT_EQ(e.message, (dir_ / name).string() + ": cannot open: Is a directory");
  }
}

TEST_F(PreviousGradesTest, MissingCsvFileIsNoInput) {
  const Failure e = error_reading((dir_ / "absent.csv").string());
  EXPECT_EQ(e.code, kNoInput);
  EXPECT_TRUE(starts_with(e.what(), (dir_ / "absent.csv").string() + ":"));
}

// ------------------------------------------------------------ JSON and JSON Lines

TEST_F(PreviousGradesTest, ReadsJsonOutputIgnoringOtherMembers) {
  // The `json` output's shape (SPEC 4): as_of, metric, method, policy, summary, customers.
  const std::string path = write(
      "day1.json",
      R"({"as_of":"2024-12-15","metric":"amount","method":"pareto","policy":{"method":"pareto"},)"
      R"("summary":{"grades":[{"grade":"A","customers":1}],"total":{"customers":3}},"customers":[)"
      "\n"
      R"({"rank":1,"customer_id":"C1","customer_name":"Acme","grade":"A","pareto_grade":"A",)"
      R"("amount":500000.00,"share":0.500000},)"
      "\n"
      R"({"rank":2,"customer_id":"C2","customer_name":null,"grade":"B","amount":300000.00},)"
      "\n"
      R"({"rank":3,"customer_id":"-17","customer_name":"=X","grade":"C","amount":1.00})"
      "\n]}\n");
  const PreviousGrades p = PreviousGrades::read(path);
  EXPECT_EQ(p.size(), 3u);
  EXPECT_EQ(found(p, "C1"), "A");
  EXPECT_EQ(found(p, "C2"), "B");
  EXPECT_EQ(found(p, "-17"), "C");
}

TEST_F(PreviousGradesTest, ReadsJsonLines) {
  const std::string path =
      write("day1.jsonl", R"({"rank":1,"customer_id":"C1","grade":"A","amount":9.00})"
                          "\n"
                          R"({"rank":2,"customer_id":"C2","grade":"C","amount":1.00})"
                          "\n");
  const PreviousGrades p = PreviousGrades::read(path);
  EXPECT_EQ(p.size(), 2u);
  EXPECT_EQ(found(p, "C1"), "A");
  EXPECT_EQ(found(p, "C2"), "C");
}

// BUG: an empty .jsonl file is taken as a table of no customers (everyone is then "new"),
// while an empty .csv is refused ("it is empty", EmptyCsvIsDataErrorNamingTheFile) and an
// empty .json is invalid JSON. abcgrade never writes an empty table (no customer to grade is
// 65), so an empty file is not "a table that abcgrade wrote earlier" (SPEC 3.6).
// Expected: Error(kDataErr) naming the file. Actual: no error, size() == 0.
TEST_F(PreviousGradesTest, EmptyJsonLinesIsDataErrorNamingTheFile) {
  const std::string path = write("empty.jsonl", "");
  const Failure e = error_reading(path);
  EXPECT_EQ(e.code, kDataErr) << e.what();
  EXPECT_TRUE(starts_with(e.what(), path + ":"));
}

TEST_F(PreviousGradesTest, JsonExtensionIsReadWhateverItsCase) {
  const std::string path =
      write("DAY1.JSON", R"({"customers":[{"customer_id":"C1","grade":"B"}]})");
  EXPECT_EQ(found(PreviousGrades::read(path), "C1"), "B");
}

TEST_F(PreviousGradesTest, InvalidJsonIsDataErrorNamingTheFile) {
  // Line 2 is `{"customer_id":"C1",` (20 bytes) and the text ends after it: column 21.
  const std::string path = write("broken.json", "{\"customers\":[\n{\"customer_id\":\"C1\",");
  const Failure e = error_reading(path);
  EXPECT_EQ(e.code, kDataErr);
  EXPECT_TRUE(starts_with(e.what(), path + ":2:21: not a table of abcgrade's: invalid JSON: "))
      << e.what();
}

TEST_F(PreviousGradesTest, InvalidJsonLineIsDataErrorNamingTheFile) {
  const std::string path = write("broken.jsonl", R"({"customer_id":"C1","grade":"A"})"
                                                 "\nnot json\n");
  const Failure e = error_reading(path);
  EXPECT_EQ(e.code, kDataErr);
  // Line 2 of the file; nlohmann stops after reading "n" as the start of null.
  EXPECT_TRUE(starts_with(e.what(), path + ":2:"));
  EXPECT_NE(std::string(e.what()).find(": invalid JSON: "), std::string::npos) << e.what();
}

TEST_F(PreviousGradesTest, JsonWithoutCustomersIsDataErrorNamingTheFile) {
  for (const char* text : {R"({"as_of":null,"summary":{}})", R"({"customers":{"C1":"A"}})",
                           R"([{"customer_id":"C1","grade":"A"}])"}) {
    const std::string path = write("other.json", text);
    const Failure e = error_reading(path);
    EXPECT_EQ(e.code, kDataErr) << text;
    EXPECT_TRUE(starts_with(e.what(), path + ":")) << text;
  }
}

TEST_F(PreviousGradesTest, JsonGradeThatIsNotABOrCIsDataError) {
  const std::string path = write("bad.json", R"({"customers":[{"customer_id":"C1","grade":"D"}]})");
  const Failure e = error_reading(path);
  EXPECT_EQ(e.code, kDataErr);
  EXPECT_TRUE(starts_with(e.what(), path + ":"));
}

TEST_F(PreviousGradesTest, JsonCustomerWithoutGradeIsDataError) {
  const std::string path = write("bad.json", R"({"customers":[{"customer_id":"C1"}]})");
  EXPECT_EQ(error_reading(path).code, kDataErr);
}

TEST_F(PreviousGradesTest, JsonCustomerListedTwiceIsDataError) {
  const std::string path =
      write("twice.json",
            R"({"customers":[{"customer_id":"C1","grade":"A"},{"customer_id":"C1","grade":"B"}]})");
  const Failure e = error_reading(path);
  EXPECT_EQ(e.code, kDataErr);
  EXPECT_EQ(e.message, path + ": not a table of abcgrade's: customer \"C1\" is listed twice");
}

TEST_F(PreviousGradesTest, MissingJsonFileIsNoInput) {
  EXPECT_EQ(error_reading((dir_ / "absent.json").string()).code, kNoInput);
  EXPECT_EQ(error_reading((dir_ / "absent.jsonl").string()).code, kNoInput);
}

// ------------------------------------------------------------ count_of and find

TEST_F(PreviousGradesTest, CountOfEachGrade) {
  // A: a1 a2 a3; B: b1; C: c1 c2.
  const std::string path =
      write("t.csv", "customer_id,grade\na1,A\nb1,B\nc1,C\na2,A\nc2,C\na3,A\n");
  const PreviousGrades p = PreviousGrades::read(path);
  EXPECT_EQ(p.size(), 6u);
  EXPECT_EQ(p.count_of(Grade::A), 3u);
  EXPECT_EQ(p.count_of(Grade::B), 1u);
  EXPECT_EQ(p.count_of(Grade::C), 2u);
}

TEST_F(PreviousGradesTest, FindsPresentIdsExactlyAndNotAbsentOnes) {
  const std::string path = write("t.csv", "customer_id,grade\nC1,A\nC10,B\n00123,C\n");
  const PreviousGrades p = PreviousGrades::read(path);
  EXPECT_EQ(found(p, "C1"), "A");
  EXPECT_EQ(found(p, "C10"), "B");
  EXPECT_EQ(found(p, "00123"), "C");
  EXPECT_EQ(found(p, "C"), "<absent>");     // a prefix of C1
  EXPECT_EQ(found(p, "C100"), "<absent>");  // C10 is a prefix of it
  EXPECT_EQ(found(p, "c1"), "<absent>");    // ids are exact (SPEC 3.1)
  EXPECT_EQ(found(p, "123"), "<absent>");
  EXPECT_EQ(found(p, ""), "<absent>");
  EXPECT_EQ(found(p, "ZZ"), "<absent>");  // past the last id
}

TEST(PreviousGrades, FromPairsCountsAndFinds) {
  const PreviousGrades p =
      PreviousGrades::from({{"b", Grade::B}, {"a", Grade::A}, {"c", Grade::B}});
  EXPECT_EQ(p.size(), 3u);
  EXPECT_EQ(p.count_of(Grade::A), 1u);
  EXPECT_EQ(p.count_of(Grade::B), 2u);
  EXPECT_EQ(p.count_of(Grade::C), 0u);
  EXPECT_EQ(found(p, "c"), "B");
  EXPECT_EQ(found(p, "d"), "<absent>");
}

}  // namespace
}  // namespace abcgrade
