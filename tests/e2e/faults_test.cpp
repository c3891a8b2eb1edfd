// Fault injection (issue 7, SPEC 1 and 5): whatever arrives or fails, the run
// ends with the right exit status and one clear line, never crashes or
// hangs, and never leaves a half-written or missing output. Each case runs
// the built binary.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "testutil.hpp"

namespace abcgrade::test {
namespace {

class Faults : public ::testing::Test {
 protected:
  RunResult run(const std::vector<std::string>& args, const std::string& stdin_bytes = "",
                std::uint64_t memory_limit = 0) {
    return run_abcgrade(args, dir.path(), stdin_bytes, memory_limit);
  }
  // An input of `customers` customers, one row each.
  void write_customers(const std::string& name, int customers) {
    std::string csv = "customer_id,amount\n";
    csv.reserve(static_cast<std::size_t>(customers) * 24);
    for (int i = 0; i < customers; ++i)
      csv += "C" + std::to_string(i) + "," + std::to_string(i % 1000) + ".25\n";
    dir.write(name, csv);
  }
  TempDir dir;
};

TEST_F(Faults, FullDiskIs74ForEveryOutputAndLeavesTheOthers) {
  dir.write("t.csv", "customer_id,amount\nC1,1\n");
  for (const char* option : {"-o", "--summary", "--rejects"}) {
    SCOPED_TRACE(option);
    dir.write("keep.csv", "earlier\n");
    const std::vector<std::string> args =
        std::string(option) == "-o"
            ? std::vector<std::string>{"classify", "-o", "/dev/full", "t.csv"}
            : std::vector<std::string>{"classify", option, "/dev/full", "-o", "keep.csv", "t.csv"};
    const RunResult r = run(args);
    EXPECT_EQ(r.exit_code, 74);
    EXPECT_EQ(r.err_last_line(), "abcgrade: /dev/full: write error: No space left on device");
    EXPECT_EQ(dir.read("keep.csv"), "earlier\n");  // the other output was not replaced either
    EXPECT_EQ(r.out, "");
  }
}

// The table failing last (to /dev/full, or on standard output) must not
// leave the summary and rejects files replaced: all are finished before any
// is renamed, and standard output comes between the two.
TEST_F(Faults, TableFailingAfterTheOtherOutputsLeavesThemAsTheyWere) {
  dir.write("t.csv", "customer_id,amount\nC1,1\n,2\n");
  const std::string others = " --on-bad-row skip --summary s.csv --rejects r.csv t.csv";
  for (const char* table : {"-o /dev/full", "> /dev/full"}) {
    SCOPED_TRACE(table);
    dir.write("s.csv", "earlier summary\n");
    dir.write("r.csv", "earlier rejects\n");
    const RunResult r = run_program(
        "/bin/sh",
        {"-c", std::string("exec ") + ABCGRADE_BIN + " classify -q" + others + " " + table},
        dir.path());
    EXPECT_EQ(r.exit_code, 74);
    const std::string expected = std::string("abcgrade: ") +
                                 (table[0] == '-' ? "/dev/full" : "<stdout>") +
                                 ": write error: No space left on device";
    EXPECT_EQ(r.err_last_line(), expected);
    EXPECT_EQ(dir.read("s.csv"), "earlier summary\n");
    EXPECT_EQ(dir.read("r.csv"), "earlier rejects\n");
    EXPECT_EQ(dir.entries(), (std::vector<std::string>{"r.csv", "s.csv", "t.csv"}));
  }
  // Succeeding, the same run replaces both.
  const RunResult ok = run({"classify", "-q", "--on-bad-row", "skip", "--summary", "s.csv",
                            "--rejects", "r.csv", "t.csv"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(dir.read("s.csv").rfind("grade,customers,", 0), 0u);
  EXPECT_EQ(dir.read("r.csv").rfind("file,line,reason,row\n", 0), 0u) << dir.read("r.csv");
}

TEST_F(Faults, FileSizeLimitIs74AndKeepsTheEarlierFile) {
  // ulimit -f 4: at most 2048 bytes per file; the table is far longer.
  write_customers("in.csv", 2000);
  dir.write("out.csv", "earlier\n");
  const RunResult r = run_program(
      "/bin/sh",
      {"-c", std::string("ulimit -f 4; exec ") + ABCGRADE_BIN + " classify -q -o out.csv in.csv"},
      dir.path());
  EXPECT_EQ(r.exit_code, 74);
  EXPECT_EQ(r.err, "abcgrade: out.csv: write error: File too large\n");
  EXPECT_EQ(dir.read("out.csv"), "earlier\n");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"in.csv", "out.csv"}));
}

TEST_F(Faults, UnwritableFolderIs73) {
  dir.write("t.csv", "customer_id,amount\nC1,1\n");
  // sysfs refuses new files even to root (chmod would not stop root).
  const RunResult r = run({"classify", "-o", "/sys/out.csv", "t.csv"});
  EXPECT_EQ(r.exit_code, 73);
  EXPECT_EQ(r.err_last_line().rfind("abcgrade: /sys/out.csv: cannot create: ", 0), 0u) << r.err;
  if (::geteuid() != 0) {
    std::filesystem::create_directory(dir / "ro");
    std::filesystem::permissions(
        dir / "ro", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    EXPECT_EQ(run({"classify", "-o", "ro/out.csv", "t.csv"}).exit_code, 73);
  }
}

TEST_F(Faults, KillMinus9WhileWritingLeavesTheEarlierOutputAndTheNextRunCleansUp) {
  // 600,000 customers: the table takes long enough to write that the kill
  // lands in the middle of it (the temporary file is growing).
  write_customers("in.csv", 600000);
  dir.write("out.json", "earlier\n");
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(dir.path().c_str()) != 0) std::_Exit(126);
    std::freopen("/dev/null", "w", stderr);
    ::execl(ABCGRADE_BIN, ABCGRADE_BIN, "classify", "-q", "-o", "out.json", "in.csv",
            static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  bool killed = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!killed && std::chrono::steady_clock::now() < deadline) {
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
      const std::string name = e.path().filename().string();
      std::error_code ec;
      if (name.rfind(".out.json.abcgrade-tmp-", 0) == 0 &&
          std::filesystem::file_size(e.path(), ec) > (1u << 20)) {
        ::kill(pid, SIGKILL);
        killed = true;
        break;
      }
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(killed) << "the run ended before it could be killed mid-write";
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(dir.read("out.json"), "earlier\n");
  std::vector<std::string> left = dir.entries();
  ASSERT_EQ(left.size(), 3u);  // in.csv, out.json and one temporary file
  EXPECT_EQ(left[0].rfind(".out.json.abcgrade-tmp-", 0), 0u);
  // The next run removes the dead run's temporary file and replaces the output.
  const RunResult again = run({"classify", "-q", "-o", "out.json", "in.csv"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"in.csv", "out.json"}));
  EXPECT_EQ(dir.read("out.json").rfind("{\"as_of\":null,", 0), 0u);
}

// Starts the binary in the test's folder on `args`, its standard input the
// read end of a pipe whose write end goes to *feed; stderr is dropped. With
// `ignore_hangup`, it starts with SIGHUP ignored, as under nohup.
pid_t start_on_pipe(const TempDir& dir, const std::vector<std::string>& args, int* feed,
                    bool ignore_hangup = false) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(dir.path().c_str()) != 0 || ::dup2(fds[0], STDIN_FILENO) < 0) std::_Exit(126);
    ::close(fds[0]);
    ::close(fds[1]);
    std::freopen("/dev/null", "w", stderr);
    // What a terminal's shell would give; a test run in the background may have inherited
    // SIGINT ignored.
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGHUP, ignore_hangup ? SIG_IGN : SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    std::vector<char*> argv{const_cast<char*>(ABCGRADE_BIN)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(ABCGRADE_BIN, argv.data());
    std::_Exit(127);
  }
  ::close(fds[0]);
  *feed = fds[1];
  return pid;
}

