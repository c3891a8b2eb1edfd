#include "abcgrade/csv_records.hpp"

#include <emmintrin.h>
#include <string.h>

#include <algorithm>
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

// Spaces that may stand around a quoted field; never the delimiter itself
// (with --delimiter tab, a tab separates fields).
bool is_blank(char c, char delimiter) { return (c == ' ' || c == '\t') && c != delimiter; }

// Adapts our ByteSource (which throws on read errors and fills the buffer
// unless at the end) to fccp's interface, through which chunks are read.
class SourceAdapter : public io::ByteSourceBase {
 public:
  explicit SourceAdapter(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}
  int read(char* buffer, int size) override {
    return static_cast<int>(source_->read(buffer, static_cast<std::size_t>(size)));
  }

 private:
  std::unique_ptr<ByteSource> source_;
};

const char* find(const char* p, const char* end, char c) {
  return static_cast<const char*>(std::memchr(p, c, static_cast<std::size_t>(end - p)));
}

const char* find_last(const char* p, const char* end, char c) {
  return static_cast<const char*>(::memrchr(p, c, static_cast<std::size_t>(end - p)));
}

// What one pass over a line finds: where it ends, whether it holds a quote,
// a byte >= 0x80 or a NUL, and where its delimiters are. SSE2 looks at 32
// bytes at a time for all five at once, so a plain line costs one pass
// instead of a memchr per field.
struct LineFacts {
  const char* end;  // the '\n', or the end of the text
  bool quote = false, high = false, nul = false;
};

LineFacts scan_line(const char* p, const char* end, char delimiter,
                    std::vector<std::uint32_t>& delims, std::size_t* delim_count,
                    std::vector<std::uint32_t>& quotes, std::size_t* quote_count) {
  std::size_t n = 0, nq = 0;
  LineFacts f{end};
  const char* q = p;
  const __m128i nl = _mm_set1_epi8('\n');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i delim = _mm_set1_epi8(delimiter);
  const __m128i zero = _mm_setzero_si128();
  unsigned any_quote = 0, any_high = 0, any_nul = 0;
  // Two blocks a step: a line of the usual 40-80 bytes ends after one to
  // three steps instead of three to five. The text's last 31 bytes go byte
  // by byte.
  auto mask32 = [](__m128i lo, __m128i hi, __m128i match) {
    return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(lo, match))) |
           static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(hi, match))) << 16;
  };
  for (; end - q >= 32; q += 32) {
    const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q + 16));
    const std::uint32_t m_nl = mask32(lo, hi, nl);
    const std::uint32_t limit = m_nl == 0 ? 0xFFFFFFFFu : (m_nl & (0u - m_nl)) - 1;
    std::uint32_t m_delim = mask32(lo, hi, delim) & limit;
    std::uint32_t m_quote = mask32(lo, hi, quote) & limit;
    any_quote |= m_quote;
    any_high |= (static_cast<std::uint32_t>(_mm_movemask_epi8(lo)) |
                 static_cast<std::uint32_t>(_mm_movemask_epi8(hi)) << 16) &
                limit;
    any_nul |= mask32(lo, hi, zero) & limit;
    if (m_delim != 0) {
      if (delims.size() < n + 32) delims.resize(n + 64);
      const std::uint32_t base = static_cast<std::uint32_t>(q - p);
      for (; m_delim != 0; m_delim &= m_delim - 1)
        delims[n++] = base + static_cast<std::uint32_t>(__builtin_ctz(m_delim));
    }
    if (m_quote != 0) {
      if (quotes.size() < nq + 32) quotes.resize(nq + 64);
      const std::uint32_t base = static_cast<std::uint32_t>(q - p);
      for (; m_quote != 0; m_quote &= m_quote - 1)
        quotes[nq++] = base + static_cast<std::uint32_t>(__builtin_ctz(m_quote));
    }
    if (m_nl != 0) {
      f.end = q + __builtin_ctz(m_nl);
      f.quote = any_quote != 0, f.high = any_high != 0, f.nul = any_nul != 0;
      *delim_count = n;
      *quote_count = nq;
      return f;
    }
  }
  for (; q < end && *q != '\n'; ++q) {
    const unsigned char c = static_cast<unsigned char>(*q);
    if (c == static_cast<unsigned char>(delimiter)) {
      if (delims.size() <= n) delims.resize(n + 64);
      delims[n++] = static_cast<std::uint32_t>(q - p);
    }
    if (c == '"') {
      if (quotes.size() <= nq) quotes.resize(nq + 64);
      quotes[nq++] = static_cast<std::uint32_t>(q - p);
    }
    any_quote |= c == '"';
    any_high |= c >= 0x80;
    any_nul |= c == 0;
  }
  f.end = q;
  f.quote = any_quote != 0, f.high = any_high != 0, f.nul = any_nul != 0;
  *delim_count = n;
  *quote_count = nq;
  return f;
}

