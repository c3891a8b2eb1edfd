// One data row -> a Transaction, or the reason it is a bad row (SPEC 2):
// field count, quoting, UTF-8 (with the GB18030 hint), NUL bytes, the
// customer id, numbers, dates and whole frequencies. Private to the loader;
// it decides nothing about fail or skip. A good row costs no allocation.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/aggregate.hpp"
#include "abcgrade/csv_records.hpp"
#include "abcgrade/error.hpp"
#include "abcgrade/header_map.hpp"
#include "abcgrade/loader.hpp"

namespace abcgrade {

// Why a row is bad, and where: file, line, column (header) and, for broken
// quoting, the byte column.
struct BadRow {
  Location where;
  std::string reason;
};

// Why `text`, which is not valid UTF-8, is bad (SPEC 2): the --encoding
// given did not have its bytes, or the hint to try --encoding gb18030 when
// the bytes read as GB18030. Shared by data rows and the header.
std::string invalid_bytes_reason(std::string_view text, const std::string& encoding);

class RowParser {
 public:
  // `columns` and `options` must outlive the parser.
  RowParser(const ColumnMap& columns, const LoadOptions& options)
      : m_(columns), options_(options) {}

  // Fills `tx` (views into `record`, its kept values in `kept`, which must
  // hold one view per --keep column) and returns true, or fills `bad` and
  // returns false. REQUIRES: record.fields split.
  bool parse(const Record& record, const std::string& file, Transaction& tx,
             std::span<std::string_view> kept, BadRow& bad);

 private:
  bool reject(const Record& record, const std::string& file, int column, std::string reason,
              BadRow& bad);
  bool number(const Record& record, const std::string& file, Role role, Decimal* out, BadRow& bad);
  bool date(const Record& record, const std::string& file, std::string_view text, Date* out,
            BadRow& bad);

  const ColumnMap& m_;
  const LoadOptions& options_;
  // The last date read, by its text (a cache: dates repeat row after row);
  // size 0 = none.
  char last_date_text_[32];
  std::size_t last_date_size_ = 0;
  Date last_date_;
};

}  // namespace abcgrade
