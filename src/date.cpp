#include "abcgrade/date.hpp"

#include <cstdio>

#include "abcgrade/error.hpp"
#include "abcgrade/text.hpp"

namespace abcgrade {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil.
std::int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// Reads between min and max digits; -1 when there are fewer than min.
int read_number(std::string_view& s, std::size_t min, std::size_t max) {
  std::size_t n = 0;
  int value = 0;
  while (n < max && n < s.size() && is_digit(s[n])) value = value * 10 + (s[n++] - '0');
  if (n < min) return -1;
  s.remove_prefix(n);
  return value;
}

bool consume(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// The optional time after a date: [ T]HH:MM[:SS[.fff]][Z|±HH:MM]. True when
// `s` is empty afterwards.
bool skip_time(std::string_view s) {
  if (s.empty()) return true;
  // SPEC 2: the time follows "a space or T": one T, or spaces.
  if (s.front() == 'T') {
    s.remove_prefix(1);
  } else if (s.front() == ' ') {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  } else {
    return false;
  }
  const int hh = read_number(s, 1, 2);
  if (hh < 0 || hh > 24 || !consume(s, ":")) return false;
  const int mm = read_number(s, 2, 2);
  if (mm < 0 || mm > 59) return false;
  if (consume(s, ":")) {
    const int ss = read_number(s, 2, 2);
    if (ss < 0 || ss > 60) return false;
    if (consume(s, ".") || consume(s, ",")) {
      if (read_number(s, 1, 9) < 0) return false;
    }
  }
  if (consume(s, "Z")) return s.empty();
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    s.remove_prefix(1);
    if (read_number(s, 2, 2) < 0) return false;
    consume(s, ":");
    if (read_number(s, 2, 2) < 0) return false;
  }
  return s.empty();
}

// YYYY-MM-DD, alone or before a time: the form nearly every export uses,
// read without the general machinery. False when `s` is not that form.
bool parse_iso_fast(std::string_view s, ParseResult<Date>& out) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  if (s.size() > 10 && s[10] != ' ' && s[10] != 'T') return false;
  int v[8];
  static constexpr int kAt[8] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (int i = 0; i < 8; ++i) {
    v[i] = s[static_cast<std::size_t>(kAt[i])] - '0';
    if (v[i] < 0 || v[i] > 9) return false;
  }
  if (s.size() > 10 && !skip_time(s.substr(10))) return false;
  out = make_date(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], v[4] * 10 + v[5], v[6] * 10 + v[7]);
  return true;
}

ParseResult<Date> parse_default(std::string_view s) {
  ParseResult<Date> fast;
  if (parse_iso_fast(s, fast)) return fast;
  const int y = read_number(s, 4, 4);
  if (y < 0) return ParseResult<Date>::fail(kNotADate);
  int m = -1, d = -1;
  if (!s.empty() && (s.front() == '-' || s.front() == '/')) {
    const char sep = s.front();
    s.remove_prefix(1);
    m = read_number(s, 1, 2);
    if (m < 0 || s.empty() || s.front() != sep) return ParseResult<Date>::fail(kNotADate);
    s.remove_prefix(1);
    d = read_number(s, 1, 2);
  } else if (consume(s, "\xE5\xB9\xB4" /*年*/)) {
    m = read_number(s, 1, 2);
    if (m < 0 || !consume(s, "\xE6\x9C\x88" /*月*/)) return ParseResult<Date>::fail(kNotADate);
    d = read_number(s, 1, 2);
    if (d < 0 || !consume(s, "\xE6\x97\xA5" /*日*/)) return ParseResult<Date>::fail(kNotADate);
  }
  if (m < 0 || d < 0 || !skip_time(s)) return ParseResult<Date>::fail(kNotADate);
  return make_date(y, m, d);
}

int month_from_name(std::string_view& s) {
  static constexpr std::string_view kNames[] = {"january",   "february", "march",    "april",
                                                "may",       "june",     "july",     "august",
                                                "september", "october",  "november", "december"};
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (int i = 0; i < 12; ++i) {
    const std::string_view full = kNames[i];
    std::size_t n = 0;
    while (n < full.size() && n < s.size() && lower(s[n]) == full[n]) ++n;
    if (n == full.size() || n == 3) {  // the full name or its 3-letter abbreviation
      s.remove_prefix(n);
      return i + 1;
    }
  }
  return -1;
}

}  // namespace

