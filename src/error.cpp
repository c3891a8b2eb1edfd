#include "abcgrade/error.hpp"

#include <cstdio>

namespace abcgrade {

std::string to_prefix(const Location& where) {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line != 0) out += ':' + std::to_string(where.line);
    if (where.line != 0 && where.column != 0) out += ':' + std::to_string(where.column);
    out += ": ";
  }
  if (!where.field.empty()) out += "column \"" + where.field + "\": ";
  return out;
}

std::string quote_for_message(std::string_view text) {
  constexpr std::size_t kMaxShown = 80;
  std::size_t shown = text.size();
  bool cut = false;
  if (shown > kMaxShown) {
    shown = kMaxShown;
    // Never cut inside a UTF-8 sequence: back up over continuation bytes.
    while (shown > 0 && (static_cast<unsigned char>(text[shown]) & 0xC0) == 0x80) --shown;
    cut = true;
  }
  std::string out = "\"";
  for (std::size_t i = 0; i < shown; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
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
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02X", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += cut ? "...\"" : "\"";
  return out;
}

}  // namespace abcgrade
