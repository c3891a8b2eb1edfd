// A private append-only store for text: copies stay at their address for
// the arena's lifetime (blocks are never moved), so string_views into it
// stay valid while it grows. One allocation per 2 MiB of text, none per
// string. Used for customer ids, names and kept values (aggregate.cpp).
#pragma once

#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace abcgrade {

class Arena {
 public:
  std::string_view store(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > left_) {
      const std::size_t size = s.size() > kBlockBytes / 4 ? s.size() : kBlockBytes;
      // Not zeroed (make_unique would be): a block's pages are then faulted
      // in only as text fills them, not all 256 of them at once.
      blocks_.push_back(std::unique_ptr<char[]>(new char[size]));
      next_ = blocks_.back().get();
      left_ = size;
    }
    std::memcpy(next_, s.data(), s.size());
    const std::string_view stored(next_, s.size());
    next_ += s.size();
    left_ -= s.size();
    stored_ += s.size();
    return stored;
  }
  // Bytes of text stored so far.
  std::size_t stored() const { return stored_; }

 private:
  // One huge page (src/huge_mapping.hpp): the program's operator new maps
  // blocks from 1 MiB up on whole huge pages, so a 1 MiB block would hold
  // a 2 MiB page half empty.
  static constexpr std::size_t kBlockBytes = std::size_t{2} << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
  std::size_t stored_ = 0;
};

}  // namespace abcgrade
