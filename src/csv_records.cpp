#include "abcgrade/csv_records.hpp"

#include <cstring>

#include "abcgrade/error.hpp"

// fast-cpp-csv-parser warns about its own strncpy under -O2; see LIBRARIES.md.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#define CSV_IO_NO_THREAD 1
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

namespace abcgrade {
namespace {

// A record may span lines while a quote is open; past this size it is far
// more likely an unterminated quote than data, and memory must stay bounded.
constexpr std::size_t kMaxRecordBytes = std::size_t{64} << 20;

// Spaces that may stand around a quoted field; never the delimiter itself
// (with --delimiter tab, a tab separates fields).
bool is_blank(char c, char delimiter) { return (c == ' ' || c == '\t') && c != delimiter; }

// Adapts our ByteSource (which throws on read errors) to fccp's interface.
class SourceAdapter : public io::ByteSourceBase {
 public:
  explicit SourceAdapter(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}
  int read(char* buffer, int size) override {
    return static_cast<int>(source_->read(buffer, static_cast<std::size_t>(size)));
  }

 private:
  std::unique_ptr<ByteSource> source_;
};

}  // namespace

QuoteState quote_state_after(std::string_view text, char delimiter, QuoteState state,
                             std::size_t* open_at) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (state) {
      case QuoteState::FieldStart:
        if (c == '"') {
          state = QuoteState::Quoted;
          *open_at = i;
        } else if (c == '\n') {
          state = QuoteState::FieldStart;
        } else if (c != delimiter && !is_blank(c, delimiter)) {
          state = QuoteState::Unquoted;
        }
        break;
      case QuoteState::Unquoted:
        if (c == delimiter || c == '\n') state = QuoteState::FieldStart;
        break;
      case QuoteState::Quoted:
        if (c == '"') state = QuoteState::QuoteSeen;
        break;
      case QuoteState::QuoteSeen:
        if (c == '"')
          state = QuoteState::Quoted;
        else if (c == delimiter || c == '\n')
          state = QuoteState::FieldStart;
        else
          state = QuoteState::Closed;  // spaces, or a bad character the splitter reports
        break;
      case QuoteState::Closed:
        if (c == delimiter || c == '\n') state = QuoteState::FieldStart;
        break;
    }
  }
  return state;
}

std::size_t split_record(std::string_view text, char delimiter,
                         std::vector<std::string_view>& fields, std::string& scratch) {
  fields.clear();
  const char* p = text.data();
  const char* const end = p + text.size();
  if (std::memchr(p, '"', text.size()) == nullptr) {
    // Fast path: no quote anywhere, so every delimiter separates fields.
    for (;;) {
      const char* d =
          static_cast<const char*>(std::memchr(p, delimiter, static_cast<std::size_t>(end - p)));
      if (d == nullptr) {
        fields.emplace_back(p, static_cast<std::size_t>(end - p));
        return 0;
      }
      fields.emplace_back(p, static_cast<std::size_t>(d - p));
      p = d + 1;
    }
  }
  scratch.clear();
  scratch.reserve(text.size());
  for (;;) {
    // At the start of a field: spaces may come before an opening quote.
    const char* q = p;
    while (q < end && is_blank(*q, delimiter)) ++q;
    if (q < end && *q == '"') {
      const char* content = ++q;
      bool escaped = false;
      for (;;) {
        q = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)));
        if (q == nullptr) return text.size();  // unbalanced: callers check balance first
        if (q + 1 < end && q[1] == '"') {
          escaped = true;
          q += 2;
          continue;
        }
        break;
      }
      if (!escaped) {
        fields.emplace_back(content, static_cast<std::size_t>(q - content));
      } else {
        const std::size_t start = scratch.size();
        for (const char* c = content; c < q; ++c) {
          scratch += *c;
          if (*c == '"') ++c;  // the second quote of a doubled pair
        }
        fields.emplace_back(scratch.data() + start, scratch.size() - start);
      }
      ++q;  // past the closing quote
      while (q < end && is_blank(*q, delimiter)) ++q;
      if (q == end) return 0;
      if (*q != delimiter) return static_cast<std::size_t>(q - text.data());
      p = q + 1;
      continue;
    }
    const char* d =
        static_cast<const char*>(std::memchr(p, delimiter, static_cast<std::size_t>(end - p)));
    if (d == nullptr) {
      fields.emplace_back(p, static_cast<std::size_t>(end - p));
      return 0;
    }
    fields.emplace_back(p, static_cast<std::size_t>(d - p));
    p = d + 1;
  }
}

