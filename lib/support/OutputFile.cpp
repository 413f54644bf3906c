#include "support/OutputFile.h"

#include "support/Error.h"
#include "support/Interrupt.h"
#include "support/Paths.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace carcinize {
namespace {
// At most one report is written at a time; its temporary name is kept here so
// that an interrupted run can remove it.
char PendingTemp[4096];
std::atomic<bool> HavePending{false};

[[noreturn]] void fail(const std::string &Path, int Err) {
  throw InputError("cannot write '" + Path + "': " + std::strerror(Err));
}
} // namespace

void writeFileAtomically(const std::string &Path, std::string_view Contents) {
  writeFileAtomically(Path, [&](llvm::raw_ostream &OS) { OS << Contents; });
}

namespace {

// Streams \p Write into \p Fd (left open). raw_fd_ostream retries EINTR and
// short writes; it records the first error, which must be cleared before it
// is destroyed (else it aborts), and it is flushed while the descriptor is
// still open. Returns that error (0: none); an exception \p Write threw is
// handed back in \p Thrown, after the flush.
int streamTo(int Fd, llvm::function_ref<void(llvm::raw_ostream &)> Write,
             std::exception_ptr &Thrown) {
  llvm::raw_fd_ostream OS(Fd, /*shouldClose=*/false, /*unbuffered=*/false);
  try {
    Write(OS);
  } catch (...) {
    Thrown = std::current_exception();
  }
  OS.flush();
  int Err = 0;
  if (OS.has_error()) {
    Err = OS.error().value();
    OS.clear_error();
  }
  return Err;
}

// Writes to an existing device or pipe in place (-o /dev/null, /dev/stdout,
// a FIFO): a file renamed over it would replace the device node itself
// (seen as root: `-o /dev/null` left a regular file in /dev).
void writeInPlace(const std::string &Path,
                  llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  int Fd = ::open(Path.c_str(), O_WRONLY | O_CLOEXEC);
  if (Fd < 0)
    fail(Path, errno);
  std::exception_ptr Thrown;
  int Err = streamTo(Fd, Write, Thrown);
  if (Thrown) {
    ::close(Fd);
    std::rethrow_exception(Thrown);
  }
  if (::close(Fd) != 0 && !Err)
    Err = errno;
  if (Err)
    fail(Path, Err);
}

} // namespace

void writeFileAtomically(const std::string &Given,
                         llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  // A signal that came during the analysis ends the command here: no
  // report after a SIGTERM.
  if (int Sig = interruptSignal())
    throw Interrupted{Sig};
  struct stat St;
  if (::stat(Given.c_str(), &St) == 0 && !S_ISREG(St.st_mode) && !S_ISDIR(St.st_mode))
    return writeInPlace(Given, Write);
  // A symbolic link is followed: the file it names is replaced, the link
  // stays.
  std::string Path = Given;
  if (char *Real = ::realpath(Given.c_str(), nullptr)) {
    Path = Real;
    std::free(Real);
  }
  std::string Dir = parentDir(Path);
  std::string Template = Dir + "/.carcinize-tmp-XXXXXX";
  if (Template.size() >= sizeof(PendingTemp))
    throw InputError("cannot write '" + Given + "': path too long");
  std::memcpy(PendingTemp, Template.c_str(), Template.size() + 1);
  int Fd = ::mkstemp(PendingTemp);
  if (Fd < 0)
    fail(Given, errno);
  HavePending = true;
  auto Abandon = [&] {
    ::close(Fd);
    ::unlink(PendingTemp);
    HavePending = false;
  };
  std::exception_ptr Thrown;
  int Err = streamTo(Fd, Write, Thrown);
  if (Thrown) {
    Abandon();
    std::rethrow_exception(Thrown);
  }
  if (Err) {
    Abandon();
    fail(Given, Err);
  }
  ::fchmod(Fd, 0644);
  if (::close(Fd) != 0 || ::rename(PendingTemp, Path.c_str()) != 0) {
    Err = errno;
    ::unlink(PendingTemp);
    HavePending = false;
    fail(Given, Err);
  }
  HavePending = false;
}

