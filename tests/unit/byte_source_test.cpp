// Unit tests of byte_source.hpp: ByteSource's promise that a read returns
// fewer bytes than asked only at the end of the input, which the chunk
// reader relies on, kept by the --encoding converter whatever the size of
// the reads and wherever they cut a character.
#include "abcgrade/byte_source.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace abcgrade {
namespace {

// "K1,客户,5\n" in GBK (客户 is BF CD BB A7) and in UTF-8 (E5 AE A2 E6 88 B7).
constexpr std::string_view kGbkRow = "K1,\xBF\xCD\xBB\xA7,5\n";
constexpr std::string_view kUtf8Row = "K1,\xE5\xAE\xA2\xE6\x88\xB7,5\n";

// Reads `source` to its end `step` bytes at a time; every read but the last
// must be whole.
std::string read_all(ByteSource& source, std::size_t step) {
  std::string out;
  std::vector<char> buffer(step);
  for (;;) {
    const std::size_t n = source.read(buffer.data(), step);
    out.append(buffer.data(), n);
    if (n < step) break;
  }
  EXPECT_EQ(source.read(buffer.data(), step), 0u) << "data after a short read, step " << step;
  return out;
}

TEST(ConvertingSource, ReadsAreWholeUntilTheEndWhereverTheyCutACharacter) {
  // 150,000 rows: 1.65 MB of GBK, more than the converter's buffers hold.
  std::string gbk, utf8;
  for (int i = 0; i < 150000; ++i) {
    gbk += kGbkRow;
    utf8 += kUtf8Row;
  }
  for (const std::size_t step :
       {std::size_t{1}, std::size_t{7}, std::size_t{65537}, std::size_t{4} << 20}) {
    auto source = converting_source(memory_source(gbk.data(), gbk.size()), "GBK");
    const std::string got = read_all(*source, step);
    ASSERT_EQ(got.size(), utf8.size()) << "step " << step;
    EXPECT_TRUE(got == utf8) << "step " << step;
  }
}

TEST(ConvertingSource, AByteNotInTheEncodingIsMarkedAndReadingGoesOn) {
  // 0x81 is a GBK lead byte, but not before a space: it becomes 0xFF (never
  // valid UTF-8), so its row is a bad row naming the encoding; the space and
  // what follows are read as usual.
  const std::string gbk = "a\x81 " + std::string(kGbkRow);
  auto source = converting_source(memory_source(gbk.data(), gbk.size()), "GBK");
  EXPECT_EQ(read_all(*source, 3), "a\xFF " + std::string(kUtf8Row));
}

// `cat big.csv | abcgrade classify -`: standard input that is a pipe is
// widened to 1 MiB, so that a chunk arrives in a few reads (with the usual
// 64 KiB, the 1 M-row file took 0.22-0.25 s from `cat` against 0.16-0.18 s
// from the file), and is still read whole.
TEST(OpenInput, StandardInputFromAPipeIsWidenedAndReadWhole) {
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  const int saved_stdin = ::dup(STDIN_FILENO);
  ASSERT_GE(saved_stdin, 0);
  ASSERT_EQ(::dup2(ends[0], STDIN_FILENO), STDIN_FILENO);
  ::close(ends[0]);
  std::string data;
  for (int i = 0; data.size() < (std::size_t{3} << 20); ++i)
    data += "C" + std::to_string(i) + ",9.5\n";
  std::thread writer([&] {
    for (std::size_t at = 0; at < data.size();) {
      const ssize_t n = ::write(ends[1], data.data() + at, data.size() - at);
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
    ::close(ends[1]);
  });
  auto source = open_input("-", "<stdin>");
  const int pipe_bytes = ::fcntl(STDIN_FILENO, F_GETPIPE_SZ);
  const std::string got = read_all(*source, std::size_t{256} << 10);
  writer.join();
  source.reset();
  ::dup2(saved_stdin, STDIN_FILENO);
  ::close(saved_stdin);
  EXPECT_TRUE(got == data);
  int limit = 0;
  std::ifstream("/proc/sys/fs/pipe-max-size") >> limit;
  if (limit >= (1 << 20) || ::geteuid() == 0) {
    EXPECT_EQ(pipe_bytes, 1 << 20);
  }
}

}  // namespace
}  // namespace abcgrade
