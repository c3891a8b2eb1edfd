// Where input bytes come from: a file or standard input, opened once, read
// in large blocks. A read error is an error (exit 74), never a silent end of
// input, which fast-cpp-csv-parser's own stdio source cannot tell apart.
// Opening failures are exit 66. csv_records adapts it to fast-cpp-csv-parser.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace abcgrade {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Fills `buffer` with up to `size` bytes; returns fewer only at the end of
  // the input. Throws Error(kIoErr) when reading fails.
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
  // Size in bytes when known (regular files), else 0. For progress display.
  virtual std::uint64_t size_hint() const { return 0; }
};

// Opens `path` ("-" is standard input, not closed afterwards). `display_name`
// is what messages call it. Throws Error(kNoInput) when it cannot be opened
// or is a directory.
std::unique_ptr<ByteSource> open_input(const std::string& path, const std::string& display_name);

// Whether `path` names an existing regular file: one that opening again
// reads again from its start, unlike "-", a pipe, a FIFO or a device.
bool is_regular_file(const std::string& path);

// A source over bytes in memory (tests, fuzzing). The bytes must outlive it.
std::unique_ptr<ByteSource> memory_source(const char* data, std::size_t size);

// Reads `inner` while keeping a copy in an unlinked temporary file, so that
// input that cannot be read twice (standard input) can be: replay() returns a
// source over the copy, from the start. Throws Error(kIoErr) when the copy
// cannot be written.
class SpooledSource : public ByteSource {
 public:
  explicit SpooledSource(std::unique_ptr<ByteSource> inner);
  ~SpooledSource() override;
  std::size_t read(char* buffer, std::size_t size) override;
  // REQUIRES: the inner source was read to its end.
  std::unique_ptr<ByteSource> replay();

 private:
  std::unique_ptr<ByteSource> inner_;
  int fd_ = -1;
};

// Converts `inner`'s bytes from `encoding` (an iconv name: GB18030, GBK,
// WINDOWS-1252) to UTF-8 as they are read (SPEC 1 --encoding). A byte that
// is not valid in that encoding becomes 0xFF, which is never valid UTF-8, so
// that the loader rejects the row it is in, naming its file and line, like
// any other bad row. Throws Error(kUsage) when iconv does not know the
// encoding.
std::unique_ptr<ByteSource> converting_source(std::unique_ptr<ByteSource> inner,
                                              const std::string& encoding);

// Counts the bytes that pass through, into `*counter` (for progress).
std::unique_ptr<ByteSource> counting_source(std::unique_ptr<ByteSource> inner,
                                            std::atomic<std::uint64_t>* counter);

}  // namespace abcgrade
