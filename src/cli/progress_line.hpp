// The --progress display: a line on stderr, redrawn a few times a second
// from the pipeline's counters (rows, MB/s, stage), erased when the job ends.
// Drawn only where asked: `auto` means only when stderr is a terminal, so
// never in a pipe or under cron.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "abcgrade/progress.hpp"

namespace abcgrade::cli {

class ProgressLine {
 public:
  // `mode` is auto, always or never (already validated).
  ProgressLine(const std::string& mode, Progress& progress);
  ~ProgressLine();  // stops and erases the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void stop();

 private:
  void loop();
  void draw(bool final);

  Progress& progress_;
  std::chrono::steady_clock::time_point start_;
  bool enabled_ = false;
  bool terminal_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace abcgrade::cli
