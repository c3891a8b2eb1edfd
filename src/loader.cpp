#include "abcgrade/loader.hpp"

#include <cstdint>

#include "abcgrade/error.hpp"
#include "abcgrade/number_text.hpp"
#include "abcgrade/text.hpp"

namespace abcgrade {

Loader::Loader(const LoadOptions& options, RejectSink* rejects)
    : options_(options), rejects_(rejects) {}

const ColumnMap& Loader::read_header(RecordReader& reader) {
  const std::string& file = reader.display_name();
  if (!reader.next(record_)) {
    throw Error(ExitCode::kDataErr, file + ": no header row (the input is empty)");
  }
  if (record_.bad_quote_column != 0) {
    throw Error(ExitCode::kDataErr,
                Location{file, record_.bad_quote_line, record_.bad_quote_column, {}},
                "header: text after a closing quote");
  }
  current_ = map_columns(record_.fields, options_.columns, file);
  if (!have_first_) {
    first_ = current_;
    have_first_ = true;
  } else {
    // SPEC 1: several inputs are one data set; they must agree on the roles.
    for (std::size_t r = 0; r < kRoleCount; ++r) {
      const Role role = static_cast<Role>(r);
      if (first_.has(role) != current_.has(role)) {
        throw Error(ExitCode::kDataErr, Location{file, 1, 0, {}},
                    std::string(current_.has(role) ? "has" : "has no") + " " +
                        std::string(name_of(role)) + " column, unlike the first input");
      }
    }
  }
  kept_.resize(current_.keep.size());
  return current_;
}

void Loader::fail_row(const Record& record, const std::string& file, const Location& where,
                      std::string_view reason) {
  if (options_.on_bad_row == BadRowPolicy::Fail) throw Error(ExitCode::kDataErr, where, reason);
  ++counts_.rejected;
  if (rejects_ != nullptr) {
    reason_ = to_prefix(Location{{}, 0, 0, where.field}) + std::string(reason);
    rejects_->reject(RejectedRow{file, record.line, reason_, record.raw});
  }
}

void Loader::read_rows(RecordReader& reader, TransactionSink& sink) {
  const std::string& file = reader.display_name();
  while (reader.next(record_)) {
    if ((++counts_.read & 4095) == 0 && progress_ != nullptr) {
      progress_->rows_read.store(counts_.read, std::memory_order_relaxed);
    }
    process(record_, file, sink);
  }
  if (progress_ != nullptr) progress_->rows_read.store(counts_.read, std::memory_order_relaxed);
}

void Loader::process(const Record& rec, const std::string& file, TransactionSink& sink) {
  const ColumnMap& m = current_;
  auto where = [&](int column) {
    return Location{file, rec.line, 0,
                    column < 0 ? std::string() : m.headers[static_cast<std::size_t>(column)]};
  };
  if (rec.bad_quote_column != 0) {
    const int column = static_cast<int>(rec.fields.size()) - 1;  // the field the quote closed
    Location at{file, rec.bad_quote_line, rec.bad_quote_column,
                column >= 0 && column < static_cast<int>(m.headers.size())
                    ? m.headers[static_cast<std::size_t>(column)]
                    : ""};
    return fail_row(rec, file, at, "text after a closing quote");
  }
  if (rec.fields.size() != m.field_count) {
    reason_ = "expected " + std::to_string(m.field_count) + " fields, found " +
              std::to_string(rec.fields.size());
    const std::string reason = reason_;
    return fail_row(rec, file, where(-1), reason);
  }
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    // SPEC 2: bytes that are not valid in the input encoding make a bad row.
    if (!is_valid_utf8(rec.fields[i])) {
      // SPEC 2: suggest --encoding gb18030 when the bytes read as GB18030.
      return fail_row(
          rec, file, where(static_cast<int>(i)),
          reads_as_gb18030(rec.fields[i])
              ? "bytes that are not valid UTF-8 but read as GB18030 (try --encoding gb18030)"
              : "bytes that are not valid UTF-8 (if the file is in another encoding, "
                "say which with --encoding)");
    }
  }