// Waits (up to a minute) until the folder holds `count` temporary files.
bool wait_for_temporaries(const TempDir& dir, std::size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::size_t n = 0;
    for (const std::string& name : dir.entries())
      n += name.find(".abcgrade-tmp-") != std::string::npos;
    if (n == count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

TEST_F(Faults, StoppedBySignalLeavesEarlierOutputsAndNoTemporaryFile) {
  // SPEC 5.1: "a run that fails for any reason leaves an earlier file at that path untouched
  // and no temporary file behind". Ctrl-C, `timeout` and a closed terminal stop a run with
  // SIGINT, SIGTERM and SIGHUP; the run is stopped while it reads (its three outputs exist
  // as temporary files), and it dies of the signal itself, as a shell expects.
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    SCOPED_TRACE(sig);
    for (const char* name : {"out.csv", "s.csv", "r.csv"}) dir.write(name, "earlier\n");
    int feed = -1;
    const pid_t pid = start_on_pipe(
        dir, {"classify", "-o", "out.csv", "--summary", "s.csv", "--rejects", "r.csv", "-"}, &feed);
    ASSERT_GT(pid, 0);
    const std::string head = "customer_id,amount\nC1,5\n";
    ASSERT_EQ(::write(feed, head.data(), head.size()), static_cast<ssize_t>(head.size()));
    const bool started = wait_for_temporaries(dir, 3);
    ::kill(pid, sig);
    ::close(feed);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(started) << "the run never created its three temporary files";
    ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << WEXITSTATUS(status);
    EXPECT_EQ(WTERMSIG(status), sig);
    EXPECT_EQ(dir.entries(), (std::vector<std::string>{"out.csv", "r.csv", "s.csv"}));
    for (const char* name : {"out.csv", "s.csv", "r.csv"}) EXPECT_EQ(dir.read(name), "earlier\n");
  }
}

TEST_F(Faults, HangUpIgnoredAtStartStaysIgnored) {
  // Under nohup SIGHUP is ignored when the run starts; it must stay ignored, so the run goes
  // on and finishes its output.
  dir.write("out.csv", "earlier\n");
  int feed = -1;
  const pid_t pid = start_on_pipe(dir, {"classify", "-q", "-o", "out.csv", "-"}, &feed, true);
  ASSERT_GT(pid, 0);
  const bool started = wait_for_temporaries(dir, 1);
  ::kill(pid, SIGHUP);
  const std::string csv = "customer_id,amount\nC1,5\n";
  ASSERT_EQ(::write(feed, csv.data(), csv.size()), static_cast<ssize_t>(csv.size()));
  ::close(feed);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(started);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(dir.read("out.csv").rfind("rank,customer_id,", 0), 0u);
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"out.csv"}));
}

