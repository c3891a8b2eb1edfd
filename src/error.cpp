#include "abcgrade/error.hpp"

#include "abcgrade/text.hpp"

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
  append_escaped(out, text.substr(0, shown), ControlEscape::Hex);
  out += cut ? "...\"" : "\"";
  return out;
}

}  // namespace abcgrade
