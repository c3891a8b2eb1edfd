#include "abcgrade/byte_source.hpp"

#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "abcgrade/error.hpp"

namespace abcgrade {
namespace {

constexpr int kPipeBytes = 1 << 20;

class FdSource : public ByteSource {
 public:
  FdSource(int fd, bool owned, std::string name, std::uint64_t size)
      : fd_(fd), owned_(owned), name_(std::move(name)), size_(size) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }

  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t got = 0;
    while (got < size) {
      const ssize_t n = ::read(fd_, buffer + got, size - got);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw Error(ExitCode::kIoErr, name_ + ": read error: " + std::strerror(errno));
      }
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    return got;
  }

  std::uint64_t size_hint() const override { return size_; }

 private:
  int fd_;
  bool owned_;
  std::string name_;
  std::uint64_t size_;
};

class MemorySource : public ByteSource {
 public:
  MemorySource(const char* data, std::size_t size) : data_(data), left_(size), size_(size) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t n = size < left_ ? size : left_;
    if (n > 0) std::memcpy(buffer, data_, n);
    data_ += n;
    left_ -= n;
    return n;
  }
  std::uint64_t size_hint() const override { return size_; }

 private:
  const char* data_;
  std::size_t left_;
  std::size_t size_;
};

class CountingSource : public ByteSource {
 public:
  CountingSource(std::unique_ptr<ByteSource> inner, std::atomic<std::uint64_t>* counter)
      : inner_(std::move(inner)), counter_(counter) {}
  std::size_t read(char* buffer, std::size_t size) override {
    const std::size_t n = inner_->read(buffer, size);
    counter_->fetch_add(n, std::memory_order_relaxed);
    return n;
  }
  std::uint64_t size_hint() const override { return inner_->size_hint(); }

 private:
  std::unique_ptr<ByteSource> inner_;
  std::atomic<std::uint64_t>* counter_;
};

// iconv from any encoding to UTF-8, a block at a time.
class ConvertingSource : public ByteSource {
 public:
  ConvertingSource(std::unique_ptr<ByteSource> inner, const std::string& encoding)
      : inner_(std::move(inner)), in_(std::size_t{1} << 20) {
    cd_ = ::iconv_open("UTF-8", encoding.c_str());
    if (cd_ == reinterpret_cast<iconv_t>(-1)) {
      throw Error(ExitCode::kUsage,
                  "--encoding " + encoding + ": not an encoding this system can convert");
    }
  }
  ~ConvertingSource() override { ::iconv_close(cd_); }

  // Whole reads until the end of the input, as ByteSource promises, however
  // `size` falls across a character: conversion goes through out_, and the
  // caller gets as much of it as fits.
  std::size_t read(char* buffer, std::size_t size) override {
    std::size_t out = 0;
    while (out < size) {
      if (out_begin_ == out_end_ && !convert()) break;  // the end of the input
      const std::size_t n = std::min(size - out, out_end_ - out_begin_);
      std::memcpy(buffer + out, out_.data() + out_begin_, n);
      out_begin_ += n;
      out += n;
    }
    return out;
  }

 private:
  // Converts the next input into out_, at least one byte; false at the end.
  bool convert() {
    out_begin_ = out_end_ = 0;
    while (out_end_ == 0) {
      if (begin_ == end_ && !eof_) refill();
      if (begin_ == end_) return false;
      char* src = in_.data() + begin_;
      std::size_t src_left = end_ - begin_;
      char* dst = out_.data();
      std::size_t dst_left = out_.size();
      const std::size_t r = ::iconv(cd_, &src, &src_left, &dst, &dst_left);
      const int err = errno;
      out_end_ = out_.size() - dst_left;
      begin_ = end_ - src_left;
      if (r != static_cast<std::size_t>(-1) || err == E2BIG) continue;  // out_ is full
      if (err == EINVAL && !eof_) {
        // A sequence cut by the block boundary: read on, then convert it.
        if (begin_ > 0) compact();
        if (begin_ == 0 && end_ < in_.size()) {
          refill();
          continue;
        }
      }
      // EILSEQ (or a sequence cut by the end of the input): a byte that is
      // not valid in this encoding. Mark it and go on (next time if out_ is full).
      if (out_end_ == out_.size()) continue;
      out_[out_end_++] = '\xFF';
      ++begin_;
    }
    return true;
  }

