#include "abcgrade/atomic_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <system_error>
#include <thread>

#include "abcgrade/error.hpp"

namespace abcgrade {
namespace {

constexpr std::size_t kBufferBytes = std::size_t{1} << 20;
constexpr std::string_view kTempMarker = ".abcgrade-tmp-";

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// ".<name>.abcgrade-tmp-" : the start of our temporaries' names, which go
// on with the writer's pid (so that a later run can tell a stale one) and
// mkstemp's "-XXXXXX". A name is at most 255 bytes (NAME_MAX), and those
// parts add 29 (a pid has up to 7 digits), so a longer output name has its
// temporaries named from its first 226 bytes, cut before a UTF-8
// character: a legal name (78 Chinese characters and ".csv" are 238
// bytes) must not fail for its temporary's sake.
std::string temp_name_start(const std::string& target) {
  constexpr std::size_t kNameMax = 255;
  constexpr std::size_t kPidAndSuffix = 7 + std::string_view("-XXXXXX").size();
  constexpr std::size_t kLongestBase = kNameMax - 1 - kTempMarker.size() - kPidAndSuffix;
  std::string base = base_of(target);
  if (base.size() > kLongestBase) {
    std::size_t cut = kLongestBase;
    while (cut > 0 && (static_cast<unsigned char>(base[cut]) & 0xC0) == 0x80) --cut;
    base.resize(cut);
  }
  return "." + base + std::string(kTempMarker);
}

// "<folder>/.<name>.abcgrade-tmp-" : the prefix of our temporaries' paths.
std::string temp_prefix(const std::string& target) {
  const std::string folder = folder_of(target);
  return (folder == "/" ? "" : folder) + "/" + temp_name_start(target);
}

// The temporary files of this process, for the signal handler: a run
// stopped by SIGINT, SIGTERM or SIGHUP (Ctrl-C, `timeout`, a closed
// terminal) removes them before it dies (SPEC 5.1: "no temporary file
// behind"). A handler may only touch async-signal-safe things, so the
// paths are copied into fixed slots marked in use by a lock-free flag.
struct LiveTemporary {
  std::atomic<bool> in_use{false};
  char path[PATH_MAX];
};
constexpr int kLiveSlots = 8;  // a run has at most three output files
LiveTemporary live_temporaries[kLiveSlots];

int remember_temporary(const std::string& path) {
  if (path.size() >= PATH_MAX) return -1;
  for (int i = 0; i < kLiveSlots; ++i) {
    LiveTemporary& t = live_temporaries[i];
    if (t.in_use.load(std::memory_order_acquire)) continue;
    std::memcpy(t.path, path.c_str(), path.size() + 1);
    t.in_use.store(true, std::memory_order_release);
    return i;
  }
  return -1;  // more files than slots: they are still removed by the next run
}

void forget_temporary(int slot) {
  if (slot >= 0) live_temporaries[slot].in_use.store(false, std::memory_order_release);
}

extern "C" void remove_temporaries_and_die(int signal_number) {
  for (LiveTemporary& t : live_temporaries) {
    if (t.in_use.load(std::memory_order_acquire)) ::unlink(t.path);
  }
  // Die of the signal itself, so the caller sees the usual status (130, 143).
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

// What the symbolic link `path` holds, or "" when it is none.
std::string link_text(const std::string& path) {
  char text[PATH_MAX];
  const ssize_t n = ::readlink(path.c_str(), text, sizeof text);
  return n > 0 ? std::string(text, static_cast<std::size_t>(n)) : std::string();
}

// The file to replace: a symbolic link's target (the link is kept), else
// `path` itself.
std::string resolved_target(const std::string& path) {
  char resolved[PATH_MAX];
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode) &&
      ::realpath(path.c_str(), resolved) != nullptr) {
    return resolved;
  }
  return path;
}

}  // namespace

int AtomicFile::descriptor_named(const std::string& path) {
  if (path == "-" || path == "/dev/stdout") return STDOUT_FILENO;
  if (path == "/dev/stderr") return STDERR_FILENO;
  for (const std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0) continue;
    int fd = 0;
    for (std::size_t i = prefix.size(); i < path.size(); ++i) {
      if (path[i] < '0' || path[i] > '9' || fd > 100000) return -1;
      fd = fd * 10 + (path[i] - '0');
    }
    return fd;
  }
  return -1;
}