// The fields of a one-line record in the simple quoted form that exports
// write (`C1,"Global Sports, Inc.",5`): every quote opens a field right at
// its start or closes it right before a delimiter or the end, so no quote is
// doubled, none stands inside an unquoted field and no blank surrounds one.
// `delims` and `quotes` are the line's delimiter and quote offsets, in
// order, from scan_line. False for any other form, which split_record
// handles; for this one it gives the same fields, without a pass per field.
bool split_simple_quoted(std::string_view line, const std::uint32_t* delims, std::size_t nd,
                         const std::uint32_t* quotes, std::size_t nq,
                         std::vector<std::string_view>& fields) {
  if (nq % 2 != 0) return false;
  const std::size_t size = line.size();
  fields.clear();
  std::size_t di = 0, qi = 0, start = 0;
  for (;;) {
    if (qi < nq && quotes[qi] == start) {
      const std::size_t close = quotes[qi + 1];
      const std::size_t after = close + 1;
      qi += 2;
      while (di < nd && delims[di] < after) ++di;  // those inside the quotes
      if (after != size && (di >= nd || delims[di] != after)) return false;
      fields.emplace_back(line.data() + start + 1, close - start - 1);
      if (after == size) return true;
      ++di;
      start = after + 1;
    } else {
      const std::size_t end = di < nd ? delims[di] : size;
      if (qi < nq && quotes[qi] < end) return false;  // a quote inside an unquoted field
      fields.emplace_back(line.data() + start, end - start);
      if (di >= nd) return true;  // the last field: any quote left would have been inside it
      ++di;
      start = end + 1;
    }
  }
}

// Counts line ends, 16 bytes at a time: compare results (0 or -1 per byte)
// are summed per byte lane and folded with SAD before a lane can overflow.
std::uint64_t count_lines(const char* p, const char* end) {
  std::uint64_t n = 0;
  const __m128i nl = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  while (end - p >= 16) {
    __m128i lanes = _mm_setzero_si128();
    for (int i = 0; i < 255 && end - p >= 16; ++i, p += 16) {
      lanes = _mm_sub_epi8(
          lanes, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), nl));
    }
    const __m128i sums = _mm_sad_epu8(lanes, zero);
    n += static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
         static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
  for (; p < end; ++p) n += *p == '\n';
  return n;
}

// True when every quote of the line [line, line_end) (line_end at its
// '\n'; the first quote at `quote`) opens a field right at its start, and
// the next quote after it closes that field: the way exports quote a name
// with a comma. Such a line ends outside quotes (what follows a closing
// quote up to the next delimiter holds no quote, so it opens nothing), which
// the boundary search then knows without walking the line field by field
// (two memchr calls an unquoted field).
// A quote anywhere else (doubled, after a blank, inside a field) returns
// false, and the line is walked.
bool simply_quoted(const char* line, const char* line_end, const char* quote, char delimiter) {
  while (quote != nullptr) {
    if (quote != line && quote[-1] != delimiter) return false;
    const char* close = find(quote + 1, line_end, '"');
    if (close == nullptr) return false;
    quote = find(close + 1, line_end, '"');
  }
  return true;
}

