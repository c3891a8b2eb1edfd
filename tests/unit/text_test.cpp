// Unit tests of the small text helpers (include/abcgrade/text.hpp): trim of
// spaces and tabs (SPEC 3.1 trims every text value), ASCII-only case folding
// for header matching (SPEC 2) that leaves UTF-8 bytes alone, the length of
// the valid UTF-8 prefix (SPEC 2: bytes that are not valid in the input
// encoding make a bad row) over ASCII, 2-, 3- and 4-byte sequences, overlong
// forms, surrogates, code points above U+10FFFF, truncated sequences, bad
// bytes after the eight-bytes-at-a-time ASCII fast path and GBK bytes, and
// the display width that counts CJK and fullwidth characters as 2. Byte
// sequences are worked from the UTF-8 encoding rules (RFC 3629).
#include "abcgrade/text.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace abcgrade {
namespace {

using namespace std::string_view_literals;

TEST(TextTrim, RemovesSurroundingSpacesAndTabsOnly) {
  const struct {
    std::string_view in, out;
  } cases[] = {
      {"", ""},
      {"   ", ""},
      {"\t \t", ""},
      {"C001", "C001"},
      {"  C001  ", "C001"},
      {"\tC001\t", "C001"},
      {" \t Ann Lee \t ", "Ann Lee"},  // inner spaces stay
      {" 客户 ", "客户"},
      {"\nC001\n", "\nC001\n"},  // only spaces and tabs
      {"\r\n", "\r\n"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message() << "\"" << c.in << "\"");
    EXPECT_EQ(trim(c.in), c.out);
  }
}

TEST(TextTrim, ReturnsAViewIntoTheSameText) {
  const std::string text = "  abc ";
  const std::string_view t = trim(text);
  EXPECT_EQ(t.data(), text.data() + 2);
  EXPECT_EQ(t.size(), 3u);
}

TEST(TextLowerAscii, FoldsAsciiLettersAndLeavesOtherBytesAlone) {
  const struct {
    std::string_view in, out;
  } cases[] = {
      {"", ""},
      {"CUSTOMER_ID", "customer_id"},
      {"Customer Name", "customer name"},
      {"InvoiceNo", "invoiceno"},
      {"客户ID", "客户id"},
      {"ÄÖÜ É", "ÄÖÜ É"},    // Latin-1 capitals in UTF-8 stay as they are
      {"ＡＢＣ", "ＡＢＣ"},  // fullwidth capitals too
      {"@[`{", "@[`{"},      // the bytes just outside A-Z and a-z
      {"AZaz09", "azaz09"},
      {"\xC3\x84\xFF"
       "A",
       "\xC3\x84\xFF"
       "a"},  // invalid UTF-8 is passed through
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(to_lower_ascii(c.in), c.out);
  }
}

struct Utf8Case {
  std::string_view bytes;
  std::size_t valid_prefix;
  const char* what;
};

void expect_prefixes(const Utf8Case* begin, const Utf8Case* end) {
  for (const Utf8Case* c = begin; c != end; ++c) {
    SCOPED_TRACE(c->what);
    EXPECT_EQ(valid_utf8_prefix(c->bytes), c->valid_prefix);
    EXPECT_EQ(is_valid_utf8(c->bytes), c->valid_prefix == c->bytes.size());
  }
}

TEST(TextUtf8, ValidSequencesOfEveryLength) {
  const Utf8Case cases[] = {
      {""sv, 0, "empty"},
      {"hello"sv, 5, "ASCII"},
      {"a\0b"sv, 3, "NUL is valid UTF-8"},
      {"\x7F"sv, 1, "DEL, the last 1-byte code point"},
      {"caf\xC3\xA9"sv, 5, "2 bytes: e-acute U+00E9"},
      {"\xC2\x80"sv, 2, "2 bytes: U+0080, the first"},
      {"\xDF\xBF"sv, 2, "2 bytes: U+07FF, the last"},
      {"\xE0\xA0\x80"sv, 3, "3 bytes: U+0800, the first"},
      {"\xE2\x82\xAC"sv, 3, "3 bytes: euro sign U+20AC"},
      {"\xED\x9F\xBF"sv, 3, "3 bytes: U+D7FF, just below the surrogates"},
      {"\xEE\x80\x80"sv, 3, "3 bytes: U+E000, just above the surrogates"},
      {"\xEF\xBF\xBF"sv, 3, "3 bytes: U+FFFF"},
      {"\xF0\x90\x80\x80"sv, 4, "4 bytes: U+10000, the first"},
      {"\xF0\x9F\x98\x80"sv, 4, "4 bytes: emoji U+1F600"},
      {"\xF4\x8F\xBF\xBF"sv, 4, "4 bytes: U+10FFFF, the last"},
      // 客户编号 = U+5BA2 U+6237 U+7F16 U+53F7.
      {"\xE5\xAE\xA2\xE6\x88\xB7\xE7\xBC\x96\xE5\x8F\xB7"sv, 12, "Chinese header text"},
      {"客户编号,金额,日期"sv, 26, "Chinese text in the source"},  // 8 x 3 bytes + 2 commas
  };
  expect_prefixes(std::begin(cases), std::end(cases));
}

TEST(TextUtf8, InvalidSequencesStopThePrefix) {
  const Utf8Case cases[] = {
      {"\xC0\x80"sv, 0, "overlong NUL (C0 80)"},
      {"\xC1\xBF"sv, 0, "overlong U+007F (C1 BF)"},
      {"\xE0\x80\x80"sv, 0, "overlong NUL in 3 bytes (E0 80 80)"},
      {"\xE0\x9F\xBF"sv, 0, "overlong U+07FF in 3 bytes"},
      {"\xF0\x80\x80\x80"sv, 0, "overlong NUL in 4 bytes"},
      {"\xF0\x8F\xBF\xBF"sv, 0, "overlong U+FFFF in 4 bytes"},
      {"\xED\xA0\x80"sv, 0, "surrogate U+D800 (ED A0 80)"},
      {"\xED\xBF\xBF"sv, 0, "surrogate U+DFFF"},
      {"\xF4\x90\x80\x80"sv, 0, "U+110000, above U+10FFFF (F4 90 80 80)"},
      {"\xF5\x80\x80\x80"sv, 0, "lead byte F5"},
      {"\xF8\x88\x80\x80\x80"sv, 0, "5-byte form"},
      {"\xFE"sv, 0, "FE"},
      {"\xFF"sv, 0, "FF"},
      {"\x80"sv, 0, "a lone continuation byte"},
      {"\xBF"sv, 0, "a lone continuation byte BF"},
      {"\xC3\x28"sv, 0, "2-byte lead, then ASCII"},
      {"\xE4\x28\xAD"sv, 0, "3-byte lead, then ASCII"},
      {"\xE4\xB8\x28"sv, 0, "3-byte lead, second continuation missing"},
      {"\xF0\x9F\x98\x28"sv, 0, "4-byte lead, third continuation missing"},
      {"ab\xC3"sv, 2, "truncated 2-byte sequence at the end"},
      {"ab\xE4\xB8"sv, 2, "truncated 3-byte sequence at the end"},
      {"ab\xF0\x9F\x98"sv, 2, "truncated 4-byte sequence at the end"},
      // The view ends inside a sequence whose next byte exists in memory.
      {"ab\xC3\xA9"sv.substr(0, 3), 2, "view cut inside a 2-byte sequence"},
      {"ab\xE4\xB8\xAD"sv.substr(0, 4), 2, "view cut inside a 3-byte sequence"},
      {"ab\xF0\x9F\x98\x80"sv.substr(0, 5), 2, "view cut inside a 4-byte sequence"},
      {"caf\xC3\xA9\xE9"sv, 5, "valid e-acute, then Latin-1 e-acute"},
      {"caf\xE9"sv, 3, "Latin-1 e-acute (windows-1252 input)"},
  };
  expect_prefixes(std::begin(cases), std::end(cases));
}

TEST(TextUtf8, FastPathStopsAtTheFirstBadByte) {
  // The ASCII fast path reads eight bytes at a time while eight remain.
  const Utf8Case cases[] = {
      {"abcdefgh\xFF"sv, 8, "bad byte right after one word"},
      {"abcdefghijklmnop\xC3"sv, 16, "truncated sequence after two words"},
      {"abcdefg\xFF"
       "hijklmnop"sv,
       7, "bad byte inside the first word"},
      {"abcdefghijk\x80lmnopqrstu"sv, 11, "continuation byte inside the second word"},
      {"abcdefghijklmnopqrstuvw\xED\xA0\x80xyz"sv, 23, "surrogate after 23 ASCII bytes"},
      {"abcdefgh\xE5\xAE\xA2"
       "abcdefgh\xC0\x80"sv,
       19, "ASCII, Chinese, ASCII, overlong"},
      {"abcdefgh\xE5\xAE\xA2"
       "abcdefghijklmnop"sv,
       27, "ASCII, Chinese, ASCII: all valid"},
      {"12345678\xF4\x90\x80\x80"
       "12345678"sv,
       8, "above U+10FFFF after one word"},
  };
  expect_prefixes(std::begin(cases), std::end(cases));
  // A long valid run, then one bad byte: the prefix ends exactly there.
  const std::string long_text = std::string(1000, 'x') + "\xE5\xAE\xA2" + "\xFF" + "tail";
  EXPECT_EQ(valid_utf8_prefix(long_text), 1003u);
}

// Every string of one and two bytes, of three that does not start with
// ASCII, and every non-ASCII first two bytes with the edges of the
// continuation range after them,
// against the well-formed sequences as the Unicode standard tabulates them
// (Table 3-7): the valid prefix is the run of whole sequences that match.
TEST(TextUtf8, AgreesWithTheStandardsTableOnEveryShortString) {
  struct Range {
    unsigned char lo, hi;
  };
  // One row per line of Table 3-7.
  const std::vector<std::vector<Range>> table = {
      {{0x00, 0x7F}},
      {{0xC2, 0xDF}, {0x80, 0xBF}},
      {{0xE0, 0xE0}, {0xA0, 0xBF}, {0x80, 0xBF}},
      {{0xE1, 0xEC}, {0x80, 0xBF}, {0x80, 0xBF}},
      {{0xED, 0xED}, {0x80, 0x9F}, {0x80, 0xBF}},
      {{0xEE, 0xEF}, {0x80, 0xBF}, {0x80, 0xBF}},
      {{0xF0, 0xF0}, {0x90, 0xBF}, {0x80, 0xBF}, {0x80, 0xBF}},
      {{0xF1, 0xF3}, {0x80, 0xBF}, {0x80, 0xBF}, {0x80, 0xBF}},
      {{0xF4, 0xF4}, {0x80, 0x8F}, {0x80, 0xBF}, {0x80, 0xBF}},
  };
  auto reference_prefix = [&](std::string_view s) {
    std::size_t i = 0;
    for (;;) {
      std::size_t matched = 0;
      for (const auto& row : table) {
        if (s.size() - i < row.size()) continue;
        bool ok = true;
        for (std::size_t k = 0; k < row.size() && ok; ++k) {
          const auto b = static_cast<unsigned char>(s[i + k]);
          ok = b >= row[k].lo && b <= row[k].hi;
        }
        if (ok) matched = row.size();
      }
      if (matched == 0) return i;
      i += matched;
    }
  };
  std::size_t checked = 0, wrong = 0;
  auto check = [&](std::string_view s) {
    ++checked;
    if (valid_utf8_prefix(s) != reference_prefix(s) && ++wrong <= 5)
      ADD_FAILURE() << "bytes " << testing::PrintToString(std::string(s));
  };
  std::string s;
  for (int a = 0; a < 256; ++a) {
    s.assign(1, static_cast<char>(a));
    check(s);
    for (int b = 0; b < 256; ++b) {
      s.assign({static_cast<char>(a), static_cast<char>(b)});
      check(s);
      if (a < 0x80) continue;  // an ASCII byte, then the two-byte strings above
      for (int c = 0; c < 256; ++c) {
        s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
        check(s);
      }
      for (const int c : {0x7F, 0x80, 0xBF, 0xC0}) {
        for (const int d : {0x7F, 0x80, 0xBF, 0xC0}) {
          s.assign({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                    static_cast<char>(d)});
          check(s);
        }
      }
    }
  }
  EXPECT_EQ(wrong, 0u);
  EXPECT_EQ(checked, 256u + 256u * 256u + 128u * 256u * (256u + 16u));
}

TEST(TextUtf8, GbkBytesAreNotUtf8) {
  // 客户 in GBK is BF CD BB A7; BF is a continuation byte in UTF-8, so not
  // even the first byte is valid (SPEC 2: a bad row, suggest gb18030).
  const Utf8Case cases[] = {
      {"\xBF\xCD\xBB\xA7"sv, 0, "客户 in GBK"},
      {"ID\xBF\xCD\xBB\xA7"sv, 2, "ID then GBK"},
      {"customer\xBF\xCD\xBB\xA7"sv, 8, "8 ASCII bytes then GBK"},
  };
  expect_prefixes(std::begin(cases), std::end(cases));
}

TEST(TextDisplayWidth, CountsWideCharactersAsTwo) {
  const struct {
    std::string_view text;
    std::size_t width;
  } cases[] = {
      {"", 0},
      {"abc", 3},
      {"Ann Lee", 7},
      {"caf\xC3\xA9", 4},   // e-acute is narrow
      {"\xC2\xA5", 1},      // ¥ U+00A5 is narrow
      {"\xEF\xBF\xA5", 2},  // ￥ U+FFE5 is fullwidth
      {"客户", 4},          // CJK ideographs
      {"客户ID", 6},
      {"客户编号", 8},
      {"\xEF\xBC\xA1\xEF\xBC\xA2", 4},  // ＡＢ U+FF21 U+FF22, fullwidth Latin
      {"\xE3\x80\x81", 2},              // 、 U+3001, CJK punctuation
      {"\xEC\x95\x88\xEB\x85\x95", 4},  // 안녕 U+C548 U+B155, Hangul syllables
      {"\xE1\x84\x80", 2},              // U+1100, Hangul Jamo
      {"\xF0\xA0\x80\x80", 2},          // U+20000, CJK Extension B
      {"A\xE5\xAE\xA2"
       "B",
       4},  // A客B
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(display_width(c.text), c.width);
  }
}

TEST(TextEscape, QuoteBackslashAndLineBreaksAreBackslashEscaped) {
  std::string out = "<";
  append_escaped(out, "a\"b\\c\nd\re\tf", ControlEscape::JsonUnicode);
  EXPECT_EQ(out, "<a\\\"b\\\\c\\nd\\re\\tf");
}

TEST(TextEscape, OtherControlBytesAreJsonUnicodeOrHexAsAsked) {
  const std::string text = std::string("x") + '\0' + "\x1b\x7f" + "客户";
  std::string json;
  append_escaped(json, text, ControlEscape::JsonUnicode);
  EXPECT_EQ(json, "x\\u0000\\u001b\\u007f客户");
  std::string hex;
  append_escaped(hex, text, ControlEscape::Hex);
  EXPECT_EQ(hex, "x\\x00\\x1B\\x7F客户");
}

TEST(TextFileNames, ExtensionIsAfterTheLastDotOfTheLastComponentLowerCased) {
  EXPECT_EQ(extension_of("out.JSON"), "json");
  EXPECT_EQ(extension_of("/srv/a.b/table.xlsx"), "xlsx");
  EXPECT_EQ(extension_of("/srv/a.b/table"), "");  // the dot is in a folder's name
  EXPECT_EQ(extension_of("-"), "");
}

TEST(TextFormula, LeadingEqualsPlusMinusAtTabOrCrLooksLikeAFormula) {
  for (const char* f : {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
    EXPECT_TRUE(looks_like_formula(f)) << f;
  }
  for (const char* plain : {"", "1-1", "a=b", " =1", "'=1"}) {
    EXPECT_FALSE(looks_like_formula(plain)) << plain;
  }
}

// same_text compares in words for 8-16 bytes (two overlapping loads), byte
// by byte below and with memcmp above: every length class, equal and with
// one byte changed at each position, against std::string_view's ==.
TEST(SameText, AgreesWithEqualityAtEveryLengthAndPosition) {
  const std::string base = "C0042798-abcdefghijklmnopqrstuvwxyz";
  std::size_t wrong = 0;
  for (std::size_t n = 0; n <= 24; ++n) {
    const std::string a = base.substr(0, n);
    std::string b = a;
    wrong += !same_text(a, b);
    for (std::size_t at = 0; at < n; ++at) {
      b = a;
      b[at] = static_cast<char>(b[at] ^ 0x20);
      wrong += same_text(a, b) != (std::string_view(a) == std::string_view(b));
      wrong += same_text(b, a);
    }
    if (n > 0) wrong += same_text(a, std::string_view(a).substr(0, n - 1));  // a prefix
  }
  EXPECT_EQ(wrong, 0u);
}

}  // namespace
}  // namespace abcgrade