  Transaction tx;
  auto field = [&](Role r) { return trim(rec.fields[static_cast<std::size_t>(m.at(r))]); };
  tx.customer_id = field(Role::CustomerId);
  if (tx.customer_id.empty())
    return fail_row(rec, file, where(m.at(Role::CustomerId)), "empty customer id");

  // A number column: the parsed value, or a rejected row (returns false).
  auto number = [&](Role r, Decimal* out) {
    const std::string_view text = rec.fields[static_cast<std::size_t>(m.at(r))];
    const ParseResult<Decimal> n = parse_number(text);
    if (n.ok()) {
      *out = n.value;
      return true;
    }
    std::string reason = "cannot read " + quote_for_message(trim(text)) + " as a number";
    if (n.failure != kNotANumber) reason += ": " + std::string(n.failure);
    fail_row(rec, file, where(m.at(r)), reason);
    return false;
  };

  if (m.has(Role::Amount)) {
    if (!number(Role::Amount, &tx.amount)) return;
  } else {
    Decimal quantity, price;
    if (!number(Role::Quantity, &quantity) || !number(Role::UnitPrice, &price)) return;
    bool inexact = false;
    if (!checked_mul(quantity, price, &tx.amount, &inexact)) {
      return fail_row(rec, file, where(m.at(Role::UnitPrice)),
                      inexact ? "quantity x unit_price has more than 8 decimal places"
                              : "quantity x unit_price is too large (the limit is 10^22)");
    }
  }
  if (m.has(Role::Profit) && !number(Role::Profit, &tx.profit)) return;
  if (m.has(Role::Clv) && !number(Role::Clv, &tx.clv)) return;
  if (m.has(Role::Frequency)) {
    Decimal f;
    if (!number(Role::Frequency, &f)) return;
    // SPEC 4: frequency is a whole number; a cell that is not is a bad row.
    if (!f.is_whole()) {
      return fail_row(
          rec, file, where(m.at(Role::Frequency)),
          quote_for_message(trim(rec.fields[static_cast<std::size_t>(m.at(Role::Frequency))])) +
              " is not a whole number of orders");
    }
    // A count must fit in 64 bits (SPEC 4 prints it as an integer).
    constexpr Int128 kMaxCount = static_cast<Int128>(INT64_MAX / 2) * Decimal::kOne;
    if (f.units() > kMaxCount || f.units() < -kMaxCount) {
      return fail_row(
          rec, file, where(m.at(Role::Frequency)),
          "cannot read " +
              quote_for_message(trim(rec.fields[static_cast<std::size_t>(m.at(Role::Frequency))])) +
              " as a number: too large for a count");
    }
    tx.frequency = f.whole_value();
  }
  if (m.has(Role::Date)) {
    const std::string_view text = field(Role::Date);
    const ParseResult<Date> d =
        parse_date(text, options_.date_format ? &*options_.date_format : nullptr);
    if (!d.ok()) {
      std::string reason = text.empty() ? std::string("empty date")
                                        : "cannot read " + quote_for_message(text) + " as a date";
      if (d.failure == kNoSuchDay)
        reason += ": " + std::string(kNoSuchDay);
      else if (!text.empty() && !options_.date_format)
        reason += " (use --date-format for other forms)";
      else if (!text.empty())
        reason += " with --date-format \"" + options_.date_format->pattern() + "\"";
      return fail_row(rec, file, where(m.at(Role::Date)), reason);
    }
    tx.date = d.value;
  }
  if (m.has(Role::CustomerName)) tx.customer_name = field(Role::CustomerName);
  if (m.has(Role::OrderId)) tx.order_id = field(Role::OrderId);
  if (m.group != ColumnMap::kAbsent) tx.group = trim(rec.fields[static_cast<std::size_t>(m.group)]);
  for (std::size_t k = 0; k < m.keep.size(); ++k) {
    kept_[k] = trim(rec.fields[static_cast<std::size_t>(m.keep[k])]);
  }
  tx.kept = kept_;

  try {
    if (sink.add(tx) == RowUse::Used)
      ++counts_.used;
    else
      ++counts_.outside;
  } catch (const Error& e) {
    // A total that overflows is fatal whatever the bad-row policy: name the row.
    throw Error(e.code(), Location{file, rec.line, 0, {}}, e.what());
  }
}

}  // namespace abcgrade