  void compact() {
    std::memmove(in_.data(), in_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  void refill() {
    if (begin_ > 0) compact();
    const std::size_t got = inner_->read(in_.data() + end_, in_.size() - end_);
    if (got < in_.size() - end_) eof_ = true;
    end_ += got;
  }

  std::unique_ptr<ByteSource> inner_;
  iconv_t cd_;
  std::vector<char> in_;
  std::size_t begin_ = 0, end_ = 0;  // unconverted input in in_
  bool eof_ = false;
  std::vector<char> out_ = std::vector<char>(std::size_t{64} << 10);
  std::size_t out_begin_ = 0, out_end_ = 0;  // converted, not yet read
};

}  // namespace

std::unique_ptr<ByteSource> converting_source(std::unique_ptr<ByteSource> inner,
                                              const std::string& encoding) {
  return std::make_unique<ConvertingSource>(std::move(inner), encoding);
}

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::unique_ptr<ByteSource> open_input(const std::string& path, const std::string& display_name) {
  int fd = STDIN_FILENO;
  const bool is_stdin = path == "-";
  if (!is_stdin) {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      throw Error(ExitCode::kNoInput, display_name + ": cannot open: " + std::strerror(errno));
    }
  }
  struct stat st {};
  std::uint64_t size = 0;
  if (::fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      if (!is_stdin) ::close(fd);
      throw Error(ExitCode::kNoInput, display_name + ": cannot open: Is a directory");
    }
    if (S_ISREG(st.st_mode)) size = static_cast<std::uint64_t>(st.st_size);
    // A pipe holds 64 KiB unless asked: a 1 MiB one lets the writer (`cat`,
    // `zcat`) run ahead and hands over a chunk in a few reads instead of
    // a read and a wake-up of each side every 64 KiB (README "Performance").
    // Advice only: past the system's limit (fs.pipe-max-size) it stays.
    if (S_ISFIFO(st.st_mode)) ::fcntl(fd, F_SETPIPE_SZ, kPipeBytes);
  }
  return std::make_unique<FdSource>(fd, !is_stdin, display_name, size);
}

std::unique_ptr<ByteSource> counting_source(std::unique_ptr<ByteSource> inner,
                                            std::atomic<std::uint64_t>* counter) {
  return std::make_unique<CountingSource>(std::move(inner), counter);
}

SpooledSource::SpooledSource(std::unique_ptr<ByteSource> inner) : inner_(std::move(inner)) {
  const char* dir = std::getenv("TMPDIR");
  std::string tmpl =
      std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/abcgrade-stdin-XXXXXX";
  fd_ = ::mkstemp(tmpl.data());
  if (fd_ < 0) {
    throw Error(ExitCode::kIoErr, "cannot keep a copy of standard input for the second pass: " +
                                      tmpl + ": " + std::strerror(errno));
  }
  ::unlink(tmpl.c_str());  // nothing stays behind, whatever happens
}

SpooledSource::~SpooledSource() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t SpooledSource::read(char* buffer, std::size_t size) {
  const std::size_t n = inner_->read(buffer, size);
  for (std::size_t done = 0; done < n;) {
    const ssize_t w = ::write(fd_, buffer + done, n - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      throw Error(ExitCode::kIoErr,
                  std::string("cannot keep a copy of standard input: ") + std::strerror(errno));
    }
    done += static_cast<std::size_t>(w);
  }
  return n;
}

std::unique_ptr<ByteSource> SpooledSource::replay() {
  ::lseek(fd_, 0, SEEK_SET);
  const int fd = fd_;
  fd_ = -1;
  return std::make_unique<FdSource>(fd, true, "<stdin>", 0);
}

std::unique_ptr<ByteSource> memory_source(const char* data, std::size_t size) {
  return std::make_unique<MemorySource>(data, size);
}

}  // namespace abcgrade
