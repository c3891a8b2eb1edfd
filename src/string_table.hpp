// A private open-addressing hash table from byte strings to dense indices
// 0, 1, 2, ... in first-seen order. Keys live in one growing arena, so an
// insert allocates only when the arena or the slot array grows, and a lookup
// never does. Used for customer ids and order ids (aggregate.cpp).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace abcgrade {

// A fast 64-bit hash of bytes (multiply-xorshift over 8-byte words). Results
// never depend on it: it only places keys in the table.
inline std::uint64_t hash_bytes(const char* p, std::size_t n) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xC2B2AE3D27D4EB4FULL);
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
    p += 8;
    n -= 8;
  }
  std::uint64_t w = 0;
  std::memcpy(&w, p, n);
  h = (h ^ w) * 0x94D049BB133111EBULL;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 32);
}

class StringTable {
 public:
  StringTable() { slots_.assign(1024, 0); }

  // The index of `key`, inserting it when new (`*inserted` tells which).
  std::uint32_t find_or_insert(std::string_view key, bool* inserted) {
    const std::uint64_t h = hash_bytes(key.data(), key.size());
    const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32) | 1u;  // never 0
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) break;
      if (static_cast<std::uint32_t>(slot >> 32) == tag) {
        const std::uint32_t index = static_cast<std::uint32_t>(slot);
        if (key_of(index) == key) {
          *inserted = false;
          return index;
        }
      }
    }
    const std::uint32_t index = static_cast<std::uint32_t>(offsets_.size());
    offsets_.push_back(arena_.size());
    arena_.append(key);
    lengths_.push_back(static_cast<std::uint32_t>(key.size()));
    if ((offsets_.size() + 1) * 2 > slots_.size()) grow();
    place(tag, index, h);
    *inserted = true;
    return index;
  }

  std::string_view key_of(std::uint32_t index) const {
    return std::string_view(arena_).substr(offsets_[index], lengths_[index]);
  }
  std::size_t size() const { return offsets_.size(); }

 private:
  void place(std::uint32_t tag, std::uint32_t index, std::uint64_t h) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = (static_cast<std::uint64_t>(tag) << 32) | index;
  }
  void grow() {
    std::vector<std::uint64_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    for (std::uint32_t index = 0; index < offsets_.size() - 1; ++index) {
      const std::string_view k = key_of(index);
      const std::uint64_t h = hash_bytes(k.data(), k.size());
      place(static_cast<std::uint32_t>(h >> 32) | 1u, index, h);
    }
  }

  std::vector<std::uint64_t> slots_;  // (tag << 32) | index; 0 = empty
  std::string arena_;
  std::vector<std::uint64_t> offsets_;
  std::vector<std::uint32_t> lengths_;
};

}  // namespace abcgrade
