// Civil dates for the window, as-of and recency (SPEC section 2, "Dates").
//
// Accepted by default: YYYY-MM-DD, YYYY/MM/DD and YYYY年M月D日 (month and day
// with one or two digits), each optionally followed by a time after a space or
// `T` (HH:MM, HH:MM:SS, fractions of a second, `Z` or a ±HH:MM offset), which
// is ignored. Other forms need a DateFormat built from a strptime-style
// pattern. A date that does not exist in the calendar fails. Only dates of the
// years 1000-9999 are represented. Nothing here knows about columns or rows.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/parse_result.hpp"

namespace abcgrade {

// A day, counted from 1970-01-01 (day 0).
struct Date {
  std::int32_t days = 0;
  friend constexpr auto operator<=>(Date, Date) = default;
};

// The date of a calendar day, or nullopt-like failure when it does not exist.
ParseResult<Date> make_date(int year, int month, int day);
// "YYYY-MM-DD".
std::string to_string(Date d);

inline constexpr std::string_view kNotADate = "not a date";
inline constexpr std::string_view kNoSuchDay = "no such day in the calendar";

// A compiled --date-format pattern. Directives: %Y (4-digit year), %y (2-digit
// year: 69-99 are 19xx, 00-68 are 20xx, as strptime), %m and %d/%e (1 or 2
// digits), %b/%h/%B (English month names, any case), %H %M %S (read, ignored),
// %F (%Y-%m-%d), %D (%m/%d/%y), %% (a percent sign); a space matches one or
// more spaces; any other character matches itself.
class DateFormat {
 public:
  // Throws Error(kUsage) for an unknown directive or a pattern that lacks a
  // year, a month or a day.
  explicit DateFormat(std::string_view pattern);
  const std::string& pattern() const { return pattern_; }
  ParseResult<Date> parse(std::string_view text) const;

 private:
  struct Step {
    char directive;  // 0 for a literal
    std::string literal;
  };
  std::string pattern_;
  std::vector<Step> steps_;
};

// Reads a date in the default forms, or with `format` when it is not null.
// Surrounding spaces are ignored; so is a time after the date. Never throws.
ParseResult<Date> parse_date(std::string_view text, const DateFormat* format = nullptr);

}  // namespace abcgrade
