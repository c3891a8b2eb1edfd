// The fuzz targets' bodies (tests/fuzz/*_fuzz.cpp) as plain functions, so
// that tests/unit/fuzz_regressions_test.cpp replays every input that once
// crashed (tests/fuzz/regressions/) and the seed corpus on every ctest run.
// Each function returns normally or aborts (an invariant broken, or an
// exception that is not abcgrade::Error escaping).
#pragma once

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "abcgrade/byte_source.hpp"
#include "abcgrade/csv_records.hpp"
#include "abcgrade/csv_writer.hpp"
#include "abcgrade/date.hpp"
#include "abcgrade/error.hpp"
#include "abcgrade/json_writer.hpp"
#include "abcgrade/number_text.hpp"
#include "abcgrade/pipeline.hpp"

namespace abcgrade::fuzz {

namespace records_detail {

struct Read {
  std::vector<std::string> records;  // line, raw, fields joined
  std::string error;
};

inline Read read_all(const std::string& text, char delimiter, std::size_t chunk_bytes) {
  Read out;
  try {
    abcgrade::ChunkReader chunks(abcgrade::memory_source(text.data(), text.size()), delimiter,
                                 chunk_bytes);
    abcgrade::Chunk chunk;
    abcgrade::Record r;
    while (chunks.next(chunk)) {
      if (chunk.overlong) {
        out.error = "overlong";
        return out;
      }
      abcgrade::RecordScanner scanner(chunk.view(), chunk.first_line, delimiter);
      for (;;) {
        const auto result = scanner.next(r);
        if (result == abcgrade::RecordScanner::Result::End) break;
        if (result == abcgrade::RecordScanner::Result::Unterminated) {
          out.error = "unterminated at " + std::to_string(r.line);
          return out;
        }
        scanner.split(r);
        std::string rec = std::to_string(r.line) + "|" + std::string(r.raw) + "|" +
                          std::to_string(r.bad_quote_line) + ":" +
                          std::to_string(r.bad_quote_column);
        for (std::string_view f : r.fields) rec += "|" + std::string(f);
        out.records.push_back(std::move(rec));
      }
    }
  } catch (const abcgrade::Error& e) {
    out.error = e.what();
  }
  return out;
}

}  // namespace records_detail

// the RFC 4180 record reader. The same bytes read in one
// chunk and in 7-byte chunks must give the same records (a line break inside
// quotes must never cut a chunk wrongly), and nothing may crash or read out
// of bounds. Errors (an unterminated quote, ...) must be abcgrade::Error.
inline void records_case(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const char delimiters[] = {',', ';', '\t'};
  const char delimiter = delimiters[data[0] % 3];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const records_detail::Read whole =
      records_detail::read_all(text, delimiter, std::size_t{1} << 20);
  const records_detail::Read pieces = records_detail::read_all(text, delimiter, 7);
  if (whole.error.empty() && pieces.error.empty() && whole.records != pieces.records) std::abort();
  if (whole.error.empty() != pieces.error.empty()) std::abort();
  return;
}

// the number parser (SPEC 2 number forms) on any bytes.
// Nothing may crash, and a number that reads must print (8 digits) and read
// back to the same value.
inline void numbers_case(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const abcgrade::ParseResult<abcgrade::Decimal> n = abcgrade::parse_number(text);
  if (n.ok()) {
    const abcgrade::ParseResult<abcgrade::Decimal> back =
        abcgrade::parse_number(n.value.to_string(8));
    if (!back.ok() || back.value != n.value) std::abort();
    abcgrade::Decimal plain;
    if (abcgrade::parse_plain_number(text, &plain) && plain != n.value) std::abort();
  }
  return;
}

// the date parser (SPEC 2 date forms and --date-format
// patterns) on any bytes. Nothing may crash; a date that reads must be a
// real day that prints as ISO and reads back; the first line is also tried
// as a --date-format pattern for the rest, which may only fail as a usage
// error.
inline void dates_case(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const abcgrade::ParseResult<abcgrade::Date> d = abcgrade::parse_date(text);
  if (d.ok()) {
    const abcgrade::ParseResult<abcgrade::Date> back =
        abcgrade::parse_date(abcgrade::to_string(d.value));
    if (!back.ok() || back.value != d.value) std::abort();
  }
  const std::size_t nl = text.find('\n');
  if (nl != std::string::npos) {
    try {
      const abcgrade::DateFormat format(text.substr(0, nl));
      const abcgrade::ParseResult<abcgrade::Date> f = format.parse(text.substr(nl + 1));
      if (f.ok() && !abcgrade::parse_date(abcgrade::to_string(f.value)).ok()) std::abort();
    } catch (const abcgrade::Error& e) {
      if (e.code() != abcgrade::ExitCode::kUsage) std::abort();
    }
  }
  return;
}

namespace pipeline_detail {

class NullSink : public abcgrade::ByteSink {
 public:
  void write(std::string_view bytes) override { size += bytes.size(); }
  std::size_t size = 0;
};

class NullRejects : public abcgrade::RejectSink {
 public:
  void reject(const abcgrade::RejectedRow& row) override { size += row.raw.size(); }
  std::size_t size = 0;
};

}  // namespace pipeline_detail

// the whole classify pipeline on in-memory input, under
// both bad-row policies, with the table written as CSV, JSON and JSON Lines.
// abcgrade::Error is the expected outcome for bad input; any other exception,
// a crash or a sanitizer report is a finding. The first byte picks options.
inline void pipeline_case(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  static auto log =
      std::make_shared<spdlog::logger>("fuzz", std::make_shared<spdlog::sinks::null_sink_mt>());
  const std::uint8_t knobs = data[0];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<abcgrade::InputSpec> inputs = {{"-", "fuzz.csv", &text}};
  abcgrade::PipelineOptions options;
  options.load.on_bad_row = knobs & 1 ? abcgrade::BadRowPolicy::Skip : abcgrade::BadRowPolicy::Fail;
  options.load.threads = knobs & 2 ? 2 : 1;
  options.load.chunk_bytes = knobs & 4 ? 16 : std::size_t{1} << 20;
  if (knobs & 8) options.policy.window_days = 30;
  if (knobs & 16) options.policy.method = abcgrade::Method::Percentile;
  if (knobs & 32) options.policy.score_requested = true;
  if (knobs & 64) options.policy.group_by = "g";
  try {
    pipeline_detail::NullRejects rejects;
    const abcgrade::PipelineResult r =
        abcgrade::run_pipeline(inputs, options, &rejects, nullptr, *log);
    pipeline_detail::NullSink sink;
    abcgrade::write_table_csv(r.table, knobs & 128 ? abcgrade::Lang::Zh : abcgrade::Lang::En,
                              abcgrade::CsvStyle{(knobs & 128) != 0}, sink);
    abcgrade::write_table_json(r.table, r.summary,
                               abcgrade::JsonDocument{r.as_of, options.policy, r.thresholds}, sink);
    abcgrade::write_table_jsonl(r.table, sink);
    if (r.counts.read != r.counts.used + r.counts.outside + r.counts.rejected)
      std::abort();  // SPEC 2
  } catch (const abcgrade::Error&) {
    // the expected outcome for bad input
  }
  return;
}

}  // namespace abcgrade::fuzz
