// The writers' spelling rules (SPEC 4, 5.2): when a CSV field is quoted, the
// Excel formula guard, JSON string escapes, and the rejects file's rows.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "abcgrade/csv_writer.hpp"
#include "abcgrade/json_writer.hpp"
#include "test_values.hpp"

namespace abcgrade {
namespace {

class StringSink : public ByteSink {
 public:
  void write(std::string_view bytes) override { text.append(bytes); }
  std::string text;
};

std::string csv_field(std::string_view v, bool text_cell, bool excel) {
  std::string out;
  append_csv_field(out, v, text_cell, CsvStyle{excel});
  return out;
}

TEST(CsvField, QuotedOnlyForDelimiterQuoteLineBreaksAndOuterSpaces) {
  struct Case {
    std::string in, out;
  };
  const std::vector<Case> cases = {
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\rhere", "\"cr\rhere\""},
      {" lead", "\" lead\""},
      {"trail ", "\"trail \""},
      {"in side", "in side"},
      {"tab\tinside", "tab\tinside"},  // SPEC 4 does not list tab
      {"华东建材集团", "华东建材集团"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(csv_field(c.in, true, false), c.out);
  }
}

TEST(CsvField, ExcelGuardPrefixesTextThatWouldRunAsAFormula) {
  // SPEC 5.2: =, +, -, @, tab, CR at the start of a text cell.
  EXPECT_EQ(csv_field("=1+2", true, true), "'=1+2");
  EXPECT_EQ(csv_field("+86 10", true, true), "'+86 10");
  EXPECT_EQ(csv_field("-5", true, true), "'-5");
  EXPECT_EQ(csv_field("@SUM(A1)", true, true), "'@SUM(A1)");
  EXPECT_EQ(csv_field("\tx", true, true), "'\tx");
  EXPECT_EQ(csv_field("\rx", true, true), "\"'\rx\"");
  EXPECT_EQ(csv_field("=a,b", true, true), "\"'=a,b\"");
  EXPECT_EQ(csv_field("safe=", true, true), "safe=");
  // Not a text cell (numbers), or not --excel: untouched.
  EXPECT_EQ(csv_field("-5", false, true), "-5");
  EXPECT_EQ(csv_field("=1+2", true, false), "=1+2");
}

TEST(JsonString, EscapesQuotesBackslashesAndControlCharactersKeepsUtf8) {
  std::string out;
  append_json_string(out, "a\"b\\c\n\r\t\x01\x1f\x7f 客户");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f\\u007f 客户\"");
}

TEST(RejectsCsv, WritesHeaderThenOneQuotedLinePerRow) {
  StringSink sink;
  RejectsCsv rejects(sink, CsvStyle{});
  rejects.reject({"in.csv", 7, "column \"amount\": cannot read \"x\" as a number", "C1,x"});
  rejects.reject({"<stdin>", 9, "expected 2 fields, found 1", "lone"});
  EXPECT_EQ(sink.text,
            "file,line,reason,row\n"
            "in.csv,7,\"column \"\"amount\"\": cannot read \"\"x\"\" as a number\",\"C1,x\"\n"
            "<stdin>,9,\"expected 2 fields, found 1\",lone\n");
}

TEST(RejectsCsv, ExcelStyleHasBomCrlfAndGuardsTheRawRow) {
  StringSink sink;
  RejectsCsv rejects(sink, CsvStyle{true});
  rejects.reject({"a.csv", 2, "empty customer id", "=cmd|' /C calc'!A0,5"});
  EXPECT_EQ(sink.text,
            "\xEF\xBB\xBF"
            "file,line,reason,row\r\n"
            "a.csv,2,empty customer id,\"'=cmd|' /C calc'!A0,5\"\r\n");
}

TEST(SummaryCsv, GroupsComeFirstThenTheOverallBlock) {
  Summary s;
  s.metric = Metric::Frequency;
  SummaryBlock g;
  g.overall = false;
  g.group = "north, east";
  g.grades[0] = {1, Decimal::from_int(10).units(), Decimal::from_int(10).units()};
  g.total = g.grades[0];
  s.groups.push_back(g);
  s.overall = g;
  s.overall.overall = true;
  StringSink sink;
  write_summary_csv(s, CsvStyle{}, sink);
  // Frequency totals are whole numbers; one customer of one holds everything.
  EXPECT_EQ(sink.text,
            "group,grade,customers,customer_share,metric_total,metric_share\n"
            "\"north, east\",A,1,1.000000,10,1.000000\n"
            "\"north, east\",B,0,0.000000,0,0.000000\n"
            "\"north, east\",C,0,0.000000,0,0.000000\n"
            "\"north, east\",total,1,1.000000,10,1.000000\n"
            "(all),A,1,1.000000,10,1.000000\n"
            "(all),B,0,0.000000,0,0.000000\n"
            "(all),C,0,0.000000,0,0.000000\n"
            "(all),total,1,1.000000,10,1.000000\n");
}

// Tables of more than 16,384 rows are formatted in blocks on several
// threads, with block buffers used again; the rows must still come out
// whole and in rank order. 120,000 rows are 8 blocks, more than are in
// flight at once (2 per thread), so buffers are reused. Customer Cnnnnnn
// has amount n, so it is rank N + 1 - n: worked out from the construction.
TEST(TableWriters, LargeTablesComeOutWholeAndInRankOrder) {
  constexpr int kN = 120000;
  std::vector<std::string> ids(kN + 1);
  std::vector<CustomerTotals> customers;
  for (int n = 1; n <= kN; ++n) {
    char id[16];
    std::snprintf(id, sizeof id, "C%06d", n);
    ids[static_cast<std::size_t>(n)] = id;
    CustomerTotals c;
    c.id = ids[static_cast<std::size_t>(n)];
    c.amount = Decimal::from_int(n);
    c.frequency = 1;
    customers.push_back(c);
  }
  const Table table = build_table(std::move(customers), test::options());

  StringSink csv;
  write_table_csv(table, Lang::En, CsvStyle{}, csv);
  std::istringstream csv_lines(csv.text);
  std::string line;
  std::getline(csv_lines, line);  // the header
  int rank = 0;
  while (std::getline(csv_lines, line)) {
    ++rank;
    const int n = kN + 1 - rank;
    const std::string expected =
        std::to_string(rank) + "," + ids[static_cast<std::size_t>(n)] + ",,";
    ASSERT_EQ(line.substr(0, expected.size()), expected) << "CSV row " << rank;
    ASSERT_NE(line.find("," + std::to_string(n) + ".00,1,,"), std::string::npos) << line;
  }
  EXPECT_EQ(rank, kN);

  StringSink jsonl;
  write_table_jsonl(table, jsonl);
  std::istringstream json_lines(jsonl.text);
  rank = 0;
  while (std::getline(json_lines, line)) {
    ++rank;
    const std::string expected = "{\"rank\":" + std::to_string(rank) + ",\"customer_id\":\"" +
                                 ids[static_cast<std::size_t>(kN + 1 - rank)] + "\",";
    ASSERT_EQ(line.substr(0, expected.size()), expected) << "JSON line " << rank;
  }
  EXPECT_EQ(rank, kN);
}

// A CSV row is formatted in a 1 KiB buffer: a cell that does not fit in
// what is left of it, or not in the whole of it, must still come out whole
// and spelled by the quoting rules (SPEC 4). Names of 300 bytes with quotes
// (the row's buffer fills mid-row), of 2,000 bytes with commas (longer than
// the buffer) and an Excel formula name each way. The expected text is put
// together from the rules: quoted, each quote doubled, the guard inside.
TEST(TableWriters, LongTextCellsComeOutWholeWhateverTheRowBuffer) {
  const std::string quoted_300 = std::string(150, 'q') + "\"" + std::string(149, 'r');
  const std::string commas_2000 = std::string(1000, 'a') + "," + std::string(999, 'b');
  const std::string formula_1500 = "=" + std::string(1499, 'f');
  const std::vector<std::string> names = {quoted_300, commas_2000, formula_1500, "short"};
  std::vector<CustomerTotals> customers;
  for (std::size_t i = 0; i < names.size(); ++i) {
    CustomerTotals c;
    c.id = i == 0 ? "K1" : i == 1 ? "K2" : i == 2 ? "K3" : "K4";
    c.name = names[i];
    c.amount = Decimal::from_int(static_cast<std::int64_t>(10 - i));  // rank order: K1..K4
    c.frequency = 1;
    customers.push_back(c);
  }
  const Table table = build_table(std::move(customers), test::options());
  for (const bool excel : {false, true}) {
    SCOPED_TRACE(excel ? "excel" : "plain");
    StringSink csv;
    write_table_csv(table, Lang::En, CsvStyle{excel}, csv);
    const std::string end = excel ? "\r\n" : "\n";
    const std::vector<std::string> expected_names = {
        "\"" + std::string(150, 'q') + "\"\"" + std::string(149, 'r') + "\"",
        "\"" + commas_2000 + "\"",
        excel ? "'" + formula_1500 : formula_1500,
        "short",
    };
    std::size_t at = csv.text.find(end) + end.size();  // past the header
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::size_t line_end = csv.text.find(end, at);
      ASSERT_NE(line_end, std::string::npos);
      const std::string line = csv.text.substr(at, line_end - at);
      const std::string head =
          std::to_string(i + 1) + ",K" + std::to_string(i + 1) + "," + expected_names[i] + ",";
      EXPECT_EQ(line.substr(0, head.size()), head) << "row " << i + 1;
      // The rest of the row follows the name intact: amount 10 - i, frequency 1.
      EXPECT_NE(line.find("," + std::to_string(10 - i) + ".00,1,"), std::string::npos);
      at = line_end + end.size();
    }
    EXPECT_EQ(at, csv.text.size());
  }
}

}  // namespace
}  // namespace abcgrade
