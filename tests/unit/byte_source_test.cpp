// Unit tests of byte_source.hpp: ByteSource's promise that a read returns
// fewer bytes than asked only at the end of the input, which the chunk
// reader relies on, kept by the --encoding converter whatever the size of
// the reads and wherever they cut a character.
#include "abcgrade/byte_source.hpp"

#include <gtest/gtest.h>

#include <string>
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
  for (const std::size_t step : {std::size_t{1}, std::size_t{7}, std::size_t{65537},
                                 std::size_t{4} << 20}) {
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

}  // namespace
}  // namespace abcgrade
