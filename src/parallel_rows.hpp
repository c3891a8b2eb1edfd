// Formats the rows of a large table on several threads, a block of rows per
// task, and hands the blocks to the sink strictly in order, so the bytes are
// exactly those a single thread would write (SPEC 4: byte-identical output)
// while 1 M rows format in a fraction of the time. Private to the writers.
#pragma once

#include <algorithm>
#include <deque>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "abcgrade/atomic_file.hpp"

namespace abcgrade {

// `format(out, row)` appends row `row`'s text to `out`; it must be safe to
// call from several threads at once (it only reads the table).
template <class Format>
void write_rows_in_parallel(std::size_t rows, const Format& format, ByteSink& sink) {
  constexpr std::size_t kBlockRows = 16384;
  // Written blocks' buffers are used again: a fresh 1.5 MB buffer per block
  // is fresh pages from the kernel, zeroed, for every 16,384 rows.
  std::mutex spare_mu;
  std::vector<std::string> spare;
  auto block = [&format, &spare_mu, &spare, rows](std::size_t first) {
    std::string out;
    {
      const std::lock_guard<std::mutex> lock(spare_mu);
      if (!spare.empty()) {
        out = std::move(spare.back());
        spare.pop_back();
      }
    }
    out.clear();
    out.reserve(kBlockRows * 96);
    const std::size_t last = std::min(rows, first + kBlockRows);
    for (std::size_t r = first; r < last; ++r) format(out, r);
    return out;
  };
  const unsigned threads = std::max(1u, std::min(16u, std::thread::hardware_concurrency()));
  if (rows <= kBlockRows || threads == 1) {
    for (std::size_t first = 0; first < rows; first += kBlockRows) sink.write(block(first));
    return;
  }
  // A window of blocks in flight: memory stays a few blocks, whatever the size.
  std::deque<std::future<std::string>> pending;
  std::size_t next = 0;
  while (next < rows || !pending.empty()) {
    while (next < rows && pending.size() < 2 * threads) {
      pending.push_back(std::async(std::launch::async, block, next));
      next += kBlockRows;
    }
    std::string written = pending.front().get();
    pending.pop_front();
    sink.write(written);
    const std::lock_guard<std::mutex> lock(spare_mu);
    spare.push_back(std::move(written));
  }
}

}  // namespace abcgrade
