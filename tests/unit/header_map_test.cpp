// Header row -> column of each role (SPEC section 2): built-in names matched
// case-insensitively after trimming spaces, --column overrides, ambiguity and
// absence as data errors (65), --keep and --group-by columns.
#include "abcgrade/header_map.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/error.hpp"

namespace abcgrade {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

ColumnMap map(const std::vector<std::string>& header, const ColumnOptions& options = {}) {
  const std::vector<std::string_view> views(header.begin(), header.end());
  return map_columns(views, options, "sales.csv");
}

// The Error that mapping `header` throws (a failure when none is thrown).
Error map_error(const std::vector<std::string>& header, const ColumnOptions& options = {}) {
  try {
    map(header, options);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no Error thrown";
  return Error(ExitCode::kOk, "");
}

ColumnOptions named(Role role, std::string header) {
  ColumnOptions o;
  o.named.emplace_back(role, std::move(header));
  return o;
}

std::string upper_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// SPEC 2's table of roles, typed from the SPEC (not from builtin_names()).
struct RoleNames {
  Role role;
  std::vector<std::string> names;
};
const std::vector<RoleNames>& spec_table() {
  static const std::vector<RoleNames> kTable = {
      {Role::CustomerId,
       {"customer_id", "customer id", "customerid", "cust_id", "客户编号", "客户ID"}},
      {Role::CustomerName, {"customer_name", "customer name", "name", "客户名称", "客户名"}},
      {Role::Amount,
       {"amount", "sales", "revenue", "金额", "购买金额", "交易金额", "销售额", "购买力"}},
      {Role::Quantity, {"quantity", "qty", "数量"}},
      {Role::UnitPrice, {"unit_price", "unitprice", "price", "单价"}},
      {Role::Profit, {"profit", "margin", "利润", "毛利", "利润贡献"}},
      {Role::OrderId,
       {"order_id", "order id", "invoice", "invoiceno", "invoice_no", "订单号", "订单编号"}},
      {Role::Date,
       {"date", "order_date", "order date", "invoicedate", "日期", "交易日期", "订单日期"}},
      {Role::Frequency, {"frequency", "orders", "成交频率", "成交次数"}},
      {Role::Clv, {"clv", "lifetime_value", "生命周期价值"}},
  };
  return kTable;
}

// A header in which `header` is the last column and the required roles are
// present; returns the header row.
std::vector<std::string> row_with(Role role, const std::string& header) {
  if (role == Role::CustomerId) return {"amount", header};
  if (role == Role::Amount) return {"customer_id", header};
  return {"customer_id", "amount", header};
}

// ------------------------------------------------------------------ HeaderMap

TEST(HeaderMap, EveryBuiltInNameOfTheSpecMatchesItsRole) {
  for (const RoleNames& r : spec_table()) {
    for (const std::string& name : r.names) {
      SCOPED_TRACE(name);
      const ColumnMap m = map(row_with(r.role, name));
      EXPECT_EQ(m.at(r.role), 1 + (r.role != Role::CustomerId && r.role != Role::Amount));
    }
  }
}

TEST(HeaderMap, BuiltInNamesMatchInAnyCaseAndWithSurroundingSpaces) {
  for (const RoleNames& r : spec_table()) {
    for (const std::string& name : r.names) {
      for (const std::string& written :
           {upper_ascii(name), "  " + upper_ascii(name) + "  ", " " + name + "\t"}) {
        SCOPED_TRACE("[" + written + "]");
        const ColumnMap m = map(row_with(r.role, written));
        EXPECT_EQ(m.at(r.role), 1 + (r.role != Role::CustomerId && r.role != Role::Amount));
      }
    }
  }
}

TEST(HeaderMap, ChineseIdHeaderMatchesInEitherCase) {
  EXPECT_EQ(map({"客户ID", "购买力"}).at(Role::CustomerId), 0);
  EXPECT_EQ(map({"客户id", "购买力"}).at(Role::CustomerId), 0);
  EXPECT_EQ(map({"客户Id", "购买力"}).at(Role::CustomerId), 0);
}

TEST(HeaderMap, BuiltinNamesAreTheSpecTableInLowerCase) {
  for (const RoleNames& r : spec_table()) {
    std::vector<std::string> expected;
    for (const std::string& n : r.names) expected.push_back(n == "客户ID" ? "客户id" : n);
    const std::vector<std::string> actual(builtin_names(r.role).begin(),
                                          builtin_names(r.role).end());
    EXPECT_EQ(actual, expected) << name_of(r.role);
  }
}

TEST(HeaderMap, RoleNamesRoundTrip) {
  EXPECT_EQ(name_of(Role::UnitPrice), "unit_price");
  EXPECT_EQ(name_of(Role::CustomerId), "customer_id");
  for (const RoleNames& r : spec_table()) EXPECT_EQ(parse_role(name_of(r.role)), r.role);
  EXPECT_EQ(parse_role("revenue"), std::nullopt);
}

TEST(HeaderMap, ChineseManagementTableHeaders) {
  // The zh table's own headers (SPEC 4) are valid input (pre-aggregated).
  const ColumnMap m = map({"排名", "客户编号", "客户名称", "客户等级", "购买力", "成交频率",
                           "利润贡献", "生命周期价值"});
  EXPECT_EQ(m.at(Role::CustomerId), 1);
  EXPECT_EQ(m.at(Role::CustomerName), 2);
  EXPECT_EQ(m.at(Role::Amount), 4);
  EXPECT_EQ(m.at(Role::Frequency), 5);
  EXPECT_EQ(m.at(Role::Profit), 6);
  EXPECT_EQ(m.at(Role::Clv), 7);
  EXPECT_FALSE(m.has(Role::Date));
  EXPECT_FALSE(m.has(Role::OrderId));
}

TEST(HeaderMap, ChineseTransactionHeaders) {
  const ColumnMap m =
      map({"订单号", "日期", "客户ID", "客户名", "数量", "单价", "交易金额", "毛利"});
  EXPECT_EQ(m.at(Role::OrderId), 0);
  EXPECT_EQ(m.at(Role::Date), 1);
  EXPECT_EQ(m.at(Role::CustomerId), 2);
  EXPECT_EQ(m.at(Role::CustomerName), 3);
  EXPECT_EQ(m.at(Role::Quantity), 4);
  EXPECT_EQ(m.at(Role::UnitPrice), 5);
  EXPECT_EQ(m.at(Role::Amount), 6);
  EXPECT_EQ(m.at(Role::Profit), 7);
}

TEST(HeaderMap, SuperstoreExportHeader) {
  const ColumnMap m = map({"Row ID",       "Order ID",      "Order Date", "Ship Date",  "Ship Mode",
                           "Customer ID",  "Customer Name", "Segment",    "Country",    "City",
                           "State",        "Postal Code",   "Region",     "Product ID", "Category",
                           "Sub-Category", "Product Name",  "Sales",      "Quantity",   "Discount",
                           "Profit"});
  EXPECT_EQ(m.at(Role::OrderId), 1);
  EXPECT_EQ(m.at(Role::Date), 2);
  EXPECT_EQ(m.at(Role::CustomerId), 5);
  EXPECT_EQ(m.at(Role::CustomerName), 6);
  EXPECT_EQ(m.at(Role::Amount), 17);
  EXPECT_EQ(m.at(Role::Quantity), 18);
  EXPECT_EQ(m.at(Role::Profit), 20);
  EXPECT_FALSE(m.has(Role::UnitPrice));
  EXPECT_EQ(m.field_count, 21u);
}

TEST(HeaderMap, UciOnlineRetailHeaderHasQuantityAndUnitPriceButNoAmount) {
  const ColumnMap m = map({"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
                           "UnitPrice", "CustomerID", "Country"});
  EXPECT_EQ(m.at(Role::OrderId), 0);
  EXPECT_EQ(m.at(Role::Quantity), 3);
  EXPECT_EQ(m.at(Role::Date), 4);
  EXPECT_EQ(m.at(Role::UnitPrice), 5);
  EXPECT_EQ(m.at(Role::CustomerId), 6);
  EXPECT_FALSE(m.has(Role::Amount));
}

TEST(HeaderMap, OptionalRolesMayBeAbsent) {
  const ColumnMap m = map({"customer_id", "amount"});
  EXPECT_EQ(m.at(Role::CustomerId), 0);
  EXPECT_EQ(m.at(Role::Amount), 1);
  for (Role r : {Role::CustomerName, Role::Quantity, Role::UnitPrice, Role::Profit, Role::OrderId,
                 Role::Date, Role::Frequency, Role::Clv}) {
    EXPECT_FALSE(m.has(r)) << name_of(r);
    EXPECT_EQ(m.at(r), ColumnMap::kAbsent);
  }
  EXPECT_EQ(m.group, ColumnMap::kAbsent);
  EXPECT_TRUE(m.keep.empty());
}

TEST(HeaderMap, KeepsTheHeadersTrimmedAsWritten) {
  const ColumnMap m = map({" Customer ID ", "  AMOUNT", "Region "});
  EXPECT_THAT(m.headers, ElementsAre("Customer ID", "AMOUNT", "Region"));
  EXPECT_EQ(m.field_count, 3u);
  EXPECT_EQ(m.header_of(Role::Amount), "AMOUNT");
}

TEST(HeaderMap, TwoHeadersMatchingOneRoleIsDataErrorNamingBoth) {
  const Error e = map_error({"customer_id", "Amount", "Sales"});
  EXPECT_EQ(e.code(), ExitCode::kDataErr);
  EXPECT_THAT(e.what(), StartsWith("sales.csv"));
  EXPECT_THAT(e.what(), HasSubstr("\"Amount\""));
  EXPECT_THAT(e.what(), HasSubstr("\"Sales\""));
  EXPECT_THAT(e.what(), HasSubstr("--column amount="));
}

TEST(HeaderMap, TwoChineseHeadersMatchingOneRoleIsDataError) {
  const Error e = map_error({"客户编号", "客户ID", "金额"});
  EXPECT_EQ(e.code(), ExitCode::kDataErr);
  EXPECT_THAT(e.what(), HasSubstr("\"客户编号\""));
  EXPECT_THAT(e.what(), HasSubstr("\"客户ID\""));
  EXPECT_THAT(e.what(), HasSubstr("--column customer_id="));
}

TEST(HeaderMap, OneHeaderWrittenTwiceIsAmbiguous) {
  const Error e = map_error({"customer_id", "amount", " AMOUNT "});
  EXPECT_EQ(e.code(), ExitCode::kDataErr);
  EXPECT_THAT(e.what(), HasSubstr("\"amount\""));
  EXPECT_THAT(e.what(), HasSubstr("\"AMOUNT\""));
  EXPECT_THAT(e.what(), HasSubstr("--column"));
}

TEST(HeaderMap, OptionalRoleMatchedTwiceIsAlsoDataError) {
  // SPEC 2 makes no exception for optional roles: "date" and "order date".
  const Error e = map_error({"customer_id", "amount", "date", "Order Date"});
  EXPECT_EQ(e.code(), ExitCode::kDataErr);
  EXPECT_THAT(e.what(), HasSubstr("\"date\""));
  EXPECT_THAT(e.what(), HasSubstr("\"Order Date\""));
}

TEST(HeaderMap, NoCustomerIdColumnIsDataError) {
  const Error e = map_error({"client", "amount"});
  EXPECT_EQ(e.code(), ExitCode::kDataErr);
  EXPECT_THAT(e.what(), StartsWith("sales.csv"));
  EXPECT_THAT(e.what(), HasSubstr("customer_id"));
}

TEST(HeaderMap, QuantityAndUnitPriceStandInForAmount) {
  const ColumnMap m = map({"customer_id", "qty", "price"});
  EXPECT_FALSE(m.has(Role::Amount));
  EXPECT_EQ(m.at(Role::Quantity), 1);
  EXPECT_EQ(m.at(Role::UnitPrice), 2);
}

TEST(HeaderMap, AmountWithQuantityAndUnitPriceKeepsAllThree) {
  const ColumnMap m = map({"customer_id", "quantity", "unit_price", "sales"});
  EXPECT_EQ(m.at(Role::Amount), 3);
  EXPECT_EQ(m.at(Role::Quantity), 1);
  EXPECT_EQ(m.at(Role::UnitPrice), 2);
}

TEST(HeaderMap, OnlyQuantityIsDataError) {
  const Error e = map_error({"customer_id", "quantity"});
  EXPECT_EQ(e.code(), ExitCode::kDataErr);
  EXPECT_THAT(e.what(), HasSubstr("amount"));
}

TEST(HeaderMap, OnlyUnitPriceIsDataError) {
  EXPECT_EQ(map_error({"customer_id", "unit_price"}).code(), ExitCode::kDataErr);
}

TEST(HeaderMap, NoAmountAtAllIsDataError) {
  const Error e = map_error({"customer_id", "customer_name", "profit"});
  EXPECT_EQ(e.code(), ExitCode::kDataErr);
  EXPECT_THAT(e.what(), HasSubstr("amount"));
}

// ------------------------------------------------------------- ColumnOverride

TEST(ColumnOverride, NamedHeaderHoldsTheRole) {
  const ColumnMap m = map({"customer_id", "Net Sales"}, named(Role::Amount, "Net Sales"));
  EXPECT_EQ(m.at(Role::Amount), 1);
}

TEST(ColumnOverride, NamedHeaderMatchesCaseInsensitivelyAfterTrimming) {
  const ColumnMap m = map({"customer_id", " Net Sales "}, named(Role::Amount, "  NET sales "));
  EXPECT_EQ(m.at(Role::Amount), 1);
  const ColumnMap zh = map({"会员号", "金额"}, named(Role::CustomerId, "会员号"));
  EXPECT_EQ(zh.at(Role::CustomerId), 0);
}

TEST(ColumnOverride, NamedHeaderSettlesTwoBuiltInMatches) {
  const ColumnMap m = map({"customer_id", "amount", "sales"}, named(Role::Amount, "sales"));
  EXPECT_EQ(m.at(Role::Amount), 2);
}

TEST(ColumnOverride, NamedHeaderWinsOverABuiltInName) {
  const ColumnMap m = map({"customer_id", "cust_no", "amount"}, named(Role::CustomerId, "cust_no"));
  EXPECT_EQ(m.at(Role::CustomerId), 1);
}

TEST(ColumnOverride, MissingNamedHeaderIsDataError) {
  const Error e = map_error({"customer_id", "amount"}, named(Role::Amount, "Turnover"));
  EXPECT_EQ(e.code(), ExitCode::kDataErr);
  EXPECT_THAT(e.what(), StartsWith("sales.csv"));
  EXPECT_THAT(e.what(), HasSubstr("Turnover"));
}

TEST(ColumnOverride, MissingNamedHeaderIsDataErrorEvenForAnOptionalRole) {
  const Error e = map_error({"customer_id", "amount"}, named(Role::Date, "Booked"));
  EXPECT_EQ(e.code(), ExitCode::kDataErr);
  EXPECT_THAT(e.what(), HasSubstr("Booked"));
}

TEST(ColumnOverride, OneHeaderMayServeTwoRoles) {
  // --column customer_id="Customer Name": the name column is also the id, and
  // customer_name still finds it by its built-in name.
  const ColumnMap m = map({"Customer Name", "amount"}, named(Role::CustomerId, "Customer Name"));
  EXPECT_EQ(m.at(Role::CustomerId), 0);
  EXPECT_EQ(m.at(Role::CustomerName), 0);
}

TEST(ColumnOverride, TwoRolesNamedToOneHeader) {
  ColumnOptions o;
  o.named.emplace_back(Role::Amount, "Value");
  o.named.emplace_back(Role::Clv, "value");
  const ColumnMap m = map({"customer_id", "Value"}, o);
  EXPECT_EQ(m.at(Role::Amount), 1);
  EXPECT_EQ(m.at(Role::Clv), 1);
}

// ----------------------------------------------------------------- ColumnKeep

TEST(ColumnKeep, KeepAndGroupByColumnsAreFoundInOptionOrder) {
  ColumnOptions o;
  o.keep = {"segment", " REGION "};
  o.group_by = "Channel";
  const ColumnMap m = map({"customer_id", "Region", "amount", "Segment", "channel"}, o);
  EXPECT_THAT(m.keep, ElementsAre(3, 1));
  EXPECT_EQ(m.group, 4);
}

TEST(ColumnKeep, AColumnNamedTwiceIsKeptOnce) {
  ColumnOptions o;
  o.keep = {"region", "segment", " Region "};
  const ColumnMap m = map({"customer_id", "Region", "amount", "Segment"}, o);
  EXPECT_THAT(m.keep, ElementsAre(1, 3));
}

TEST(ColumnKeep, KeepMayNameARoleColumn) {
  ColumnOptions o;
  o.keep = {"amount"};
  const ColumnMap m = map({"customer_id", "amount"}, o);
  EXPECT_THAT(m.keep, ElementsAre(1));
}

TEST(ColumnKeep, MissingKeepColumnIsDataError) {
  ColumnOptions o;
  o.keep = {"Region"};
  const Error e = map_error({"customer_id", "amount"}, o);
  EXPECT_EQ(e.code(), ExitCode::kDataErr);
  EXPECT_THAT(e.what(), HasSubstr("Region"));
}

TEST(ColumnKeep, MissingGroupByColumnIsDataError) {
  ColumnOptions o;
  o.group_by = "Region";
  const Error e = map_error({"customer_id", "amount"}, o);
  EXPECT_EQ(e.code(), ExitCode::kDataErr);
  EXPECT_THAT(e.what(), HasSubstr("Region"));
}

}  // namespace
}  // namespace abcgrade
