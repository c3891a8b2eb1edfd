// RFC 4180 records (SPEC section 2): quoted fields may hold the delimiter,
// doubled quotes and line breaks; a UTF-8 BOM and CRLF line ends are
// accepted; entirely blank lines are not records; a quote inside an unquoted
// field is an ordinary character. Input is read in chunks that end on record
// boundaries, so that chunks can be parsed on several threads; each record
// knows the physical line it starts on. Bytes are pulled through
// fast-cpp-csv-parser's io::ByteSourceBase (this module is the only one that
// includes <libfccp/csv.h>); its io::LineReader was replaced after profiling
// (README "Performance").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/byte_source.hpp"

namespace abcgrade {

// A record may span lines while a quote is open; past this size it is far
// more likely an unterminated quote than data, and memory must stay bounded.
inline constexpr std::size_t kMaxRecordBytes = std::size_t{64} << 20;

// One record. Views stay valid until the next call that fills the Record.
struct Record {
  std::uint64_t line = 0;    // physical line the record starts on (header = 1)
  std::uint64_t offset = 0;  // where it starts in its chunk (input order within a chunk)
  std::string_view raw;      // the record as read: no line end, \r\n inside quotes as \n
  std::vector<std::string_view> fields;  // unquoted and unescaped, not trimmed
  // Non-zero when the quoting is broken (text after a closing quote): the
  // physical line and 1-based byte column of the offending character.
  // `fields` then ends with the field the quote closed.
  std::uint64_t bad_quote_line = 0;
  std::uint64_t bad_quote_column = 0;
  // Set by RecordScanner: the fields are split already, and the record is
  // known to be 7-bit ASCII without NUL bytes (so it needs no UTF-8 check).
  bool split_done = false;
  bool plain_ascii = false;
};

// Splits one record's text into fields. Fields that need unescaping are
// copied to `scratch`, which is cleared and reserved so that its views stay
// valid. Returns 0, or the 0-based offset in `text` of a character after a
// closing quote that makes the record bad. REQUIRES: the quotes in `text`
// are balanced (quote_state_after says so).
std::size_t split_record(std::string_view text, char delimiter,
                         std::vector<std::string_view>& fields, std::string& scratch);

// Quote state machine shared by the splitter, the scanner and the chunk
// boundaries, so that all three agree on where a record ends.
enum class QuoteState : std::uint8_t {
  FieldStart,  // at the start of a field (leading spaces allowed before a quote)
  Unquoted,    // inside an unquoted field
  Quoted,      // inside a quoted field
  QuoteSeen,   // just after a quote inside a quoted field: closing, unless doubled
  Closed,      // after a closing quote: only spaces until the delimiter
};

// The state after `text`, starting from `state`; a line end in any state but
// Quoted ends the record. `open_at` receives the offset of the quote that
// opened a field (the last one opened in `text`).
QuoteState quote_state_after(std::string_view text, char delimiter, QuoteState state,
                             std::size_t* open_at);

// Whole records read from a source, a chunk at a time.
struct Chunk {
  std::vector<char> bytes;       // records; capacity is reused
  std::size_t size = 0;          // bytes in use
  std::uint64_t first_line = 1;  // physical line of bytes[0] in its input
  bool last = false;             // the input ends with this chunk
  bool overlong = false;         // one record grows past kMaxRecordBytes
  std::string_view view() const { return {bytes.data(), size}; }
};

class ChunkReader {
 public:
  // Reads `source`, dropping a UTF-8 BOM at its start; chunks are about
  // `chunk_bytes` long.
  ChunkReader(std::unique_ptr<ByteSource> source, char delimiter,
              std::size_t chunk_bytes = std::size_t{4} << 20);
  ~ChunkReader();
  ChunkReader(const ChunkReader&) = delete;
  ChunkReader& operator=(const ChunkReader&) = delete;

  // The next chunk into `out`: it ends after a line end outside quotes, or
  // is the last one (which may end without a line end, or inside quotes), or
  // is `overlong`. False when nothing is left. Throws Error(kIoErr) when
  // reading fails.
  bool next(Chunk& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The records of one chunk, in order.
class RecordScanner {
 public:
  // `text` starts at a record boundary; its first physical line is `first_line`.
  RecordScanner(std::string_view text, std::uint64_t first_line, char delimiter);

  enum class Result { Record, End, Unterminated };
  // The next record's raw text, line and offset (fields are not split yet);
  // End after the last. Unterminated when the input ends inside a quoted
  // field: the record then holds the rest of the input, and
  // open_quote_column() the 1-based column of the opening quote when it is
  // on the record's first line (else 0).
  Result next(Record& out);
  // Splits `record` (from next) into fields, setting the bad-quote members.
  void split(Record& record);
  std::uint64_t open_quote_column() const { return open_column_; }
  // True when the last record's raw text or fields live in the scanner's
  // own buffers (doubled quotes, \r\n inside quotes), which the next record
  // reuses; otherwise they view the chunk.
  bool views_are_transient() const { return transient_; }
  // Bytes consumed so far, and the physical line the next record starts on.
  std::size_t position() const { return pos_ < text_.size() ? pos_ : text_.size(); }
  std::uint64_t line() const { return line_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::uint64_t line_;
  char delimiter_;
  std::uint64_t open_column_ = 0;
  bool transient_ = false;
  std::string normalized_;             // a multi-line record with \r\n inside
  std::vector<std::uint32_t> delims_;  // delimiter offsets in the current line
  std::size_t delim_count_ = 0;
  std::vector<std::uint32_t> quotes_;  // quote offsets in the current line
  std::size_t quote_count_ = 0;
  bool fast_ = false;    // the current record is one line without quotes: delims_ is valid
  std::string scratch_;  // unescaped fields
};

// Records of one input read in sequence: the header, a --previous table,
// tests. Throws like the loader: Error(kDataErr) for an input that ends inside
// a quoted field or a record past kMaxRecordBytes, Error(kIoErr) when
// reading fails.
class RecordReader {
 public:
  RecordReader(std::string display_name, std::unique_ptr<ByteSource> source, char delimiter);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // The next record, split into fields; false at the end of the input.
  bool next(Record& out);
  const std::string& display_name() const { return display_name_; }

 private:
  std::string display_name_;
  char delimiter_;
  ChunkReader chunks_;
  Chunk chunk_;
  std::unique_ptr<RecordScanner> scanner_;
  bool done_ = false;
};

}  // namespace abcgrade
