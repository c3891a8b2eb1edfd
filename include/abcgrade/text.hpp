// Small facts about input text that several modules need: trimming (SPEC 3.1
// trims every text value), ASCII case folding for header matching (SPEC 2)
// and UTF-8 validity (SPEC 2: bytes not valid in the input encoding make a
// bad row). Pure functions on bytes; no allocation except to_lower_ascii.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace abcgrade {

// `s` without leading and trailing spaces and tabs (inline: it runs on
// every field of every row).
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// a == b, inline, for the short texts that are compared on every row (a
// customer id with the previous row's, a date with the last one parsed):
// the calls to the library's memcmp were 3.5% of a run's samples.
inline bool same_text(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8 && n <= 16) {  // two 8-byte words, overlapping when n < 16
    std::uint64_t x0, y0, x1, y1;
    std::memcpy(&x0, x, 8);
    std::memcpy(&y0, y, 8);
    std::memcpy(&x1, x + n - 8, 8);
    std::memcpy(&y1, y + n - 8, 8);
    return ((x0 ^ y0) | (x1 ^ y1)) == 0;
  }
  if (n < 8) {
    for (std::size_t i = 0; i < n; ++i) {
      if (x[i] != y[i]) return false;
    }
    return true;
  }
  return std::memcmp(x, y, n) == 0;
}

// `s` with A-Z folded to a-z; other bytes (UTF-8 included) unchanged.
std::string to_lower_ascii(std::string_view s);

// Length of the longest valid UTF-8 prefix of `s` (== s.size() when all of it
// is valid). Overlong forms, surrogates and code points above U+10FFFF are
// invalid. Pure ASCII is checked eight bytes at a time.
std::size_t valid_utf8_prefix(std::string_view s);
inline bool is_valid_utf8(std::string_view s) { return valid_utf8_prefix(s) == s.size(); }

// True when `s` is not valid UTF-8 but is well-formed GB18030 (which
// includes GBK): one- and two-byte forms and the four-byte form
// [81-FE][30-39][81-FE][30-39]. Used to suggest --encoding gb18030.
bool reads_as_gb18030(std::string_view s);

// Display width of `s` in a fixed-width grid: East Asian wide characters
// (CJK, Hangul, fullwidth forms) count 2, everything else 1.
std::size_t display_width(std::string_view s);

// SPEC 5.2: text beginning with = + - @ tab or CR would be run by Excel as
// a formula (the --excel CSV guards it with a leading ').
bool looks_like_formula(std::string_view v);

// The part of `path`'s last component after its last dot, lower-cased ("" when
// none): how output and --previous formats are told from file names.
std::string extension_of(std::string_view path);

// The 1-based line and byte column of byte `pos` in `text`, for messages
// about a file read whole (JSON).
std::pair<std::size_t, std::size_t> line_column_at(std::string_view text, std::size_t pos);

// nlohmann::json's parse-error text without its "[json.exception...] parse
// error at line L, column C: " lead, for messages that give the place
// themselves in our file:line:column form.
std::string_view json_error_reason(std::string_view what);

// How append_escaped writes a control byte other than \n \r \t: JSON's
// \u00XX, or \xXX (upper case) for messages, where the byte is what a user
// looks for in a hex dump.
enum class ControlEscape { JsonUnicode, Hex };

// Appends `s` with `"` and `\` backslash-escaped, \n \r \t as such, and
// other control bytes (below 0x20, and 0x7F) as `style` says; every other
// byte is copied. No quotes are added.
void append_escaped(std::string& out, std::string_view s, ControlEscape style);

}  // namespace abcgrade
