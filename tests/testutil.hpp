// Test helpers: a private temporary folder per test (RAII), whole-file reads
// and writes, and running the built abcgrade binary with its stdout, stderr
// and exit status captured (ccache's TestContext, CLI11's TempFile).
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace abcgrade::test {

// True when this build runs under AddressSanitizer (the asan preset), whose
// shadow memory does not fit under an address-space limit.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kUnderAsan = true;
#else
inline constexpr bool kUnderAsan = false;
#endif

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "abcgrade-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  void write(const std::string& name, const std::string& bytes) const {
    write_file(path_ / name, bytes);
  }
  std::string read(const std::string& name) const { return read_file(path_ / name); }
  bool exists(const std::string& name) const { return std::filesystem::exists(path_ / name); }
  // Names in the folder, sorted (hidden files included: temporaries must not stay).
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(path_))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;

  // The last line of stderr, without its newline.
  std::string err_last_line() const {
    std::string e = err;
    while (!e.empty() && e.back() == '\n') e.pop_back();
    const std::size_t nl = e.rfind('\n');
    return nl == std::string::npos ? e : e.substr(nl + 1);
  }
  // stderr split into lines.
  std::vector<std::string> err_lines() const {
    std::vector<std::string> lines;
    std::istringstream s(err);
    for (std::string l; std::getline(s, l);) lines.push_back(l);
    return lines;
  }
};

// Runs `binary args...` in `cwd` with `stdin_bytes` on standard input.
// Files in a fresh folder carry stdout and stderr, so nothing can block.
// `memory_limit` (bytes, 0 = none) caps the child's address space; `env`
// holds NAME=VALUE settings added to its environment.
inline RunResult run_program(const std::string& binary, const std::vector<std::string>& args,
                             const std::filesystem::path& cwd, const std::string& stdin_bytes = "",
                             std::uint64_t memory_limit = 0,
                             const std::vector<std::string>& env = {}) {
  TempDir io;
  write_file(io / "stdin", stdin_bytes);
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(cwd.c_str()) != 0) std::_Exit(126);
    for (const std::string& e : env) ::putenv(const_cast<char*>(e.c_str()));
    if (memory_limit != 0) {
      const rlimit limit{memory_limit, memory_limit};
      ::setrlimit(RLIMIT_AS, &limit);
    }
    std::FILE* in = std::fopen((io / "stdin").c_str(), "rb");
    std::FILE* out = std::fopen((io / "stdout").c_str(), "wb");
    std::FILE* err = std::fopen((io / "stderr").c_str(), "wb");
    if (in == nullptr || out == nullptr || err == nullptr) std::_Exit(126);
    ::dup2(fileno(in), 0);
    ::dup2(fileno(out), 1);
    ::dup2(fileno(err), 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    std::_Exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(io / "stdout");
  r.err = read_file(io / "stderr");
  return r;
}

#ifdef ABCGRADE_BIN
inline RunResult run_abcgrade(const std::vector<std::string>& args,
                              const std::filesystem::path& cwd, const std::string& stdin_bytes = "",
                              std::uint64_t memory_limit = 0,
                              const std::vector<std::string>& env = {}) {
  return run_program(ABCGRADE_BIN, args, cwd, stdin_bytes, memory_limit, env);
}
#endif

}  // namespace abcgrade::test