namespace {
bool StdoutWasClosed = false;
} // namespace

void guardStandardStreams() {
  for (int Fd = 0; Fd <= 2; ++Fd) {
    if (::fcntl(Fd, F_GETFD) != -1 || errno != EBADF)
      continue;
    // open() returns the lowest free number: this one.
    int Null = ::open("/dev/null", Fd == 0 ? O_RDONLY : O_WRONLY);
    if (Fd == 1)
      StdoutWasClosed = true;
    if (Null >= 0 && Null != Fd)
      ::close(Null);
  }
}

void writeStandardOutput(llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  if (int Sig = interruptSignal())
    throw Interrupted{Sig};
  if (StdoutWasClosed)
    throw InputError("cannot write the report: standard output is closed");
  std::exception_ptr Thrown;
  int Err = streamTo(1, Write, Thrown);
  if (Thrown)
    std::rethrow_exception(Thrown);
  if (Err)
    throw InputError(std::string("cannot write the report to standard output: ") +
                     std::strerror(Err));
}

void writeOwnedFile(const std::string &Path, std::string_view Contents) {
  std::string Template = parentDir(Path) + "/.carcinize-tmp-XXXXXX";
  if (Template.size() >= sizeof(PendingTemp))
    throw InputError("cannot write '" + Path + "': path too long");
  std::memcpy(PendingTemp, Template.c_str(), Template.size() + 1);
  // mkstemp opens with O_EXCL: a name planted between the choice and the
  // open is never opened, whatever it is.
  int Fd = ::mkstemp(PendingTemp);
  if (Fd < 0)
    fail(Path, errno);
  HavePending = true;
  std::exception_ptr Thrown;
  int Err = streamTo(Fd, [&](llvm::raw_ostream &OS) { OS << Contents; }, Thrown);
  if (::close(Fd) != 0 && !Err)
    Err = errno;
  // rename() replaces the name itself: a symbolic link there is replaced,
  // its target untouched.
  if (!Err && ::rename(PendingTemp, Path.c_str()) != 0)
    Err = errno;
  if (Err)
    ::unlink(PendingTemp);
  HavePending = false;
  if (Err)
    fail(Path, Err);
}

void ensureOwnedDirectory(const std::string &Dir) {
  if (::mkdir(Dir.c_str(), 0700) != 0 && errno != EEXIST) {
    int Err = errno;
    if (Err != ENOENT)
      throw InputError("cannot create '" + Dir + "': " + std::strerror(Err));
    // A missing parent: the parents are made the ordinary way (they may be
    // links the user made), then this folder.
    std::error_code EC = llvm::sys::fs::create_directories(parentDir(Dir));
    if (EC)
      throw InputError("cannot create '" + parentDir(Dir) + "': " + EC.message());
    if (::mkdir(Dir.c_str(), 0700) != 0 && errno != EEXIST)
      throw InputError("cannot create '" + Dir + "': " + std::strerror(errno));
  }
  struct stat St;
  if (::lstat(Dir.c_str(), &St) != 0)
    throw InputError("cannot read '" + Dir + "': " + std::strerror(errno));
  if (S_ISLNK(St.st_mode))
    throw InputError("'" + Dir + "' is a symbolic link, not a folder carcinize made");
  if (!S_ISDIR(St.st_mode))
    throw InputError("'" + Dir + "' is not a folder");
  if (St.st_uid != ::geteuid())
    throw InputError("'" + Dir + "' belongs to another user (uid " + std::to_string(St.st_uid) +
                     ")");
}

void removePendingOutputs() {
  if (HavePending.exchange(false))
    ::unlink(PendingTemp);
}

} // namespace carcinize
