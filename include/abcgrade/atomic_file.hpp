// Output files that are all or nothing (SPEC 5.1): bytes go to a temporary
// file in the destination's folder, which replaces the destination only when
// commit() has flushed, synced and closed it. Destroyed uncommitted, it
// removes the temporary file, so a failed run leaves an earlier file as it
// was and nothing behind. Standard output and special files (/dev/full, a
// FIFO) are written in place. Write errors are exit 74, failing to create
// the file exit 73, and a closed pipe on standard output ends the run quietly.
#pragma once

#include <signal.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace abcgrade {

// Where writers put bytes.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(std::string_view bytes) = 0;
};

class AtomicFile : public ByteSink {
 public:
  // Opens `path` ("-" = standard output) for writing. Throws
  // Error(kCantCreate) when the temporary file cannot be created (missing or
  // unwritable folder, the path is a folder).
  explicit AtomicFile(const std::string& path);
  ~AtomicFile() override;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Buffers `bytes`. Throws Error(kIoErr) when writing fails (disk full), or
  // Error(kOk) with an empty message when standard output is a closed pipe.
  void write(std::string_view bytes) override;

  // Flushes, syncs and closes, then renames the temporary file into place.
  // Throws Error(kIoErr) on failure (the destination is then untouched).
  // The same as finish() then publish().
  void commit();

  // The two halves of commit(), so that several files can all be finished
  // (every write that can fail has happened) before any replaces its
  // destination: a run that fails while finishing one leaves all the
  // earlier files as they were. Each throws Error(kIoErr) on failure.
  void finish();
  void publish();

  const std::string& path() const { return path_; }

  // For a library that writes files by name itself (libxlsxwriter): the path
  // to write, which is the temporary file (or the device written in place).
  // Whatever it writes there becomes the destination at commit().
  // REQUIRES: not standard output.
  const std::string& path_for_library() const { return temp_path_.empty() ? target_ : temp_path_; }

  // Removes temporary files that an earlier run killed mid-write left next
  // to `path` (their writer's process is gone). Never throws.
  static void remove_stale_temporaries(const std::string& path);

  // The descriptor that `path` names when it is one of the process's own
  // ("-" and /dev/stdout are 1, /dev/stderr 2, /dev/fd/N and
  // /proc/self/fd/N are N), else -1. Such a path is written through it.
  static int descriptor_named(const std::string& path);

  // Makes SIGINT, SIGTERM and SIGHUP remove every live temporary file
  // before the process dies of the signal (those the process was started
  // with ignored stay ignored). Call once, before any AtomicFile.
  static void remove_temporaries_on_signals();

 private:
  class Syncer;

  void flush();
  void write_out(std::string_view bytes);  // write(2) until done, then start write-back

  std::string path_;       // as given
  std::string target_;     // the file to replace (symlinks resolved)
  std::string temp_path_;  // empty when writing in place
  int fd_ = -1;
  bool is_stdout_ = false;
  bool borrowed_ = false;  // a descriptor of the process's own (standard output, /dev/fd/N)
  bool finished_ = false;
  bool committed_ = false;
  std::string buffer_;
  std::uint64_t written_ = 0;       // bytes handed to the kernel
  std::uint64_t synced_ = 0;        // of those, bytes whose writeback was started
  int live_slot_ = -1;              // where the signal handler finds temp_path_
  std::unique_ptr<Syncer> syncer_;  // once a temporary file is large (see write_out)
};

// Holds SIGINT, SIGTERM and SIGHUP back on this thread while it lives, so
// that several files are published all together or not at all. A signal
// that arrives meanwhile is delivered when it ends. Use it only where this
// is the one thread left (a held signal could go to another), or around
// starting a thread, which then holds them back for good.
class SignalsHeld {
 public:
  SignalsHeld();
  ~SignalsHeld();
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;

 private:
  sigset_t before_;
};

}  // namespace abcgrade
