// Every input that once crashed a fuzz target (tests/fuzz/regressions/<target>/),
// and the seed corpora (tests/fuzz/corpus/<target>/), replayed through the
// targets' own bodies (tests/fuzz/harness.hpp) on every test run, so that a
// fixed crash stays fixed even where the fuzzers are not built.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "harness.hpp"
#include "testutil.hpp"

namespace abcgrade {
namespace {

using Case = void (*)(const std::uint8_t*, std::size_t);

int replay(const std::string& target, Case run) {
  int files = 0;
  for (const char* kind : {"regressions", "corpus"}) {
    const std::filesystem::path dir = std::filesystem::path(ABCGRADE_FUZZ_DIR) / kind / target;
    if (!std::filesystem::exists(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      SCOPED_TRACE(entry.path().string());
      const std::string bytes = test::read_file(entry.path());
      run(reinterpret_cast<const std::uint8_t*>(bytes.data()),
          bytes.size());  // aborts on a finding
      ++files;
    }
  }
  return files;
}

TEST(FuzzRegressions, RecordsTargetInputsPass) {
  EXPECT_GT(replay("records", fuzz::records_case), 0);
}
TEST(FuzzRegressions, NumbersTargetInputsPass) {
  EXPECT_GT(replay("numbers", fuzz::numbers_case), 0);
}
TEST(FuzzRegressions, DatesTargetInputsPass) { EXPECT_GT(replay("dates", fuzz::dates_case), 0); }
TEST(FuzzRegressions, PipelineTargetInputsPass) {
  EXPECT_GT(replay("pipeline", fuzz::pipeline_case), 0);
}

TEST(FuzzRegressions, HeaderAloneWithoutALineEndInSmallChunksIsNobodyToGrade) {
  // Found by pipeline_fuzz: a header that fills its chunk without a line end
  // made the loader take a substring past the chunk's end (an internal
  // error, exit 1, instead of 65).
  const std::string input = "customer_id,amount";
  for (std::size_t chunk : {std::size_t{4}, std::size_t{18}, std::size_t{1} << 20}) {
    SCOPED_TRACE(chunk);
    LoadOptions options;
    options.chunk_bytes = chunk;
    struct Nothing : RowSinks {
      struct Sink : TransactionSink {
        RowUse add(const Transaction&) override { return RowUse::Used; }
      } only;
      void begin(const ColumnMap&, const std::string&, unsigned) override {}
      TransactionSink& sink(unsigned) override { return only; }
    } sinks;
    std::vector<LoadInput> inputs;
    inputs.push_back({"t.csv", memory_source(input.data(), input.size())});
    const RowCounts counts = load(std::move(inputs), options, sinks, nullptr, nullptr);
    EXPECT_EQ(counts.read, 0u);
  }
}

}  // namespace
}  // namespace abcgrade