ParseResult<Date> make_date(int year, int month, int day) {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month)) {
    return ParseResult<Date>::fail(kNoSuchDay);
  }
  return ParseResult<Date>::success(Date{days_from_civil(year, month, day)});
}

std::string to_string(Date date) {
  // Hinnant's civil_from_days.
  const int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  const int y = yoe + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

DateFormat::DateFormat(std::string_view pattern) : pattern_(pattern) {
  bool has_year = false, has_month = false, has_day = false;
  auto literal = [this](char c) {
    if (steps_.empty() || steps_.back().directive != 0) steps_.push_back({0, {}});
    steps_.back().literal += c;
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      literal(pattern[i]);
      continue;
    }
    if (++i == pattern.size()) throw Error(ExitCode::kUsage, "--date-format: a lone % at the end");
    char c = pattern[i];
    switch (c) {
      case '%':
        literal('%');
        continue;
      case 'F':
        steps_.push_back({'Y', {}}), steps_.push_back({0, "-"}), steps_.push_back({'m', {}});
        steps_.push_back({0, "-"}), steps_.push_back({'d', {}});
        has_year = has_month = has_day = true;
        continue;
      case 'D':
        steps_.push_back({'m', {}}), steps_.push_back({0, "/"}), steps_.push_back({'d', {}});
        steps_.push_back({0, "/"}), steps_.push_back({'y', {}});
        has_year = has_month = has_day = true;
        continue;
      case 'e':
        c = 'd';
        break;
      case 'h':
      case 'B':
        c = 'b';
        break;
      case 'Y':
      case 'y':
      case 'm':
      case 'd':
      case 'b':
      case 'H':
      case 'M':
      case 'S':
        break;
      default:
        throw Error(ExitCode::kUsage, std::string("--date-format: unsupported directive %") + c +
                                          " (use %Y %y %m %d %e %b %B %H %M %S %F %D %%)");
    }
    has_year |= c == 'Y' || c == 'y';
    has_month |= c == 'm' || c == 'b';
    has_day |= c == 'd';
    steps_.push_back({c, {}});
  }
  if (!has_year || !has_month || !has_day) {
    throw Error(ExitCode::kUsage,
                "--date-format \"" + pattern_ + "\": the pattern needs a year, a month and a day");
  }
}

ParseResult<Date> DateFormat::parse(std::string_view s) const {
  int y = -1, m = -1, d = -1;
  for (const Step& step : steps_) {
    int v = 0;
    switch (step.directive) {
      case 0:
        for (char c : step.literal) {
          if (c == ' ') {
            if (s.empty() || s.front() != ' ') return ParseResult<Date>::fail(kNotADate);
            while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
          } else if (s.empty() || s.front() != c) {
            return ParseResult<Date>::fail(kNotADate);
          } else {
            s.remove_prefix(1);
          }
        }
        continue;
      case 'Y':
        v = y = read_number(s, 4, 4);
        break;
      case 'y':
        v = read_number(s, 2, 2);
        y = v < 0 ? -1 : (v < 69 ? 2000 + v : 1900 + v);
        break;
      case 'm':
        v = m = read_number(s, 1, 2);
        break;
      case 'd':
        v = d = read_number(s, 1, 2);
        break;
      case 'b':
        v = m = month_from_name(s);
        break;
      case 'H':
        v = read_number(s, 1, 2), v = v > 24 ? -1 : v;
        break;
      case 'M':
      case 'S':
        v = read_number(s, 1, 2), v = v > 60 ? -1 : v;
        break;
    }
    if (v < 0) return ParseResult<Date>::fail(kNotADate);
  }
  if (!skip_time(s)) return ParseResult<Date>::fail(kNotADate);
  return make_date(y, m, d);
}

ParseResult<Date> parse_date(std::string_view text, const DateFormat* format) {
  const std::string_view s = trim(text);
  return format != nullptr ? format->parse(s) : parse_default(s);
}

}  // namespace abcgrade
