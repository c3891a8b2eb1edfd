#include "abcgrade/text.hpp"

#include <cstdint>
#include <cstring>

namespace abcgrade {

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when invalid.
// Writes the code point to *cp.
std::size_t decode(std::string_view s, std::size_t i, char32_t* cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  const std::size_t left = s.size() - i;
  auto cont = [&](std::size_t k) { return k < left && (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF && cont(1)) {
    *cp = ((c & 0x1Fu) << 6) | (b(1) & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
    const char32_t v = ((c & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    const char32_t v =
        ((c & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
    if (v < 0x10000 || v > 0x10FFFF) return 0;
    *cp = v;
    return 4;
  }
  return 0;
}

}  // namespace

std::size_t valid_utf8_prefix(std::string_view s) {
  // Checks each sequence against the well-formed ranges instead of
  // decoding it (decode() above): a Chinese name is mostly 3-byte
  // sequences, and every row with one is checked (the profile had this
  // function at 2.8%).
  const auto* const p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  auto cont = [p](std::size_t k) { return (p[k] & 0xC0) == 0x80; };
  std::size_t i = 0;
  while (i < n) {
    if (n - i >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (n - i < 2 || !cont(i + 1)) return i;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (n - i < 3 || !cont(i + 1) || !cont(i + 2)) return i;
      if (c == 0xE0 && p[i + 1] < 0xA0) return i;   // overlong: below U+0800
      if (c == 0xED && p[i + 1] >= 0xA0) return i;  // a surrogate, U+D800-DFFF
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (n - i < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return i;
      if (c == 0xF0 && p[i + 1] < 0x90) return i;   // overlong: below U+10000
      if (c == 0xF4 && p[i + 1] >= 0x90) return i;  // above U+10FFFF
      i += 4;
    } else {
      return i;
    }
  }
  return i;
}

bool reads_as_gb18030(std::string_view s) {
  if (is_valid_utf8(s)) return false;
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = b(i);
    if (c < 0x80) {
      ++i;
    } else if (c >= 0x81 && c <= 0xFE && i + 1 < s.size()) {
      const unsigned char t = b(i + 1);
      if (t >= 0x30 && t <= 0x39) {
        if (i + 3 >= s.size() || b(i + 2) < 0x81 || b(i + 2) > 0xFE || b(i + 3) < 0x30 ||
            b(i + 3) > 0x39) {
          return false;
        }
        i += 4;
      } else if (t >= 0x40 && t <= 0xFE && t != 0x7F) {
        i += 2;
      } else {
        return false;
      }
    } else {
      return false;
    }
  }
  return true;
}

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0xFFFD;
    std::size_t n = decode(s, i, &cp);
    if (n == 0) n = 1;
    i += n;
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

void append_escaped(std::string& out, std::string_view s, ControlEscape style) {
  static constexpr char kHexLower[] = "0123456789abcdef";
  static constexpr char kHexUpper[] = "0123456789ABCDEF";
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c >= 0x20 && c != 0x7F) {
          out += ch;
        } else if (style == ControlEscape::JsonUnicode) {
          out += "\\u00";
          out += kHexLower[c >> 4];
          out += kHexLower[c & 15];
        } else {
          out += "\\x";
          out += kHexUpper[c >> 4];
          out += kHexUpper[c & 15];
        }
    }
  }
}

bool looks_like_formula(std::string_view v) {
  return !v.empty() &&
         (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r');
}

std::string extension_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  return to_lower_ascii(path.substr(dot + 1));
}

std::pair<std::size_t, std::size_t> line_column_at(std::string_view text, std::size_t pos) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;  // a byte column, like the CSV messages'
    }
  }
  return {line, column};
}

std::string_view json_error_reason(std::string_view what) {
  const std::size_t column = what.find("column");
  const std::size_t colon = what.find(": ", column == std::string_view::npos ? 0 : column);
  if (column == std::string_view::npos || colon == std::string_view::npos) return what;
  return what.substr(colon + 2);
}

}  // namespace abcgrade