struct RecordReader::Impl {
  Impl(const std::string& name, std::unique_ptr<ByteSource> source, char delim)
      : lines(name, std::make_unique<SourceAdapter>(std::move(source))), delimiter(delim) {}

  io::LineReader lines;
  char delimiter;
  std::string joined;   // a record that spans lines
  std::string scratch;  // unescaped fields
};

RecordReader::RecordReader(std::string display_name, std::unique_ptr<ByteSource> source,
                           char delimiter)
    : display_name_(std::move(display_name)) {
  try {
    impl_ = std::make_unique<Impl>(display_name_, std::move(source), delimiter);
  } catch (const io::error::base& e) {
    throw Error(ExitCode::kIoErr, display_name_ + ": " + e.what());
  }
}

RecordReader::~RecordReader() = default;

bool RecordReader::next(Record& out) {
  char* line = nullptr;
  try {
    do {
      line = impl_->lines.next_line();
      if (line == nullptr) return false;
    } while (line[0] == '\0');  // blank lines are not records
  } catch (const io::error::line_length_limit_exceeded&) {
    throw Error(ExitCode::kDataErr,
                Location{display_name_, impl_->lines.get_file_line() + 0u, 0, {}},
                "line longer than 16 MiB");
  }
  out.line = impl_->lines.get_file_line();
  out.bad_quote_column = 0;
  out.bad_quote_line = 0;
  std::string_view text(line, std::strlen(line));

  std::size_t open_at = std::string::npos;
  if (std::memchr(text.data(), '"', text.size()) != nullptr &&
      quote_state_after(text, impl_->delimiter, QuoteState::FieldStart, &open_at) ==
          QuoteState::Quoted) {
    // SPEC 2: a quoted field may hold line breaks; join lines until it closes.
    std::string& joined = impl_->joined;
    joined.assign(text);
    QuoteState state = QuoteState::Quoted;
    while (state == QuoteState::Quoted) {
      char* more = nullptr;
      try {
        more = impl_->lines.next_line();
      } catch (const io::error::line_length_limit_exceeded&) {
        throw Error(ExitCode::kDataErr,
                    Location{display_name_, impl_->lines.get_file_line() + 0u, 0, {}},
                    "line longer than 16 MiB");
      }
      const bool quote_on_first_line =
          joined.find('\n') == std::string::npos || open_at < joined.find('\n');
      if (more == nullptr || joined.size() > kMaxRecordBytes) {
        Location where{display_name_, out.line, quote_on_first_line ? open_at + 1 : 0, {}};
        throw Error(ExitCode::kDataErr, where,
                    more == nullptr ? "unterminated quoted field (the input ends inside it)"
                                    : "unterminated quoted field (the record grows past 64 MiB)");
      }
      const std::size_t base = joined.size() + 1;
      joined += '\n';
      const std::string_view piece(more, std::strlen(more));
      joined += piece;
      std::size_t opened = std::string::npos;
      state = quote_state_after(piece, impl_->delimiter, QuoteState::Quoted, &opened);
      if (opened != std::string::npos) open_at = base + opened;
    }
    text = joined;
  }
  out.raw = text;
  const std::size_t bad = split_record(text, impl_->delimiter, out.fields, impl_->scratch);
  if (bad != 0) {
    // Column within the physical line that holds the offending character.
    const std::size_t line_start = text.rfind('\n', bad);
    std::uint64_t line_no = out.line;
    for (std::size_t i = 0; i < bad; ++i) line_no += text[i] == '\n';
    out.bad_quote_line = line_no;
    out.bad_quote_column = bad - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  }
  return true;
}

}  // namespace abcgrade