namespace {

// The descriptor of the process's own that `path` names, directly or as a
// link to one (/dev/stdout, "-"), else -1.
int own_descriptor(const std::string& path) {
  const int fd = AtomicFile::descriptor_named(path);
  return fd >= 0 ? fd : AtomicFile::descriptor_named(link_text(path));
}

}  // namespace

void AtomicFile::remove_temporaries_on_signals() {
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction now {};
    // A signal ignored by whoever started us (nohup, a background job's
    // SIGINT) stays ignored.
    if (::sigaction(sig, nullptr, &now) != 0 || now.sa_handler == SIG_IGN) continue;
    struct sigaction handler {};
    handler.sa_handler = remove_temporaries_and_die;
    sigfillset(&handler.sa_mask);
    ::sigaction(sig, &handler, nullptr);
  }
}

SignalsHeld::SignalsHeld() {
  sigset_t held;
  sigemptyset(&held);
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&held, sig);
  ::pthread_sigmask(SIG_BLOCK, &held, &before_);
}

SignalsHeld::~SignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &before_, nullptr); }

// Syncs a temporary file to disk on a thread of its own while more of it is
// written, each time it is asked to, so that finish()'s fdatasync has only
// the last few megabytes left. The disk's flush is this machine's slowest
// step of writing: an 85 MB table written over 0.16 s then waited 70-90 ms
// for it, and 8-14 ms with this thread syncing behind the writes. The
// thread takes none of the signals that remove temporaries, so that
// SignalsHeld on the main thread holds them all back.
class AtomicFile::Syncer {
 public:
  explicit Syncer(int fd) : fd_(fd) {
    const SignalsHeld held;  // the thread starts with them blocked
    try {
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error&) {
      // No thread to be had (a process limit): finish() syncs it all, as
      // it did before there was this thread.
    }
  }
  ~Syncer() { stop(); }
  Syncer(const Syncer&) = delete;
  Syncer& operator=(const Syncer&) = delete;

  // Asks for everything written so far to be synced; does not wait.
  void request() {
    {
      const std::lock_guard<std::mutex> lock(mu_);
      requested_ = true;
    }
    cv_.notify_one();
  }

  // Waits for a sync under way (one only asked for is dropped: the caller
  // syncs next) and ends the thread. The errno of the first sync that
  // failed, else 0.
  int stop() {
    {
      const std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
    return error_;
  }

 private:
  void run() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return requested_ || stopping_; });
      if (stopping_) return;
      requested_ = false;
      lock.unlock();
      const int failed = ::fdatasync(fd_) != 0 ? errno : 0;
      lock.lock();
      if (error_ == 0) error_ = failed;
    }
  }

  const int fd_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool requested_ = false, stopping_ = false;
  int error_ = 0;
  std::thread thread_;
};

AtomicFile::AtomicFile(const std::string& path) : path_(path) {
  buffer_.reserve(kBufferBytes);
  // One of the process's own descriptors (or a link to one) is written
  // through it: resolved and replaced, /dev/stdout would put a new file
  // where `>> log.txt` sent standard output, and log.txt would lose what
  // it held.
  const int own = own_descriptor(path);
  if (own >= 0) {
    fd_ = own;
    is_stdout_ = own == STDOUT_FILENO;
    borrowed_ = true;  // written in place, never closed: it is not ours
    return;
  }
  target_ = resolved_target(path);
  struct stat st {};
  bool replacing = false;
  const int stat_result = ::stat(target_.c_str(), &st);
  if (stat_result != 0 && errno == ENAMETOOLONG) {
    // Said now (73), not at the rename after all the work: the temporary's
    // name is shortened to fit (temp_name_start), the output's cannot be.
    throw Error(ExitCode::kCantCreate, path + ": cannot create: " + std::strerror(errno));
  }
  if (stat_result == 0) {
    if (S_ISDIR(st.st_mode)) {
      throw Error(ExitCode::kCantCreate, path + ": cannot create: Is a directory");
    }
    if (!S_ISREG(st.st_mode)) {
      // A device or FIFO (/dev/null, /dev/full, a pipe): write in place.
      fd_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd_ < 0)
        throw Error(ExitCode::kCantCreate, path + ": cannot create: " + std::strerror(errno));
      return;
    }
    replacing = true;
  }
  std::string tmpl = temp_prefix(target_) + std::to_string(::getpid()) + "-XXXXXX";
  int create_error = 0;
  {
    // A signal between creating the file and remembering it would leave it.
    const SignalsHeld held;
    fd_ = ::mkstemp(tmpl.data());
    create_error = errno;
    if (fd_ >= 0) live_slot_ = remember_temporary(tmpl);
  }
  if (fd_ < 0)
    throw Error(ExitCode::kCantCreate, path + ": cannot create: " + std::strerror(create_error));
  temp_path_ = tmpl;
  // mkstemp makes 0600. A file replaced keeps its mode (a table kept
  // private stays private); a new one gets the mode a new file would get.
  if (replacing) {
    ::fchmod(fd_, st.st_mode & 07777);
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd_, 0666 & ~mask);
  }
}

