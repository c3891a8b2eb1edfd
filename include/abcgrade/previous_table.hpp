// An earlier management table of abcgrade's, for --previous (SPEC 3.6): the
// grade each customer had, read from the CSV (en or zh headers, with or
// without --excel's BOM, CRLF and formula guard) or JSON (the `json` output,
// or JSON Lines) that an earlier run wrote. Anything else is a data error
// naming the file. Knows nothing of the current run.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/grading.hpp"

namespace abcgrade {

class StringTable;

class PreviousGrades {
 public:
  // Reads `path` (format by extension: .json, .jsonl, else CSV). Throws
  // Error(kNoInput) when it cannot be opened, Error(kDataErr) naming the
  // file (and line) when it is not such a table: no customer_id or grade
  // column, a grade that is not A, B or C, a customer listed twice.
  static PreviousGrades read(const std::string& path);
  // From (customer_id, grade) pairs (tests).
  static PreviousGrades from(std::vector<std::pair<std::string, Grade>> grades);

  PreviousGrades();
  PreviousGrades(PreviousGrades&&) noexcept;
  PreviousGrades& operator=(PreviousGrades&&) noexcept;
  ~PreviousGrades();

  // The customer's earlier grade, if it was in the table. Safe on several
  // threads at once.
  std::optional<Grade> find(std::string_view customer_id) const;
  std::size_t size() const { return grades_.size(); }
  // Customers per earlier grade, A, B, C.
  std::size_t count_of(Grade g) const { return counts_[static_cast<std::size_t>(g)]; }

 private:
  // Adds the next customer of `file`, listed on `line` (0 when not known);
  // Error(kDataErr) when it was listed before, naming the first listing.
  void add(std::string_view id, Grade g, std::uint64_t line, const std::string& file);

  // Every id, indexed in file order: looking up each of 1 M customers costs
  // a few cache misses, not a binary search's twenty.
  std::unique_ptr<StringTable> ids_;
  std::vector<Grade> grades_;         // by id index
  std::vector<std::uint64_t> lines_;  // by id index: its line in the earlier file, or 0
  std::size_t counts_[3] = {0, 0, 0};
};

}  // namespace abcgrade
