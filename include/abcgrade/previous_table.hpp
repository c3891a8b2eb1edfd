// An earlier management table of abcgrade's, for --previous (SPEC 3.6): the
// grade each customer had, read from the CSV (en or zh headers, with or
// without --excel's BOM, CRLF and formula guard) or JSON (the `json` output,
// or JSON Lines) that an earlier run wrote. Anything else is a data error
// naming the file. Knows nothing of the current run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "abcgrade/grading.hpp"

namespace abcgrade {

class PreviousGrades {
 public:
  // Reads `path` (format by extension: .json, .jsonl, else CSV). Throws
  // Error(kNoInput) when it cannot be opened, Error(kDataErr) naming the
  // file (and line) when it is not such a table: no customer_id or grade
  // column, a grade that is not A, B or C, a customer listed twice.
  static PreviousGrades read(const std::string& path);
  // From (customer_id, grade) pairs (tests).
  static PreviousGrades from(std::vector<std::pair<std::string, Grade>> grades);

  // The customer's earlier grade, if it was in the table.
  std::optional<Grade> find(std::string_view customer_id) const;
  std::size_t size() const { return entries_.size(); }
  // Customers per earlier grade, A, B, C.
  std::size_t count_of(Grade g) const { return counts_[static_cast<std::size_t>(g)]; }

 private:
  struct Entry {
    std::size_t offset;  // into text_
    std::size_t size;
    Grade grade;
    std::uint64_t line;  // in the earlier file, for messages; 0 when not known
  };
  std::string_view id_of(const Entry& e) const {
    return std::string_view(text_).substr(e.offset, e.size);
  }
  const Entry& entry_in(std::uint64_t slot) const { return entries_[(slot & 0xFFFFFFFFu) - 1]; }
  // The slot holding `id` (whose hash_bytes is `hash`), else the empty one
  // where it would go.
  std::size_t slot_of(std::string_view id, std::uint64_t hash) const;
  void add(std::string_view id, Grade g, std::uint64_t line);
  void finish(const std::string& file);  // builds slots_, rejecting an id listed twice

  std::string text_;            // every id, one after another
  std::vector<Entry> entries_;  // in file order
  // A hash index over entries_, so that looking up each of 1 M customers
  // costs a few cache misses, not a binary search's twenty: open addressing,
  // each slot the id hash's top 32 bits and the entry's index + 1 (0 = empty).
  std::vector<std::uint64_t> slots_;
  std::size_t counts_[3] = {0, 0, 0};
};

}  // namespace abcgrade