// The end of the last whole record in [begin, end), which starts at a record
// boundary: one past a line end outside quotes, or begin when there is none.
// Quote-free stretches are skipped with memchr; only lines that hold a quote
// (unless simply_quoted) or lie inside a quoted field go through the state
// machine.
const char* last_record_end(const char* begin, const char* end, char delimiter) {
  const char* boundary = begin;
  const char* p = begin;  // always at the start of a line
  QuoteState state = QuoteState::FieldStart;
  while (p < end) {
    const char* q = nullptr;  // outside quotes: the next quote, on the line at p
    if (state != QuoteState::Quoted) {
      q = find(p, end, '"');
      const char* nl = find_last(p, q == nullptr ? end : q, '\n');
      if (nl != nullptr) {
        boundary = nl + 1;
        p = nl + 1;
      }
      if (q == nullptr) break;
    }
    const char* line_end = find(p, end, '\n');
    if (line_end == nullptr) break;  // an incomplete line: not a boundary
    if (state != QuoteState::Quoted && simply_quoted(p, line_end, q, delimiter)) {
      state = QuoteState::FieldStart;
    } else {
      std::size_t unused;
      state =
          quote_state_after(std::string_view(p, static_cast<std::size_t>(line_end - p)), delimiter,
                            state == QuoteState::Quoted ? state : QuoteState::FieldStart, &unused);
    }
    if (state != QuoteState::Quoted) {
      boundary = line_end + 1;
      state = QuoteState::FieldStart;
    }
    p = line_end + 1;
  }
  return boundary;
}

}  // namespace

