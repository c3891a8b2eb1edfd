// AtomicFile (SPEC 5.1): a destination is replaced only by a complete file;
// an abandoned write leaves the earlier file and no temporary behind; special
// files are written in place; failures carry the SPEC's exit codes.
#include "abcgrade/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "abcgrade/error.hpp"
#include "testutil.hpp"

namespace abcgrade {
namespace {

using test::TempDir;

TEST(AtomicFile, CommitReplacesTheDestination) {
  TempDir dir;
  dir.write("out.csv", "old\n");
  {
    AtomicFile f((dir / "out.csv").string());
    f.write("new ");
    f.write("table\n");
    EXPECT_EQ(dir.read("out.csv"), "old\n");  // nothing visible before commit
    f.commit();
  }
  EXPECT_EQ(dir.read("out.csv"), "new table\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, AbandonedWriteLeavesTheEarlierFileAndNoTemporary) {
  TempDir dir;
  dir.write("out.csv", "old\n");
  {
    AtomicFile f((dir / "out.csv").string());
    f.write(std::string(3 << 20, 'x'));  // more than the buffer: the temporary holds data
  }
  EXPECT_EQ(dir.read("out.csv"), "old\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.csv"});
}

// From 1 MiB a temporary is synced by a thread of its own while it is
// written (the Syncer): a large table must still arrive whole, in order,
// and an abandoned one must still leave nothing behind (the thread ends
// before its descriptor is closed).
std::string numbered_lines(std::size_t bytes) {
  std::string text;
  for (std::size_t i = 0; text.size() < bytes; ++i) text += std::to_string(i) + ",row\n";
  return text;
}

TEST(AtomicFile, LargeTableSyncedWhileWrittenArrivesWhole) {
  TempDir dir;
  dir.write("out.csv", "old\n");
  const std::string table = numbered_lines(std::size_t{40} << 20);
  {
    AtomicFile f((dir / "out.csv").string());
    for (std::size_t at = 0; at < table.size(); at += 1500007)
      f.write(std::string_view(table).substr(at, 1500007));
    EXPECT_EQ(dir.read("out.csv"), "old\n");
    f.commit();
  }
  EXPECT_TRUE(dir.read("out.csv") == table);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, AbandonedLargeWriteLeavesNoTemporary) {
  TempDir dir;
  dir.write("out.csv", "old\n");
  {
    AtomicFile f((dir / "out.csv").string());
    const std::string block(std::size_t{5} << 20, 'x');
    for (int i = 0; i < 6; ++i) f.write(block);  // 30 MiB: several syncs asked for
  }
  EXPECT_EQ(dir.read("out.csv"), "old\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.csv"});
}

TEST(AtomicFile, NewFileGetsTheUsualPermissions) {
  TempDir dir;
  const mode_t old = ::umask(022);
  {
    AtomicFile f((dir / "new.csv").string());
    f.write("x");
    f.commit();
  }
  ::umask(old);
  struct stat st {};
  ASSERT_EQ(::stat((dir / "new.csv").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);  // not mkstemp's 0600
}

TEST(AtomicFile, SymlinkKeepsPointingAtTheReplacedFile) {
  TempDir dir;
  dir.write("real.csv", "old");
  std::filesystem::create_symlink("real.csv", dir / "link.csv");
  {
    AtomicFile f((dir / "link.csv").string());
    f.write("new");
    f.commit();
  }
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "link.csv"));
  EXPECT_EQ(dir.read("real.csv"), "new");
}

TEST(AtomicFile, FailuresCarryTheSpecExitCodes) {
  TempDir dir;
  auto code_of = [](auto&& action) {
    try {
      action();
    } catch (const Error& e) {
      return e.code();
    }
    return ExitCode::kOk;
  };
  EXPECT_EQ(code_of([&] { AtomicFile f((dir / "missing/out.csv").string()); }),
            ExitCode::kCantCreate);
  EXPECT_EQ(code_of([&] { AtomicFile f(dir.path().string()); }), ExitCode::kCantCreate);
  EXPECT_EQ(code_of([&] {
              AtomicFile f("/dev/full");
              f.write("x");
              f.commit();
            }),
            ExitCode::kIoErr);
  EXPECT_EQ(code_of([&] {
              AtomicFile f("/dev/null");  // a device: written in place, never renamed over
              f.write("x");
              f.commit();
            }),
            ExitCode::kOk);
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));
}

TEST(AtomicFile, StaleTemporariesOfDeadWritersAreRemovedLiveOnesKept) {
  TempDir dir;
  const std::string mine = ".out.csv.abcgrade-tmp-" + std::to_string(::getpid()) + "-aaaaaa";
  dir.write(mine, "a run in progress");
  const pid_t child = ::fork();
  if (child == 0) std::_Exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);  // reaped: its pid is free
  const std::string dead = ".out.csv.abcgrade-tmp-" + std::to_string(child) + "-bbbbbb";
  dir.write(dead, "left by kill -9");
  dir.write(".other.csv.abcgrade-tmp-" + std::to_string(child) + "-cccccc", "another output's");
  AtomicFile::remove_stale_temporaries((dir / "out.csv").string());
  EXPECT_TRUE(dir.exists(mine));
  EXPECT_FALSE(dir.exists(dead));
  EXPECT_TRUE(dir.exists(".other.csv.abcgrade-tmp-" + std::to_string(child) + "-cccccc"));
}

// A name may be 255 bytes (NAME_MAX); the temporary beside it adds a
// marker, a pid and mkstemp's suffix, so for a long name it is named from
// the name's first 226 bytes, cut before a character. The output itself
// keeps its whole name, and a later run still finds its stale temporaries;
// a name too long for the folder is still 73 before anything is written.
TEST(AtomicFile, LongLegalNamesAreWrittenAndTheirStaleTemporariesRemoved) {
  TempDir dir;
  std::string chinese;
  for (int i = 0; i < 78; ++i) chinese += "\xE5\xAE\xA2";      // 客, 3 bytes
  chinese += ".csv";                                           // 238 bytes
  const std::string longest = std::string(251, 'a') + ".csv";  // 255 bytes
  for (const std::string& name : {chinese, longest}) {
    dir.write(name, "old\n");
    AtomicFile f((dir / name).string());
    f.write("new\n");
    f.commit();
    EXPECT_EQ(dir.read(name), "new\n");
  }
  EXPECT_EQ(dir.entries().size(), 2u);
  // One byte more than a name may have: 73 at once, and nothing made.
  try {
    AtomicFile f((dir / (std::string(252, 'a') + ".csv")).string());
    ADD_FAILURE() << "a 256-byte name was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::kCantCreate);
    EXPECT_NE(std::string(e.what()).find("File name too long"), std::string::npos) << e.what();
  }
  EXPECT_EQ(dir.entries().size(), 2u);

  const pid_t child = ::fork();
  if (child == 0) std::_Exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);  // reaped: its pid is free
  // 75 characters: the 76th would end at byte 228, past 226.
  const std::string dead =
      "." + chinese.substr(0, 225) + ".abcgrade-tmp-" + std::to_string(child) + "-bbbbbb";
  dir.write(dead, "left by kill -9");
  AtomicFile::remove_stale_temporaries((dir / chinese).string());
  EXPECT_FALSE(dir.exists(dead));
  EXPECT_TRUE(dir.exists(chinese));
}

}  // namespace
}  // namespace abcgrade
