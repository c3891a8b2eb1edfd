// A growable array of trivially copyable values in a mapping of its own,
// grown with mremap(2). A std::vector that doubles copies every value into
// a new block and frees the old one, so growing to 1 M customers' records
// (64 MiB a worker) faults in twice that, half of it only to be thrown
// away; on the machine this project is measured on, a fresh page is the
// dearest memory there is (page_release.hpp). mremap moves the pages
// already filled instead (no copy, no fault), so only the added part is
// new memory. Measured on tx_10m.csv: the aggregators' records and order
// log as std::vectors faulted in 315 huge pages a run for a 278 MiB peak
// (README "Performance"). Private to src/: the aggregator and StringTable.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

#include "huge_mapping.hpp"

namespace abcgrade {

template <class T>
class MappedArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                "the kernel moves the bytes: no constructor runs on a move");

 public:
  MappedArray() = default;
  MappedArray(const MappedArray&) = delete;
  MappedArray& operator=(const MappedArray&) = delete;
  MappedArray(MappedArray&& other) noexcept { take(other); }
  MappedArray& operator=(MappedArray&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~MappedArray() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }

  // A new value-initialized element at the end. Throws std::bad_alloc.
  T& emplace_back() {
    if (size_ == capacity_) grow(size_ + 1);
    return *::new (static_cast<void*>(data_ + size_++)) T();
  }
  void push_back(const T& value) {
    if (size_ == capacity_) grow(size_ + 1);
    data_[size_++] = value;
  }
  // Shrinks, or grows with value-initialized elements.
  void resize(std::size_t n) {
    if (n > capacity_) grow(n);
    for (std::size_t i = size_; i < n; ++i) ::new (static_cast<void*>(data_ + i)) T();
    size_ = n;
  }
  // Gives the whole mapping back.
  void release() noexcept {
    if (data_ != nullptr) ::munmap(data_, bytes_);
    data_ = nullptr;
    size_ = capacity_ = bytes_ = 0;
  }

 private:
  static constexpr std::size_t kFirstBytes = std::size_t{64} << 10;

  void take(MappedArray& other) noexcept {
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    bytes_ = std::exchange(other.bytes_, 0);
  }

  // Room for at least `min_capacity` values. The first mapping is 64 KiB of
  // small pages, enough for a small input; the next is whole huge pages on
  // a huge page boundary (src/huge_mapping.hpp), into which those few values
  // are copied, and from there the mapping doubles by moving its pages
  // (mremap), which moves huge pages whole. (Doubling small pages up to
  // 2 MiB faulted in 512 of them an array, and the kernel's own choice of
  // place for a moved mapping need not be aligned.)
  void grow(std::size_t min_capacity) {
    if (min_capacity > SIZE_MAX / sizeof(T) / 4) throw std::bad_alloc();
    void* p = nullptr;
    std::size_t bytes = kFirstBytes;
    if (data_ == nullptr && min_capacity * sizeof(T) <= kFirstBytes) {
      p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) throw std::bad_alloc();
    } else {
      bytes = huge_pages_length(std::max(2 * bytes_, min_capacity * sizeof(T)));
      if (bytes_ >= kHugePage) {
        p = remap_huge(data_, bytes_, bytes);
      } else if ((p = map_huge(bytes)) != nullptr && data_ != nullptr) {
        std::memcpy(p, data_, size_ * sizeof(T));
        ::munmap(data_, bytes_);
      }
      if (p == nullptr) throw std::bad_alloc();
    }
    data_ = static_cast<T*>(p);
    bytes_ = bytes;
    capacity_ = bytes / sizeof(T);
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;  // values that fit in the mapping
  std::size_t bytes_ = 0;     // the mapping's length
};

}  // namespace abcgrade
