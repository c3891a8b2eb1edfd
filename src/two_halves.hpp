// Runs a loop over [0, n) as two halves on two threads, for the steps of
// grading that read 1 M customers at random (ranking, arranging): on one
// core they left the other idle. Private to the grading core.
#pragma once

#include <cstddef>
#include <exception>
#include <thread>

namespace abcgrade {

// Calls work(half, begin, end) for half 0 = [0, n / 2) on a new thread and
// half 1 = [n / 2, n) on this one, when n is at least `from` and the machine
// has two cores; else work(0, 0, n) here. True when it split. An exception
// from either half (out of memory) is rethrown after both have finished, so
// that it ends the run as one error line, not in std::terminate.
template <class Work>
bool in_two_halves(std::size_t n, std::size_t from, const Work& work) {
  if (n < from || std::thread::hardware_concurrency() < 2) {
    work(0, std::size_t{0}, n);
    return false;
  }
  std::exception_ptr failed[2];
  auto half = [&](int h, std::size_t begin, std::size_t end) {
    try {
      work(h, begin, end);
    } catch (...) {
      failed[h] = std::current_exception();
    }
  };
  std::thread first(half, 0, std::size_t{0}, n / 2);
  half(1, n / 2, n);
  first.join();
  for (const std::exception_ptr& e : failed) {
    if (e) std::rethrow_exception(e);
  }
  return true;
}

}  // namespace abcgrade
