// A private open-addressing hash table from byte strings to dense indices
// 0, 1, 2, ... in first-seen order. Keys are copied into an Arena, so the
// views it hands out stay valid for its lifetime; a lookup never allocates.
// Each slot holds the key's first 8 bytes and length beside the index, so
// that ids of up to 8 bytes are found without touching the arena (one cache
// miss per lookup instead of three). Used for customer and order ids.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "arena.hpp"
#include "mapped_array.hpp"

namespace abcgrade {

// A fast 64-bit hash of bytes (multiply-xorshift over 8-byte words). Results
// never depend on it: it only places keys in tables and rows in partitions.
inline std::uint64_t hash_bytes(const char* p, std::size_t n) {
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xC2B2AE3D27D4EB4FULL);
  std::uint64_t w = 0;
  if (n >= 8) {
    const char* const last = p + n - 8;
    for (; p < last; p += 8) {
      std::memcpy(&w, p, 8);
      h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
      h ^= h >> 31;
    }
    std::memcpy(&w, last, 8);  // the last 8 bytes, overlapping the loop's: no byte loop
  } else {
    for (std::size_t i = 0; i < n; ++i)
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  h = (h ^ w) * 0x94D049BB133111EBULL;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 32);
}

class StringTable {
 public:
  StringTable() : slots_(1024) {}

  // The index of `key` (whose hash_bytes is `hash`), inserting it when new;
  // `*inserted` tells which.
  std::uint32_t find_or_insert(std::string_view key, std::uint64_t hash, bool* inserted) {
    const std::size_t i = slot_of(key, hash);
    if (slots_[i].tag != 0) {
      *inserted = false;
      return slots_[i].index;
    }
    const std::uint32_t index = static_cast<std::uint32_t>(keys_.size());
    keys_.push_back(arena_.store(key));
    slots_[i] = Slot{tag_of(hash, key.size()), index, prefix_of(key)};
    if (keys_.size() * 2 > slots_.size()) grow();
    *inserted = true;
    return index;
  }
  std::uint32_t find_or_insert(std::string_view key, bool* inserted) {
    return find_or_insert(key, hash_bytes(key.data(), key.size()), inserted);
  }

  // The index of `key`, when it is in the table. Safe on several threads
  // at once while nothing is inserted. REQUIRES: drop_index() not called.
  std::optional<std::uint32_t> find(std::string_view key) const {
    const Slot& s = slots_[slot_of(key, hash_bytes(key.data(), key.size()))];
    if (s.tag == 0) return std::nullopt;
    return s.index;
  }

  // Brings the slot where `hash` starts probing into the cache.
  void prefetch(std::uint64_t hash) const {
    __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }

  std::string_view key_of(std::uint32_t index) const { return keys_[index]; }
  // Frees the slots; keys (and the arena) stay.
  void drop_index() { slots_ = {}; }

 private:
  struct Slot {
    std::uint32_t tag = 0;  // 0 = empty; else 24 hash bits, then the length (capped)
    std::uint32_t index = 0;
    std::uint64_t prefix = 0;  // the key's first 8 bytes, zero-padded
  };

  // The slot holding `key` (whose hash_bytes is `hash`), else the empty one
  // where it would go.
  std::size_t slot_of(std::string_view key, std::uint64_t hash) const {
    const std::uint64_t prefix = prefix_of(key);
    const std::uint32_t tag = tag_of(hash, key.size());
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    for (;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.tag == 0) return i;
      if (s.tag == tag && s.prefix == prefix && (key.size() <= 8 || keys_[s.index] == key))
        return i;
    }
  }

  static std::uint64_t prefix_of(std::string_view key) {
    std::uint64_t p = 0;
    if (!key.empty()) std::memcpy(&p, key.data(), key.size() < 8 ? key.size() : 8);
    return p;
  }
  static std::uint32_t tag_of(std::uint64_t hash, std::size_t size) {
    const std::uint32_t length = size < 255 ? static_cast<std::uint32_t>(size) : 255u;
    return (static_cast<std::uint32_t>(hash >> 40) << 8 | length) | 0x100u;  // never 0
  }

  // Doubles the slots, placing the keys in index order: the keys and their
  // bytes are then read in the order they were stored, and the places they
  // go in the new slots are asked for a batch ahead. (Placing them in the
  // old slots' order read each key's view and bytes at random, and waited
  // for each new slot in turn: a sixth of the aggregator's samples with
  // 1 M customers.)
  void grow() {
    std::vector<Slot> fresh(slots_.size() * 2);
    const std::size_t mask = fresh.size() - 1;
    constexpr std::uint32_t kBatch = 16;
    std::uint64_t hashes[kBatch];
    const auto n = static_cast<std::uint32_t>(keys_.size());
    for (std::uint32_t base = 0; base < n; base += kBatch) {
      const std::uint32_t count = n - base < kBatch ? n - base : kBatch;
      for (std::uint32_t j = 0; j < count; ++j) {
        const std::string_view k = keys_[base + j];
        hashes[j] = hash_bytes(k.data(), k.size());
        __builtin_prefetch(&fresh[hashes[j] & mask], 1);
      }
      for (std::uint32_t j = 0; j < count; ++j) {
        const std::string_view k = keys_[base + j];
        std::size_t i = hashes[j] & mask;
        while (fresh[i].tag != 0) i = (i + 1) & mask;
        fresh[i] = Slot{tag_of(hashes[j], k.size()), base + j, prefix_of(k)};
      }
    }
    slots_.swap(fresh);
  }

  std::vector<Slot> slots_;
  MappedArray<std::string_view> keys_;  // grows without a copy (mapped_array.hpp)
  Arena arena_;
};

}  // namespace abcgrade
