// Counters the pipeline updates while it runs, for the --progress display.
// Plain atomics, written with relaxed ordering on the hot path's batch
// boundaries; the core never prints them.
#pragma once

#include <atomic>
#include <cstdint>

namespace abcgrade {

enum class Stage : int { Reading, Grading, Writing };

struct Progress {
  std::atomic<std::uint64_t> bytes_read{0};
  std::atomic<std::uint64_t> bytes_total{0};  // sum of known input sizes, 0 if unknown
  std::atomic<std::uint64_t> rows_read{0};
  std::atomic<int> stage{static_cast<int>(Stage::Reading)};
  std::atomic<int> pass{1};  // 2 while the second pass of a moving window runs
  std::atomic<int> passes{1};
};

}  // namespace abcgrade
