// RFC 4180 records (SPEC section 2) over fast-cpp-csv-parser's io::LineReader:
// fields, the physical line each record starts on, and the raw text for
// --rejects. Quoted fields may hold the delimiter, doubled quotes and line
// breaks; a UTF-8 BOM and CRLF line ends are accepted; entirely blank lines
// are not records. A quote inside an unquoted field is an ordinary character.
// Only this module includes <libfccp/csv.h>; library
// exceptions become Error here.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/byte_source.hpp"

namespace abcgrade {

// One record. Views stay valid until the next call to RecordReader::next.
struct Record {
  std::uint64_t line = 0;                // physical line the record starts on (header = 1)
  std::string_view raw;                  // the record as read, line breaks inside quotes as \n
  std::vector<std::string_view> fields;  // unquoted and unescaped, not trimmed
  // Non-zero when the quoting is broken (text after a closing quote): the
  // 1-based byte column, within its physical line, where it happens. `fields`
  // is then incomplete and the record is a bad row.
  std::uint64_t bad_quote_column = 0;
  std::uint64_t bad_quote_line = 0;
};

class RecordReader {
 public:
  // Reads `source`, named `display_name` in messages, splitting on `delimiter`.
  RecordReader(std::string display_name, std::unique_ptr<ByteSource> source, char delimiter);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // The next record, or false at the end of the input. Throws Error(kDataErr)
  // when the input ends inside a quoted field (naming the line and column
  // where that field opens) or a line exceeds 16 MiB, Error(kIoErr) when
  // reading fails.
  bool next(Record& out);

  const std::string& display_name() const { return display_name_; }

 private:
  struct Impl;
  std::string display_name_;
  std::unique_ptr<Impl> impl_;
};

// How a record's text splits into fields; used by RecordReader and by the
// chunked reader. `text` is one whole record (it may hold \n inside quotes).
// Fields that need unescaping are copied to `scratch`, which is cleared and
// reserved so that its views stay valid. Returns 0, or the 0-based offset
// in `text` of a character after a closing quote that makes the record bad.
// REQUIRES: the quotes in `text` are balanced (quote_state_after says so).
std::size_t split_record(std::string_view text, char delimiter,
                         std::vector<std::string_view>& fields, std::string& scratch);

// Quote state machine shared by the splitter and record-end detection.
enum class QuoteState : std::uint8_t {
  FieldStart,  // at the start of a field (leading spaces allowed before a quote)
  Unquoted,    // inside an unquoted field
  Quoted,      // inside a quoted field
  QuoteSeen,   // just after a quote inside a quoted field: closing, unless doubled
  Closed,      // after a closing quote: only spaces until the delimiter
};

// The state after `text`, starting from `state`; a line end in any state but
// Quoted ends the record. `open_at` receives the offset of the quote that
// opened the field still open at the end (when the result is Quoted).
QuoteState quote_state_after(std::string_view text, char delimiter, QuoteState state,
                             std::size_t* open_at);

}  // namespace abcgrade