AtomicFile::~AtomicFile() {
  syncer_.reset();  // before the descriptor it syncs is closed
  if (committed_) return;
  if (!borrowed_ && fd_ >= 0) ::close(fd_);
  if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
  forget_temporary(live_slot_);
}

void AtomicFile::write(std::string_view bytes) {
  if (buffer_.size() + bytes.size() > kBufferBytes) flush();
  if (bytes.size() >= kBufferBytes) {
    write_out(bytes);  // a whole block of rows: straight out, not copied first
    return;
  }
  buffer_.append(bytes);
}

void AtomicFile::flush() {
  write_out(buffer_);
  buffer_.clear();
}

void AtomicFile::write_out(std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE && is_stdout_) throw Error(ExitCode::kOk, "");  // SPEC 1: quietly
      throw Error(ExitCode::kIoErr, (is_stdout_ ? std::string("<stdout>") : path_) +
                                        ": write error: " + std::strerror(errno));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
    written_ += static_cast<std::uint64_t>(n);
  }
  // Start writing back what is written so far, without waiting, and have
  // it synced behind the writes, so that the fsync in commit() finds little
  // left to do (a large table would otherwise wait for the whole disk write
  // and flush at the end). What is left for it is at most a step: an eighth
  // of the file so far, from 1 MiB (an 8 MB table: writing 0.046 ->
  // 0.037 s) up to 8 MiB (an 85 MB table's syncs stay few).
  const std::uint64_t step =
      std::clamp<std::uint64_t>(written_ / 8, std::uint64_t{1} << 20, std::uint64_t{8} << 20);
  if (!temp_path_.empty() && written_ - synced_ >= step) {
    ::sync_file_range(fd_, static_cast<off64_t>(synced_), static_cast<off64_t>(written_ - synced_),
                      SYNC_FILE_RANGE_WRITE);
    synced_ = written_;
    if (!syncer_) syncer_ = std::make_unique<Syncer>(fd_);
    syncer_->request();
  }
}

void AtomicFile::commit() {
  finish();
  publish();
}

void AtomicFile::finish() {
  flush();
  finished_ = true;
  if (borrowed_) return;
  if (syncer_) {
    const int failed = syncer_->stop();
    syncer_.reset();
    // An error the background sync saw may not be seen again below.
    if (failed != 0)
      throw Error(ExitCode::kIoErr, path_ + ": write error: " + std::strerror(failed));
  }
  if (!temp_path_.empty() && ::fdatasync(fd_) != 0) {
    throw Error(ExitCode::kIoErr, path_ + ": write error: " + std::strerror(errno));
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    throw Error(ExitCode::kIoErr, path_ + ": write error: " + std::strerror(errno));
  }
}

void AtomicFile::publish() {
  if (!finished_) finish();
  if (!temp_path_.empty() && ::rename(temp_path_.c_str(), target_.c_str()) != 0) {
    throw Error(ExitCode::kIoErr, path_ + ": cannot replace: " + std::strerror(errno));
  }
  committed_ = true;
  forget_temporary(live_slot_);
}

void AtomicFile::remove_stale_temporaries(const std::string& given) {
  if (own_descriptor(given) >= 0) return;  // written in place: no temporaries
  // The temporaries sit beside the file replaced: a link's target.
  const std::string path = resolved_target(given);
  const std::string prefix = temp_name_start(path);
  DIR* dir = ::opendir(folder_of(path).c_str());
  if (dir == nullptr) return;
  while (const dirent* e = ::readdir(dir)) {
    const std::string name = e->d_name;
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    // Only a temporary whose writer is gone is stale; a live run keeps its own.
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      const std::string folder = folder_of(path);
      ::unlink(((folder == "/" ? "" : folder) + "/" + name).c_str());
    }
  }
  ::closedir(dir);
}

}  // namespace abcgrade
