// The set of large blocks that the program's operator new mapped itself
// (src/cli/huge_pages.cpp), by start address with their lengths, so that
// operator delete tells them from malloc's. It allocates nothing (it serves
// operator new) and is safe on several threads at once.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace abcgrade {

// Open addressing with linear probing and backward-shift deletion, so that
// no tombstones pile up over millions of allocations. Holds at most half of
// `kSlots` blocks: a run holds a few hundred at most, and add() refuses past
// that (the caller then takes its block from malloc). Addresses are
// non-zero.
template <std::size_t kSlots>
class BlockSet {
  static_assert(kSlots >= 2 && (kSlots & (kSlots - 1)) == 0, "a power of two");

 public:
  constexpr BlockSet() = default;

  // False, and nothing added, when the set is full. REQUIRES: `address` is
  // not in the set.
  bool add(std::uintptr_t address, std::size_t length) {
    Lock lock(busy_);
    if (count_ * 2 >= kSlots) return false;
    std::size_t i = home(address);
    while (slots_[i].address != 0) i = (i + 1) & kMask;
    slots_[i] = {address, length};
    ++count_;
    return true;
  }

  // The length of the block at `address`, taken out of the set; 0 when it
  // is not in the set.
  std::size_t remove(std::uintptr_t address) {
    Lock lock(busy_);
    std::size_t i = home(address);
    while (slots_[i].address != address) {
      if (slots_[i].address == 0) return 0;
      i = (i + 1) & kMask;
    }
    const std::size_t length = slots_[i].length;
    // Each later entry of the run moves into the hole unless its home lies
    // cyclically in (hole, its place], where a lookup still finds it.
    for (std::size_t j = (i + 1) & kMask; slots_[j].address != 0; j = (j + 1) & kMask) {
      const std::size_t h = home(slots_[j].address);
      const bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (!stays) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = Slot{};
    --count_;
    return length;
  }

  std::size_t size() const { return count_; }

 private:
  static constexpr std::size_t kMask = kSlots - 1;
  struct Slot {
    std::uintptr_t address = 0;  // 0 = empty
    std::size_t length = 0;
  };
  class Lock {
   public:
    explicit Lock(std::atomic_flag& flag) : flag_(flag) {
      while (flag_.test_and_set(std::memory_order_acquire)) {
      }
    }
    ~Lock() { flag_.clear(std::memory_order_release); }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

   private:
    std::atomic_flag& flag_;
  };
  // Blocks start on 2 MiB boundaries: the bits above those, mixed.
  static std::size_t home(std::uintptr_t address) {
    return static_cast<std::size_t>(((address >> 21) * 0x9E3779B97F4A7C15ULL) >> 32) & kMask;
  }

  std::atomic_flag busy_ = ATOMIC_FLAG_INIT;
  std::size_t count_ = 0;
  Slot slots_[kSlots] = {};
};

}  // namespace abcgrade
