#include "progress_line.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "abcgrade/error.hpp"

namespace abcgrade::cli {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(250);

const char* stage_name(int stage) {
  switch (static_cast<Stage>(stage)) {
    case Stage::Reading:
      return "reading";
    case Stage::Grading:
      return "grading";
    case Stage::Writing:
      return "writing";
  }
  return "";
}

}  // namespace

ProgressLine::ProgressLine(const std::string& mode, Progress& progress)
    : progress_(progress), start_(std::chrono::steady_clock::now()) {
  terminal_ = ::isatty(STDERR_FILENO) == 1;
  if (mode == "always")
    enabled_ = true;
  else if (mode == "auto")
    enabled_ = terminal_;
  else if (mode != "never")
    throw Error(ExitCode::kUsage,
                "--progress: expected auto, always or never, not \"" + mode + "\"");
  if (enabled_) thread_ = std::thread([this] { loop(); });
}

ProgressLine::~ProgressLine() { stop(); }

void ProgressLine::stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  draw(true);
}

void ProgressLine::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  draw(false);  // at once, then a few times a second
  while (!wake_.wait_for(lock, kRedrawInterval, [this] { return stopping_; })) draw(false);
}

void ProgressLine::draw(bool final) {
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double mb = static_cast<double>(progress_.bytes_read.load(std::memory_order_relaxed)) / 1e6;
  const double total =
      static_cast<double>(progress_.bytes_total.load(std::memory_order_relaxed)) / 1e6;
  const double rows = static_cast<double>(progress_.rows_read.load(std::memory_order_relaxed));
  const int passes = progress_.passes.load();
  char line[160];
  int n = std::snprintf(
      line, sizeof line, "abcgrade: %s%s, %.2f M rows, %.0f MB", stage_name(progress_.stage.load()),
      passes > 1 ? (progress_.pass.load() == 1 ? " (pass 1 of 2)" : " (pass 2 of 2)") : "",
      rows / 1e6, mb);
  if (total > 0 && n > 0)
    n += std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), " of %.0f MB", total);
  if (seconds > 0 && n > 0)
    n += std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), ", %.0f MB/s",
                       mb / seconds);
  if (n < 0) return;
  std::string out;
  if (terminal_) {
    // Redraw in place; the final call erases the line.
    out = "\r\033[K";
    if (!final) out += line;
  } else if (!final) {
    out = std::string(line) + "\n";  // --progress always into a file: one line per update
  }
  std::fputs(out.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace abcgrade::cli
