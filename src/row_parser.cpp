#include "row_parser.hpp"

#include <cstdint>
#include <cstring>

#include "abcgrade/number_text.hpp"
#include "abcgrade/text.hpp"

namespace abcgrade {

std::string invalid_bytes_reason(std::string_view text, const std::string& encoding) {
  // A converting source marks bytes that its encoding does not have.
  if (encoding != "utf-8")
    return "bytes that are not valid " + encoding + " (the --encoding given)";
  return reads_as_gb18030(text)
             ? "bytes that are not valid UTF-8 but read as GB18030 (try --encoding gb18030)"
             : "bytes that are not valid UTF-8 (if the file is in another encoding, "
               "say which with --encoding)";
}

bool RowParser::reject(const Record& rec, const std::string& file, int column, std::string reason,
                       BadRow& bad) {
  bad.where = Location{file, rec.line, 0,
                       column < 0 ? std::string() : m_.headers[static_cast<std::size_t>(column)]};
  bad.reason = std::move(reason);
  return false;
}

bool RowParser::number(const Record& rec, const std::string& file, Role role, Decimal* out,
                       BadRow& bad) {
  const std::string_view text = rec.fields[static_cast<std::size_t>(m_.at(role))];
  if (parse_plain_number(text, out)) return true;
  const ParseResult<Decimal> n = parse_number(text);
  if (n.ok()) {
    *out = n.value;
    return true;
  }
  std::string reason = "cannot read " + quote_for_message(trim(text)) + " as a number";
  if (n.failure != kNotANumber) reason += ": " + std::string(n.failure);
  return reject(rec, file, m_.at(role), std::move(reason), bad);
}

bool RowParser::date(const Record& rec, const std::string& file, std::string_view text, Date* out,
                     BadRow& bad) {
  // Exports come sorted by date, so a row's date is nearly always the
  // previous row's: compare the text instead of parsing it again.
  if (last_date_size_ != 0 && same_text(text, std::string_view(last_date_text_, last_date_size_))) {
    *out = last_date_;
    return true;
  }
  const DateFormat* format = options_.date_format ? &*options_.date_format : nullptr;
  const ParseResult<Date> d = parse_date(text, format);
  if (!d.ok()) {
    std::string reason = text.empty() ? std::string("empty date")
                                      : "cannot read " + quote_for_message(text) + " as a date";
    if (d.failure == kNoSuchDay)
      reason += ": " + std::string(kNoSuchDay);
    else if (!text.empty() && format == nullptr)
      reason += " (use --date-format for other forms)";
    else if (!text.empty())
      reason += " with --date-format \"" + format->pattern() + "\"";
    return reject(rec, file, m_.at(Role::Date), std::move(reason), bad);
  }
  *out = d.value;
  last_date_size_ = text.size() <= sizeof last_date_text_ ? text.size() : 0;
  std::memcpy(last_date_text_, text.data(), last_date_size_);
  last_date_ = d.value;
  return true;
}

bool RowParser::parse(const Record& rec, const std::string& file, Transaction& tx,
                      std::span<std::string_view> kept, BadRow& bad) {
  if (rec.bad_quote_column != 0) {
    const int column = static_cast<int>(rec.fields.size()) - 1;  // the field the quote closed
    bad.where = Location{file, rec.bad_quote_line, rec.bad_quote_column,
                         column >= 0 && column < static_cast<int>(m_.headers.size())
                             ? m_.headers[static_cast<std::size_t>(column)]
                             : ""};
    bad.reason = "text after a closing quote";
    return false;
  }
  if (rec.fields.size() != m_.field_count) {
    return reject(rec, file, -1,
                  "expected " + std::to_string(m_.field_count) + " fields, found " +
                      std::to_string(rec.fields.size()),
                  bad);
  }
  // SPEC 2: bytes that are not valid in the input encoding make a bad row,
  // and the message suggests --encoding gb18030 when they read as GB18030.
  // The whole record is checked at once; only a bad one is searched field
  // by field (quotes and delimiters are ASCII).
  if (!rec.plain_ascii &&
      (!is_valid_utf8(rec.raw) || std::memchr(rec.raw.data(), '\0', rec.raw.size()) != nullptr)) {
    for (std::size_t i = 0; i < rec.fields.size(); ++i) {
      const std::string_view f = rec.fields[i];
      if (!is_valid_utf8(f)) {
        return reject(rec, file, static_cast<int>(i), invalid_bytes_reason(f, options_.encoding),
                      bad);
      }
      if (std::memchr(f.data(), '\0', f.size()) != nullptr) {
        return reject(rec, file, static_cast<int>(i), "a NUL byte (is the file UTF-16?)", bad);
      }
    }
  }

  auto field = [&](Role r) { return trim(rec.fields[static_cast<std::size_t>(m_.at(r))]); };
  // Every member of `tx` is set below, each once: zeroing the whole struct
  // first (`tx = Transaction{}`, a `rep stos` of 160 bytes) was a third of
  // this function's time in the profile.
  tx.profit = Decimal();
  tx.clv = Decimal();
  tx.frequency = 0;
  tx.date = Date{};
  tx.id_hash = 0;
  tx.rows = 1;
  tx.customer_id = field(Role::CustomerId);
  if (tx.customer_id.empty())
    return reject(rec, file, m_.at(Role::CustomerId), "empty customer id", bad);

  if (m_.has(Role::Amount)) {
    if (!number(rec, file, Role::Amount, &tx.amount, bad)) return false;
  } else {
    Decimal quantity, price;
    if (!number(rec, file, Role::Quantity, &quantity, bad) ||
        !number(rec, file, Role::UnitPrice, &price, bad)) {
      return false;
    }
    bool inexact = false;
    if (!checked_mul(quantity, price, &tx.amount, &inexact)) {
      return reject(rec, file, m_.at(Role::UnitPrice),
                    inexact ? "quantity x unit_price has more than 8 decimal places"
                            : "quantity x unit_price is too large (the limit is 10^22)",
                    bad);
    }
  }
  if (m_.has(Role::Profit) && !number(rec, file, Role::Profit, &tx.profit, bad)) return false;
  if (m_.has(Role::Clv) && !number(rec, file, Role::Clv, &tx.clv, bad)) return false;
  if (m_.has(Role::Frequency)) {
    Decimal f;
    if (!number(rec, file, Role::Frequency, &f, bad)) return false;
    const std::string_view text = field(Role::Frequency);
    // SPEC 4: frequency is a whole number; a cell that is not is a bad row.
    if (!f.is_whole()) {
      return reject(rec, file, m_.at(Role::Frequency),
                    quote_for_message(text) + " is not a whole number of orders", bad);
    }
    // A count must fit in 64 bits (SPEC 4 prints it as an integer).
    constexpr Int128 kMaxCount = static_cast<Int128>(INT64_MAX / 2) * Decimal::kOne;
    if (f.units() > kMaxCount || f.units() < -kMaxCount) {
      return reject(
          rec, file, m_.at(Role::Frequency),
          "cannot read " + quote_for_message(text) + " as a number: too large for a count", bad);
    }
    tx.frequency = f.whole_value();
  }
  if (m_.has(Role::Date) && !date(rec, file, field(Role::Date), &tx.date, bad)) return false;
  tx.customer_name = m_.has(Role::CustomerName) ? field(Role::CustomerName) : std::string_view();
  tx.order_id = m_.has(Role::OrderId) ? field(Role::OrderId) : std::string_view();
  tx.group = m_.group != ColumnMap::kAbsent ? trim(rec.fields[static_cast<std::size_t>(m_.group)])
                                            : std::string_view();
  for (std::size_t k = 0; k < m_.keep.size(); ++k) {
    kept[k] = trim(rec.fields[static_cast<std::size_t>(m_.keep[k])]);
  }
  tx.kept = kept.first(m_.keep.size());
  return true;
}

}  // namespace abcgrade
