// Header row -> which column holds each role (SPEC section 2): built-in names
// matched case-insensitively after trimming spaces, --column overrides,
// --keep and --group-by columns. Ambiguity and absence are data errors (65)
// naming the file and the headers involved. Knows nothing of the rows.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace abcgrade {

enum class Role {
  CustomerId,
  CustomerName,
  Amount,
  Quantity,
  UnitPrice,
  Profit,
  OrderId,
  Date,
  Frequency,
  Clv,
};
inline constexpr std::size_t kRoleCount = 10;

// "customer_id", "unit_price", ... and back (nullopt for unknown text).
std::string_view name_of(Role role);
std::optional<Role> parse_role(std::string_view text);
// The built-in header names of a role, lower case, as SPEC 2 lists them.
const std::vector<std::string_view>& builtin_names(Role role);

struct ColumnOptions {
  std::vector<std::pair<Role, std::string>> named;  // --column ROLE=HEADER
  std::vector<std::string> keep;                    // --keep HEADER, in order
  std::optional<std::string> group_by;              // --group-by HEADER
};

struct ColumnMap {
  static constexpr int kAbsent = -1;
  std::array<int, kRoleCount> index{};  // column of each role, or kAbsent
  std::vector<int> keep;                // column of each --keep header
  int group = kAbsent;                  // column of --group-by
  std::vector<std::string> headers;     // every header, trimmed, as written
  std::size_t field_count = 0;          // fields every row must have
  std::uint64_t header_line = 1;        // where the header is (blank lines may come first)

  bool has(Role r) const { return index[static_cast<std::size_t>(r)] != kAbsent; }
  int at(Role r) const { return index[static_cast<std::size_t>(r)]; }
  // The header of role `r` as written in the file (for messages).
  const std::string& header_of(Role r) const { return headers[static_cast<std::size_t>(at(r))]; }
};

// Maps `header` (the first record of `file`, on line `line`) per `options`. Throws
// Error(kDataErr) naming `file` when a required role is missing (customer_id;
// amount, or quantity and unit_price), when two headers match one role's
// built-in names, or when a header named by --column, --keep or --group-by is
// absent or appears twice.
ColumnMap map_columns(const std::vector<std::string_view>& header, const ColumnOptions& options,
                      const std::string& file, std::uint64_t line = 1);

}  // namespace abcgrade