// Runs the binary in the test's folder with its standard output appended to
// `stdout_file` (as `>> stdout_file` would); returns the exit status.
int run_with_stdout_appended_to(const TempDir& dir, const std::vector<std::string>& args,
                                const std::string& stdout_file) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(dir.path().c_str()) != 0) std::_Exit(126);
    const int fd = ::open(stdout_file.c_str(), O_WRONLY | O_APPEND);
    if (fd < 0 || ::dup2(fd, STDOUT_FILENO) < 0) std::_Exit(126);
    std::freopen("/dev/null", "w", stderr);
    std::vector<char*> argv{const_cast<char*>(ABCGRADE_BIN)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(ABCGRADE_BIN, argv.data());
    std::_Exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(Faults, OutputToTheProcesssOwnStandardOutputAppendsWhereTheShellSentIt) {
  // `-o /dev/stdout >> log.txt` (or a link to /proc/self/fd/1) names the descriptor the
  // shell opened: the table is written through it, after what log.txt held. Resolved and
  // replaced like a file, log.txt would lose its earlier lines.
  dir.write("t.csv", "customer_id,amount\nC1,5\n");
  std::filesystem::create_symlink("/proc/self/fd/1", dir / "out-link");
  const std::string table =
      "rank,customer_id,customer_name,grade,pareto_grade,percentile_grade,threshold_grade,"
      "amount,frequency,profit,clv,share,cumulative_share\n"
      "1,C1,,A,A,A,C,5.00,1,,5.00,1.000000,1.000000\n";
  for (const char* output : {"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "out-link"}) {
    SCOPED_TRACE(output);
    dir.write("log.txt", "night 1\n");
    struct stat st_before {};
    ASSERT_EQ(::stat((dir / "log.txt").c_str(), &st_before), 0);
    EXPECT_EQ(run_with_stdout_appended_to(dir, {"classify", "-q", "-o", output, "t.csv"},
                                          (dir / "log.txt").string()),
              0);
    EXPECT_EQ(dir.read("log.txt"), "night 1\n" + table);
    struct stat st_after {};
    ASSERT_EQ(::stat((dir / "log.txt").c_str(), &st_after), 0);
    EXPECT_EQ(st_after.st_ino, st_before.st_ino);  // the same file, not a new one
    EXPECT_TRUE(std::filesystem::is_symlink(dir / "out-link"));
  }
}

TEST_F(Faults, AReplacedOutputKeepsItsPermissions) {
  // A table kept private (0600) stays private when a run replaces it; a new file gets the
  // mode the umask gives.
  dir.write("t.csv", "customer_id,amount\nC1,5\n");
  dir.write("private.csv", "earlier\n");
  std::filesystem::permissions(dir / "private.csv", std::filesystem::perms::owner_read |
                                                        std::filesystem::perms::owner_write);
  ASSERT_EQ(run({"classify", "-q", "-o", "private.csv", "t.csv"}).exit_code, 0);
  EXPECT_EQ(std::filesystem::status(dir / "private.csv").permissions(),
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_EQ(dir.read("private.csv").rfind("rank,", 0), 0u);
}

TEST_F(Faults, StaleTemporaryBesideALinkedOutputsTargetIsRemoved) {
  // The output is a link into another folder; a run killed there left its temporary beside
  // the link's target, and that is where the next run looks.
  dir.write("t.csv", "customer_id,amount\nC1,5\n");
  std::filesystem::create_directory(dir / "real");
  std::filesystem::create_directory(dir / "links");
  dir.write("real/out.csv", "earlier\n");
  std::filesystem::create_symlink("../real/out.csv", dir / "links/out.csv");
  // A pid above the kernel's limit (pid_max is at most 2^22): no such process.
  dir.write("real/.out.csv.abcgrade-tmp-99999999-AbCdEf", "half a table");
  ASSERT_EQ(run({"classify", "-q", "-o", "links/out.csv", "t.csv"}).exit_code, 0);
  std::vector<std::string> real;
  for (const auto& e : std::filesystem::directory_iterator(dir / "real"))
    real.push_back(e.path().filename().string());
  EXPECT_EQ(real, (std::vector<std::string>{"out.csv"}));
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "links/out.csv"));
}

TEST_F(Faults, ReadErrorIs74NotAnEndOfInput) {
  // /proc/self/mem fails every read at offset 0 with EIO.
  const RunResult r = run({"classify", "/proc/self/mem"});
  EXPECT_EQ(r.exit_code, 74);
  EXPECT_EQ(r.err_last_line(), "abcgrade: /proc/self/mem: read error: Input/output error");
  EXPECT_EQ(r.out, "");
}

TEST_F(Faults, InputThatStopsMidRecordIs65AtTheLineWhereTheRecordStarts) {
  // A truncated file: the record that starts on line 3 opens a quote at
  // column 4 and the input ends two lines later.
  dir.write("t.csv", "customer_id,customer_name,amount\nC1,Ann,5\nC2,\"Bob\nand\nthe rest");
  for (const char* policy : {"fail", "skip"}) {
    const RunResult r = run({"classify", "--on-bad-row", policy, "t.csv"});
    EXPECT_EQ(r.exit_code, 65);
    EXPECT_EQ(r.err_last_line(),
              "abcgrade: t.csv:3:4: unterminated quoted field (the input ends inside it)");
  }
}

TEST_F(Faults, HugeFieldsLinesAndHeadersInBoundedMemory) {
  const std::uint64_t limit = kUnderAsan ? 0 : 1ull << 30;  // 1 GiB of address space is plenty
  // A 20 MB field: a correct result.
  dir.write("field.csv",
            "customer_id,customer_name,amount\nC1," + std::string(20u << 20, 'n') + ",5\n");
  const RunResult field = run({"classify", "-q", "-f", "jsonl", "field.csv"}, "", limit);
  EXPECT_EQ(field.exit_code, 0) << field.err;
  EXPECT_NE(field.out.find("\"customer_name\":\"" + std::string(20u << 20, 'n') + "\""),
            std::string::npos);
  // A line of 100,000 fields: a bad row with a clear reason.
  std::string wide = "customer_id,amount,x\nC1,";
  for (int i = 0; i < 100000; ++i) wide += "1,";
  dir.write("wide.csv", wide + "\n");
  const RunResult w = run({"classify", "wide.csv"}, "", limit);
  EXPECT_EQ(w.exit_code, 65);
  // C1, 100,000 ones and the empty field after the last comma.
  EXPECT_EQ(w.err_last_line(), "abcgrade: wide.csv:2: expected 3 fields, found 100002");
  // A header of 10,000 columns: a correct result.
  std::string header = "customer_id", row = "C1";
  for (int i = 0; i < 9998; ++i) header += ",c" + std::to_string(i), row += ",x";
  dir.write("header.csv", header + ",amount\n" + row + ",7\n");
  const RunResult h = run({"classify", "-q", "header.csv"}, "", limit);
  EXPECT_EQ(h.exit_code, 0) << h.err;
  EXPECT_NE(h.out.find("\n1,C1,,A,A,A,C,7.00,1,,7.00,1.000000,1.000000\n"), std::string::npos)
      << h.out;
}

TEST_F(Faults, OnlyABomAndNulBytesAreClearErrors) {
  dir.write("bom.csv", "\xEF\xBB\xBF");
  const RunResult bom = run({"classify", "bom.csv"});
  EXPECT_EQ(bom.exit_code, 65);
  EXPECT_EQ(bom.err_last_line(), "abcgrade: bom.csv: no header row (the input is empty)");
  // A NUL in an ASCII row (the scanner's check) and in a row that also
  // holds UTF-8 text (the parser's: a NUL is valid UTF-8).
  const struct {
    std::string file, before, after, column;
  } nul_cases[] = {
      {"nul.csv", "customer_id,amount\nC1,5\nC", "2,6\n", "customer_id"},
      {"nul_text.csv", "customer_id,customer_name,amount\nC1,张三,5\nC2,李", "四,6\n",
       "customer_name"},
  };
  for (const auto& c : nul_cases) {
    dir.write(c.file, c.before + '\0' + c.after);
    const RunResult nul = run({"classify", c.file});
    EXPECT_EQ(nul.exit_code, 65) << c.file;
    EXPECT_EQ(nul.err_last_line(), "abcgrade: " + c.file + ":3: column \"" + c.column +
                                       "\": a NUL byte (is the file UTF-16?)");
  }
  // A UTF-16 file (every other byte NUL) fails at its header, clearly.
  std::string utf16;
  for (char c : std::string("customer_id,amount\nC1,5\n")) utf16 += c, utf16 += '\0';
  dir.write("utf16.csv", utf16);
  EXPECT_EQ(run({"classify", "utf16.csv"}).exit_code, 65);
}

TEST_F(Faults, NumbersAtTheEdgesAreBadRowsWithAReason) {
  struct Case {
    std::string amount, message;
  };
  const std::vector<Case> cases = {
      {"1e5", "cannot read \"1e5\" as a number"},
      {"--", "cannot read \"--\" as a number"},
      {"¥-", "cannot read \"¥-\" as a number"},
      {"1.2.3", "cannot read \"1.2.3\" as a number"},
      {"万", "cannot read \"万\" as a number"},
      {"12345678901234567890123",
       "cannot read \"12345678901234567890123\" as a number: too large (the limit is 10^22)"},
      {"0.123456789", "cannot read \"0.123456789\" as a number: more than 8 decimal places"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.amount);
    dir.write("t.csv", "customer_id,amount\nC1," + c.amount + "\n");
    const RunResult r = run({"classify", "t.csv"});
    EXPECT_EQ(r.exit_code, 65);
    EXPECT_EQ(r.err_last_line(), "abcgrade: t.csv:2: column \"amount\": " + c.message);
  }
  // A sum that would overflow names the customer (and the row), never wraps.
  dir.write("t.csv", "customer_id,amount\nC1,6000000000000000000000\nC1,6000000000000000000000\n");
  const RunResult sum = run({"classify", "--on-bad-row", "skip", "t.csv"});
  EXPECT_EQ(sum.exit_code, 65);
  EXPECT_EQ(
      sum.err_last_line(),
      "abcgrade: t.csv:3: customer \"C1\": the amount total is too large (the limit is 10^22)");
}

// A converted input longer than one 4 MiB chunk is read whole: every row
// counted, none cut at a chunk's end (the converter once returned a short
// read where a character did not fit, which ended the input early).
TEST_F(Faults, LargeGbkFileIsReadToItsEnd) {
  constexpr int kRows = 500000;  // 5.5 MB of GBK, 6.5 MB once in UTF-8
  std::string gbk = "customer_id,customer_name,amount\n";
  for (int i = 0; i < kRows; ++i) gbk += "K" + std::to_string(i % 10) + ",\xBF\xCD\xBB\xA7,5\n";
  dir.write("big.csv", gbk);
  const RunResult r = run({"classify", "--encoding", "gbk", "-f", "jsonl", "big.csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err_last_line(),
            "abcgrade: read 500000 rows: used 500000, outside window 0, rejected 0");
  // Ten customers of 50,000 rows of 5: 250000.00 each, all named 客户.
  EXPECT_NE(r.out.find("\"customer_id\":\"K0\",\"customer_name\":\"客户\""), std::string::npos);
  std::size_t tens = 0;
  for (std::size_t at = r.out.find("\"amount\":250000.00,"); at != std::string::npos;
       at = r.out.find("\"amount\":250000.00,", at + 1)) {
    ++tens;
  }
  EXPECT_EQ(tens, 10u) << r.out.substr(0, 300);
}

TEST_F(Faults, EncodingsConvertGbkAndWindows1252AndHintAtGb18030) {
  // 客户编号,客户名称,购买力 / K1,张三,80万元 in GBK bytes.
  const std::string gbk =
      "\xBF\xCD\xBB\xA7\xB1\xE0\xBA\xC5,\xBF\xCD\xBB\xA7\xC3\xFB\xB3\xC6,\xB9\xBA\xC2\xF2\xC1\xA6\n"
      "K1,\xD5\xC5\xC8\xFD,80\xCD\xF2\xD4\xAA\n";
  dir.write("gbk.csv", gbk);
  for (const char* encoding : {"gbk", "gb18030"}) {
    const RunResult r = run({"classify", "-q", "--encoding", encoding, "--lang", "zh", "gbk.csv"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\n1,K1,张三,A,A,A,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(",800000.00,"), std::string::npos) << r.out;
  }
  // Without --encoding a whole GBK file stops at its header, with the hint
  // (SPEC 2), under `skip` too: a header is not a row to set aside.
  for (const char* policy : {"fail", "skip"}) {
    const RunResult whole = run({"classify", "--on-bad-row", policy, "gbk.csv"});
    EXPECT_EQ(whole.exit_code, 65) << policy;
    EXPECT_EQ(whole.out, "");
    EXPECT_EQ(whole.err,
              "abcgrade: gbk.csv:1: header: bytes that are not valid UTF-8 but read as GB18030 "
              "(try --encoding gb18030)\n");
  }
  // A GBK name in a UTF-8 file is a bad row whose message suggests gb18030.
  dir.write("mixed.csv", "customer_id,customer_name,amount\nK1,\xD5\xC5\xC8\xFD,5\n");
  const RunResult hint = run({"classify", "mixed.csv"});
  EXPECT_EQ(hint.exit_code, 65);
  EXPECT_EQ(hint.err_last_line(),
            "abcgrade: mixed.csv:2: column \"customer_name\": bytes that are not valid UTF-8 "
            "but read as GB18030 (try --encoding gb18030)");
  // Windows-1252, as Excel on Windows saves the classic Superstore: ä is E4.
  dir.write("cp.csv",
            "Customer ID,Customer Name,Sales\nAH-10690,Anna H\xE4"
            "berlin,957.5775\nX,Bad \x81,1\n");
  const RunResult cp =
      run({"classify", "--encoding", "windows-1252", "--on-bad-row", "skip", "cp.csv"});
  EXPECT_EQ(cp.exit_code, 0) << cp.err;
  EXPECT_NE(cp.out.find("\n1,AH-10690,Anna Häberlin,A,"), std::string::npos) << cp.out;
  // 0x81 is not a Windows-1252 character: that row is set aside, named.
  EXPECT_NE(
      cp.err.find("cp.csv:3: column \"Customer Name\": bytes that are not valid windows-1252"),
      std::string::npos)
      << cp.err;
}

}  // namespace
}  // namespace abcgrade::test
