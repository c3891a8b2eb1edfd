#include "abcgrade/header_map.hpp"

#include <algorithm>

#include "abcgrade/error.hpp"
#include "abcgrade/text.hpp"

namespace abcgrade {
namespace {

constexpr std::array<std::string_view, kRoleCount> kRoleNames = {
    "customer_id", "customer_name", "amount", "quantity",  "unit_price",
    "profit",      "order_id",      "date",   "frequency", "clv"};

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Indexes of the headers equal to `name` (case-insensitive, trimmed).
std::vector<int> find_header(const std::vector<std::string>& folded, std::string_view name) {
  const std::string want = to_lower_ascii(trim(name));
  std::vector<int> found;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (folded[i] == want) found.push_back(static_cast<int>(i));
  }
  return found;
}

int find_named(const std::vector<std::string>& folded, std::string_view name,
               std::string_view option, const Location& where) {
  const std::vector<int> found = find_header(folded, name);
  if (found.empty()) {
    throw Error(ExitCode::kDataErr, where,
                std::string(option) + quoted(name) + ": no such column in the header");
  }
  if (found.size() > 1) {
    throw Error(ExitCode::kDataErr, where,
                std::string(option) + quoted(name) + ": the header has this column twice");
  }
  return found.front();
}

}  // namespace

std::string_view name_of(Role role) { return kRoleNames[static_cast<std::size_t>(role)]; }

std::optional<Role> parse_role(std::string_view text) {
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    if (kRoleNames[i] == text) return static_cast<Role>(i);
  }
  return std::nullopt;
}

const std::vector<std::string_view>& builtin_names(Role role) {
  // SPEC 2, the table of roles.
  static const std::array<std::vector<std::string_view>, kRoleCount> kNames = {{
      {"customer_id", "customer id", "customerid", "cust_id", "客户编号", "客户id"},
      {"customer_name", "customer name", "name", "客户名称", "客户名"},
      {"amount", "sales", "revenue", "金额", "购买金额", "交易金额", "销售额", "购买力"},
      {"quantity", "qty", "数量"},
      {"unit_price", "unitprice", "price", "单价"},
      {"profit", "margin", "利润", "毛利", "利润贡献"},
      {"order_id", "order id", "invoice", "invoiceno", "invoice_no", "订单号", "订单编号"},
      {"date", "order_date", "order date", "invoicedate", "日期", "交易日期", "订单日期"},
      {"frequency", "orders", "成交频率", "成交次数"},
      {"clv", "lifetime_value", "生命周期价值"},
  }};
  return kNames[static_cast<std::size_t>(role)];
}

ColumnMap map_columns(const std::vector<std::string_view>& header, const ColumnOptions& options,
                      const std::string& file, std::uint64_t line) {
  ColumnMap map;
  map.field_count = header.size();
  std::vector<std::string> folded;
  for (std::string_view h : header) {
    map.headers.emplace_back(trim(h));
    folded.push_back(to_lower_ascii(map.headers.back()));
  }
  map.header_line = line;
  const Location where{file, line, 0, {}};

  for (std::size_t r = 0; r < kRoleCount; ++r) {
    const Role role = static_cast<Role>(r);
    const auto named = std::find_if(options.named.begin(), options.named.end(),
                                    [role](const auto& n) { return n.first == role; });
    if (named != options.named.end()) {
      map.index[r] =
          find_named(folded, named->second, "--column " + std::string(name_of(role)) + "=", where);
      continue;
    }
    std::vector<int> matches;
    for (std::string_view builtin : builtin_names(role)) {
      for (int i : find_header(folded, builtin)) matches.push_back(i);
    }
    std::sort(matches.begin(), matches.end());
    if (matches.size() > 1) {
      // SPEC 2: two headers that both match one role's built-in names.
      throw Error(ExitCode::kDataErr, where,
                  "columns " + quoted(map.headers[static_cast<std::size_t>(matches[0])]) + " and " +
                      quoted(map.headers[static_cast<std::size_t>(matches[1])]) +
                      " both look like " + std::string(name_of(role)) +
                      "; choose one with --column " + std::string(name_of(role)) + "=HEADER");
    }
    map.index[r] = matches.empty() ? ColumnMap::kAbsent : matches.front();
  }

  auto missing = [&](std::string_view what, Role role) {
    std::string names;
    for (std::string_view n : builtin_names(role))
      names += (names.empty() ? "" : ", ") + std::string(n);
    return Error(ExitCode::kDataErr, where,
                 "no " + std::string(what) + " column (looked for: " + names +
                     "; name it with --column " + std::string(name_of(role)) + "=HEADER)");
  };
  if (!map.has(Role::CustomerId)) throw missing("customer_id", Role::CustomerId);
  if (!map.has(Role::Amount) && !(map.has(Role::Quantity) && map.has(Role::UnitPrice))) {
    if (map.has(Role::Quantity) || map.has(Role::UnitPrice)) {
      throw Error(ExitCode::kDataErr, where,
                  "no amount column, and amount = quantity x unit_price needs both columns");
    }
    throw missing("amount", Role::Amount);
  }
  for (const std::string& k : options.keep) {
    // A column named twice (`--keep region --keep Region`) is kept once: two
    // output columns, or JSON keys, of one name would be ambiguous.
    const int column = find_named(folded, k, "--keep ", where);
    if (std::find(map.keep.begin(), map.keep.end(), column) == map.keep.end())
      map.keep.push_back(column);
  }
  if (options.group_by) map.group = find_named(folded, *options.group_by, "--group-by ", where);
  return map;
}

}  // namespace abcgrade