QuoteState quote_state_after(std::string_view text, char delimiter, QuoteState state,
                             std::size_t* open_at) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin; p < end; ++p) {
    const char c = *p;
    switch (state) {
      case QuoteState::FieldStart:
        if (c == '"') {
          state = QuoteState::Quoted;
          *open_at = static_cast<std::size_t>(p - begin);
        } else if (c == '\n') {
          state = QuoteState::FieldStart;
        } else if (c != delimiter && !is_blank(c, delimiter)) {
          state = QuoteState::Unquoted;
        }
        break;
      case QuoteState::Unquoted: {
        // Jump to the field's end: nothing inside an unquoted field matters.
        const char* d = find(p, end, delimiter);
        const char* nl = find(p, d == nullptr ? end : d, '\n');
        if (nl != nullptr) d = nl;
        if (d == nullptr) return QuoteState::Unquoted;
        p = d;
        state = QuoteState::FieldStart;
        break;
      }
      case QuoteState::Quoted: {
        // Jump to the next quote: everything before it is content.
        const char* q = find(p, end, '"');
        if (q == nullptr) return QuoteState::Quoted;
        p = q;
        state = QuoteState::QuoteSeen;
        break;
      }
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

struct ChunkReader::Impl {
  Impl(std::unique_ptr<ByteSource> source, char delim, std::size_t block)
      : adapter(std::move(source)), delimiter(delim), block_bytes(block) {}

  // Reads up to `n` more bytes into `c` after its `size`; the count read.
  std::size_t fill(Chunk& c, std::size_t n) {
    if (c.bytes.size() < c.size + n) c.bytes.resize(c.size + n);
    std::size_t got = 0;
    while (got < n && !eof) {
      const int want = static_cast<int>(std::min<std::size_t>(n - got, std::size_t{1} << 30));
      const int r = adapter.read(c.bytes.data() + c.size + got, want);
      if (r < want) eof = true;  // our sources fill the buffer unless at the end
      got += static_cast<std::size_t>(r);
    }
    c.size += got;
    return got;
  }

  SourceAdapter adapter;
  char delimiter;
  std::size_t block_bytes;
  std::vector<char> carry;  // the start of a record that the last chunk cut
  std::uint64_t line = 1;   // the physical line of carry's first byte
  bool eof = false;
  bool started = false;
};

ChunkReader::ChunkReader(std::unique_ptr<ByteSource> source, char delimiter,
                         std::size_t chunk_bytes)
    : impl_(std::make_unique<Impl>(std::move(source), delimiter, chunk_bytes)) {}

ChunkReader::~ChunkReader() = default;

bool ChunkReader::next(Chunk& out) {
  Impl& r = *impl_;
  out.size = 0;
  out.first_line = r.line;
  out.last = out.overlong = false;
  if (out.bytes.size() < r.carry.size() + r.block_bytes)
    out.bytes.resize(r.carry.size() + r.block_bytes);
  if (!r.carry.empty()) std::memcpy(out.bytes.data(), r.carry.data(), r.carry.size());
  out.size = r.carry.size();
  r.carry.clear();
  for (;;) {
    r.fill(out, r.block_bytes);
    if (!r.started) {
      r.started = true;
      if (out.size >= 3 && std::memcmp(out.bytes.data(), "\xEF\xBB\xBF", 3) == 0) {
        std::memmove(out.bytes.data(), out.bytes.data() + 3, out.size - 3);  // SPEC 2: optional BOM
        out.size -= 3;
      }
    }
    if (r.eof) {
      out.last = true;
      break;
    }
    const char* begin = out.bytes.data();
    const char* end = last_record_end(begin, begin + out.size, r.delimiter);
    if (end != begin) {
      const std::size_t keep = static_cast<std::size_t>(end - begin);
      r.carry.assign(out.bytes.begin() + static_cast<std::ptrdiff_t>(keep),
                     out.bytes.begin() + static_cast<std::ptrdiff_t>(out.size));
      out.size = keep;
      break;
    }
    if (out.size > kMaxRecordBytes) {  // no boundary yet: read more, up to the limit
      out.overlong = true;             // the consumer reports it at out.first_line
      r.eof = true;
      break;
    }
  }
  // Lines of the next chunk start after this one's.
  r.line += count_lines(out.bytes.data(), out.bytes.data() + out.size);
  return out.size > 0 || !r.carry.empty();
}

RecordScanner::RecordScanner(std::string_view text, std::uint64_t first_line, char delimiter)
    : text_(text), line_(first_line), delimiter_(delimiter) {}

RecordScanner::Result RecordScanner::next(Record& out) {
  const char* const base = text_.data();
  const char* const end = base + text_.size();
  for (;;) {
    if (pos_ >= text_.size()) return Result::End;
    const char* p = base + pos_;
    const LineFacts facts =
        scan_line(p, end, delimiter_, delims_, &delim_count_, quotes_, &quote_count_);
    const char* line_end = facts.end;
    const char* content_end = line_end > p && line_end[-1] == '\r' ? line_end - 1 : line_end;
    if (content_end == p) {  // a blank line is not a record
      pos_ = static_cast<std::size_t>(line_end - base) + 1;
      ++line_;
      continue;
    }
    out.line = line_;
    out.offset = pos_;
    transient_ = false;
    out.bad_quote_line = out.bad_quote_column = 0;
    out.split_done = out.plain_ascii = false;  // fields are set by split()
    fast_ = false;
    std::string_view line(p, static_cast<std::size_t>(content_end - p));
    if (!facts.quote) {
      // The common case: the delimiters the scan found end the fields, which
      // split() (or field()) reads without another pass.
      out.raw = line;
      fast_ = true;
      out.plain_ascii = !facts.high && !facts.nul;
      pos_ = static_cast<std::size_t>(line_end - base) + 1;
      ++line_;
      return Result::Record;
    }
    if (split_simple_quoted(line, delims_.data(), delim_count_, quotes_.data(), quote_count_,
                            out.fields)) {
      // Quoted the way exports quote (a delimiter inside a name): split
      // here from the scan's offsets, as split() does for a line without
      // quotes, instead of the quote-aware passes below.
      out.raw = line;
      out.split_done = true;
      out.plain_ascii = !facts.high && !facts.nul;
      pos_ = static_cast<std::size_t>(line_end - base) + 1;
      ++line_;
      return Result::Record;
    }
    std::size_t open_at = 0;
    if (quote_state_after(line, delimiter_, QuoteState::FieldStart, &open_at) !=
        QuoteState::Quoted) {
      out.raw = line;
      pos_ = static_cast<std::size_t>(line_end - base) + 1;
      ++line_;
      return Result::Record;
    }
    // SPEC 2: a quoted field may hold line breaks; the record goes on until
    // the quote closes.
    open_column_ = open_at + 1;
    std::uint64_t lines = 1;
    QuoteState state = QuoteState::Quoted;
    bool has_cr = content_end != line_end;
    const char* q = line_end;
    while (state == QuoteState::Quoted && q < end) {
      const char* start = q + 1;
      const char* next_nl = find(start, end, '\n');
      const char* next_end = next_nl == nullptr ? end : next_nl;
      const char* next_content = next_end > start && next_end[-1] == '\r' ? next_end - 1 : next_end;
      has_cr = has_cr || next_content != next_end;
      std::size_t opened = std::string::npos;
      state =
          quote_state_after(std::string_view(start, static_cast<std::size_t>(next_content - start)),
                            delimiter_, state, &opened);
      if (opened != std::string::npos) open_column_ = 0;  // a later field opened on a later line
      ++lines;
      q = next_end;
      content_end = next_content;
    }
    out.raw = std::string_view(p, static_cast<std::size_t>(content_end - p));
    if (has_cr) {
      // \r\n inside the record becomes \n, as the line ends it replaces.
      normalized_.clear();
      for (const char* c = p; c < content_end; ++c) {
        if (*c == '\r' && c + 1 < content_end && c[1] == '\n') continue;
        normalized_ += *c;
      }
      out.raw = normalized_;
      transient_ = true;
    }
    pos_ = static_cast<std::size_t>(q - base) + 1;
    line_ += lines;
    if (state == QuoteState::Quoted) {
      // Only the last chunk can end inside quotes: the chunk reader never cuts there.
      pos_ = text_.size();
      return Result::Unterminated;
    }
    return Result::Record;
  }
}

void RecordScanner::split(Record& record) {
  if (record.split_done) return;
  record.split_done = true;
  if (fast_) {
    // Rows have the same field count: the size rarely changes, so resize
    // rarely initialises anything.
    if (record.fields.size() != delim_count_ + 1) record.fields.resize(delim_count_ + 1);
    std::string_view* f = record.fields.data();
    const char* const base = record.raw.data();
    std::uint32_t start = 0;
    for (std::size_t i = 0; i < delim_count_; ++i) {
      f[i] = std::string_view(base + start, delims_[i] - start);
      start = delims_[i] + 1;
    }
    f[delim_count_] = std::string_view(base + start, record.raw.size() - start);
    return;
  }
  scratch_.clear();
  const std::size_t bad = split_record(record.raw, delimiter_, record.fields, scratch_);
  transient_ = transient_ || !scratch_.empty();
  if (bad == 0) return;
  // Line and column of the offending character within its physical line.
  const std::string_view text = record.raw;
  std::uint64_t line = record.line;
  for (std::size_t i = 0; i < bad; ++i) line += text[i] == '\n';
  const std::size_t line_start = text.rfind('\n', bad);
  record.bad_quote_line = line;
  record.bad_quote_column = bad - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
}

RecordReader::RecordReader(std::string display_name, std::unique_ptr<ByteSource> source,
                           char delimiter)
    : display_name_(std::move(display_name)),
      delimiter_(delimiter),
      chunks_(std::move(source), delimiter) {}

RecordReader::~RecordReader() = default;

bool RecordReader::next(Record& out) {
  for (;;) {
    if (!scanner_) {
      if (done_ || !chunks_.next(chunk_)) {
        done_ = true;
        return false;
      }
      if (chunk_.overlong) {
        throw Error(ExitCode::kDataErr, Location{display_name_, chunk_.first_line, 0, {}},
                    "a record longer than 64 MiB (is a quote not closed?)");
      }
      scanner_ = std::make_unique<RecordScanner>(chunk_.view(), chunk_.first_line, delimiter_);
    }
    const RecordScanner::Result r = scanner_->next(out);
    if (r == RecordScanner::Result::End) {
      done_ = chunk_.last;
      scanner_.reset();
      continue;
    }
    if (r == RecordScanner::Result::Unterminated) {
      throw Error(ExitCode::kDataErr,
                  Location{display_name_, out.line, scanner_->open_quote_column(), {}},
                  "unterminated quoted field (the input ends inside it)");
    }
    scanner_->split(out);
    return true;
  }
}

}  // namespace abcgrade
