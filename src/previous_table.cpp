#include "abcgrade/previous_table.hpp"

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "abcgrade/byte_source.hpp"
#include "abcgrade/csv_records.hpp"
#include "abcgrade/error.hpp"
#include "abcgrade/text.hpp"
#include "string_table.hpp"

namespace abcgrade {
namespace {

[[noreturn]] void not_a_table(const std::string& file, std::uint64_t line, const std::string& why) {
  throw Error(ExitCode::kDataErr, Location{file, line, 0, {}}, "not a table of abcgrade's: " + why);
}

std::optional<Grade> grade_of(std::string_view text) {
  text = trim(text);
  if (text == "A") return Grade::A;
  if (text == "B") return Grade::B;
  if (text == "C") return Grade::C;
  return std::nullopt;
}

// --excel puts a ' before text that Excel would run as a formula (SPEC
// 5.2); the id underneath is what counts. Only --excel does, and only its
// tables begin with a BOM: in any other table a leading ' is the id's own.
std::string_view unguarded(std::string_view id, bool excel) {
  if (excel && id.size() >= 2 && id[0] == '\'' && looks_like_formula(id.substr(1))) {
    id.remove_prefix(1);
  }
  return trim(id);
}

// Notes whether the bytes read through it began with a UTF-8 BOM.
class BomNoticingSource : public ByteSource {
 public:
  explicit BomNoticingSource(std::unique_ptr<ByteSource> inner) : inner_(std::move(inner)) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t n = inner_->read(buffer, size);
    // A read returns fewer bytes than asked only at the end of the input,
    // so the first one holds the whole BOM if there is one.
    if (first_read_) bom_ = std::string_view(buffer, n).starts_with("\xEF\xBB\xBF");
    first_read_ = false;
    return n;
  }
  bool began_with_bom() const { return bom_; }

 private:
  std::unique_ptr<ByteSource> inner_;
  bool first_read_ = true, bom_ = false;
};

}  // namespace

PreviousGrades::PreviousGrades() : ids_(std::make_unique<StringTable>()) {}
PreviousGrades::PreviousGrades(PreviousGrades&&) noexcept = default;
PreviousGrades& PreviousGrades::operator=(PreviousGrades&&) noexcept = default;
PreviousGrades::~PreviousGrades() = default;

void PreviousGrades::add(std::string_view id, Grade g, std::uint64_t line,
                         const std::string& file) {
  bool inserted = false;
  const std::uint32_t index = ids_->find_or_insert(id, &inserted);
  if (!inserted) {
    const std::uint64_t first = lines_[index];
    not_a_table(
        file, line,
        "customer " + quote_for_message(id) + " is listed twice" +
            (first != 0 ? " (first on line " + std::to_string(first) + ")" : std::string()));
  }
  grades_.push_back(g);
  lines_.push_back(line);
  ++counts_[static_cast<std::size_t>(g)];
}

std::optional<Grade> PreviousGrades::find(std::string_view customer_id) const {
  const std::optional<std::uint32_t> index = ids_->find(customer_id);
  if (!index) return std::nullopt;
  return grades_[*index];
}

PreviousGrades PreviousGrades::from(std::vector<std::pair<std::string, Grade>> grades) {
  PreviousGrades p;
  for (const auto& [id, g] : grades) p.add(id, g, 0, "<test>");
  return p;
}

PreviousGrades PreviousGrades::read(const std::string& path) {
  PreviousGrades p;
  const std::string ext = extension_of(path);
  if (ext == "json" || ext == "jsonl") {
    (void)open_input(path, path);  // 66 when it cannot be opened, a folder included
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    using nlohmann::json;
    auto take = [&](const json& customer, std::uint64_t line) {
      if (!customer.is_object() || !customer.contains("customer_id") ||
          !customer.contains("grade") || !customer["customer_id"].is_string() ||
          !customer["grade"].is_string()) {
        not_a_table(path, line, "a customer needs \"customer_id\" and \"grade\" strings");
      }
      const std::optional<Grade> g = grade_of(customer["grade"].get<std::string>());
      if (!g) not_a_table(path, line, "grade " + customer["grade"].dump() + " is not A, B or C");
      p.add(trim(customer["customer_id"].get<std::string>()), *g, line, path);
    };
    std::uint64_t line_number = 0;  // of the JSON Lines line being read
    try {
      if (ext == "json") {
        const json doc = json::parse(text.str());
        if (!doc.is_object() || !doc.contains("customers") || !doc["customers"].is_array()) {
          not_a_table(path, 0, "no \"customers\" array");
        }
        for (const json& c : doc["customers"]) take(c, 0);
      } else {
        std::istringstream lines(text.str());
        for (std::string line; std::getline(lines, line);) {
          ++line_number;
          if (!trim(line).empty()) take(json::parse(line), line_number);
        }
      }
    } catch (const json::parse_error& e) {
      // The place in our file:line:column form: in the whole text for a JSON
      // document, in its line for JSON Lines.
      const std::size_t at = e.byte == 0 ? 0 : e.byte - 1;
      const auto [line, column] =
          line_number == 0 ? line_column_at(text.str(), at) : std::pair{line_number, at + 1};
      throw Error(
          ExitCode::kDataErr, Location{path, line, column, {}},
          "not a table of abcgrade's: invalid JSON: " + std::string(json_error_reason(e.what())));
    } catch (const json::exception& e) {
      not_a_table(path, line_number, std::string("invalid JSON (") + e.what() + ")");
    }
  } else {
    auto source = std::make_unique<BomNoticingSource>(open_input(path, path));
    const BomNoticingSource& bom = *source;
    RecordReader reader(path, std::move(source), ',');
    Record header;
    if (!reader.next(header)) not_a_table(path, 0, "it is empty");
    const bool excel = bom.began_with_bom();
    int id_column = -1, grade_column = -1;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      const std::string_view h = trim(header.fields[i]);
      // The first match: a --keep column of the same name comes later.
      if ((h == "customer_id" || h == "客户编号") && id_column < 0) id_column = static_cast<int>(i);
      if ((h == "grade" || h == "客户等级") && grade_column < 0) grade_column = static_cast<int>(i);
    }
    if (id_column < 0 || grade_column < 0) {
      not_a_table(path, 1, "no customer_id and grade columns (客户编号 and 客户等级 in zh)");
    }
    Record row;
    while (reader.next(row)) {
      if (row.fields.size() != header.fields.size()) {
        not_a_table(path, row.line,
                    "expected " + std::to_string(header.fields.size()) + " fields, found " +
                        std::to_string(row.fields.size()));
      }
      const std::string_view grade = row.fields[static_cast<std::size_t>(grade_column)];
      const std::optional<Grade> g = grade_of(grade);
      if (!g)
        not_a_table(path, row.line, "grade " + quote_for_message(grade) + " is not A, B or C");
      p.add(unguarded(row.fields[static_cast<std::size_t>(id_column)], excel), *g, row.line, path);
    }
  }
  // An earlier run always graded someone (nobody to grade is 65).
  if (p.grades_.empty()) not_a_table(path, 0, "it lists no customers");
  return p;
}

}  // namespace abcgrade
