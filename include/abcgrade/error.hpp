// The one exception type that leaves a module. Anything the user can cause
// (bad flag, bad file, bad row) is reported through it; the CLI turns it into
// one line on stderr and the matching exit status. Nothing here prints.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace abcgrade {

// Exit statuses of SPEC section 1; the values are those of <sysexits.h>.
enum class ExitCode : int {
  kOk = 0,
  kBug = 1,          // anything not listed below
  kUsage = 64,       // EX_USAGE: unknown option, bad cut points, invalid policy
  kDataErr = 65,     // EX_DATAERR: bad row under `fail`, missing column, nobody to grade
  kNoInput = 66,     // EX_NOINPUT: an input file cannot be opened
  kCantCreate = 73,  // EX_CANTCREAT: an output file cannot be created
  kIoErr = 74,       // EX_IOERR: reading or writing failed midway
};

// Where a problem is. Empty or zero members are left out of the message.
struct Location {
  std::string file;          // as given on the command line; "<stdin>" for "-"
  std::uint64_t line = 0;    // 1-based physical line where the record starts
  std::uint64_t column = 0;  // 1-based byte column inside that line, where it matters
  std::string field;         // header of the offending field
};

// The located prefix of a message: `sales.csv:1042: column "amount": `.
// Returns "" for an empty location.
std::string to_prefix(const Location& where);

// Quotes user text for a message: `"12,3x"`. Control characters and quotes are
// escaped and text longer than 80 bytes is cut (on a UTF-8 boundary) with "...",
// so that a message stays one short line whatever the input holds.
std::string quote_for_message(std::string_view text);

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, std::string_view message)
      : std::runtime_error(std::string(message)), code_(code) {}
  Error(ExitCode code, const Location& where, std::string_view message)
      : Error(code, to_prefix(where) + std::string(message)) {}

  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

}  // namespace abcgrade
