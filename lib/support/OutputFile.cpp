#include "support/OutputFile.h"

#include "support/Error.h"
#include "support/Paths.h"

#include <llvm/Support/raw_ostream.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
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

void writeFileAtomically(const std::string &Path,
                         llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  std::string Dir = parentDir(Path);
  std::string Template = Dir + "/.carcinize-tmp-XXXXXX";
  if (Template.size() >= sizeof(PendingTemp))
    throw InputError("cannot write '" + Path + "': path too long");
  std::memcpy(PendingTemp, Template.c_str(), Template.size() + 1);
  int Fd = ::mkstemp(PendingTemp);
  if (Fd < 0)
    fail(Path, errno);
  HavePending = true;
  auto Abandon = [&] {
    ::close(Fd);
    ::unlink(PendingTemp);
    HavePending = false;
  };
  int Err = 0;
  std::exception_ptr Thrown;
  {
    // raw_fd_ostream retries EINTR and short writes; it records the first
    // error, which must be cleared before it is destroyed (else it aborts),
    // and it is flushed while the descriptor is still open.
    llvm::raw_fd_ostream OS(Fd, /*shouldClose=*/false, /*unbuffered=*/false);
    try {
      Write(OS);
    } catch (...) {
      Thrown = std::current_exception();
    }
    OS.flush();
    if (OS.has_error()) {
      Err = OS.error().value();
      OS.clear_error();
    }
  }
  if (Thrown) {
    Abandon();
    std::rethrow_exception(Thrown);
  }
  if (Err) {
    Abandon();
    fail(Path, Err);
  }
  ::fchmod(Fd, 0644);
  if (::close(Fd) != 0 || ::rename(PendingTemp, Path.c_str()) != 0) {
    Err = errno;
    ::unlink(PendingTemp);
    HavePending = false;
    fail(Path, Err);
  }
  HavePending = false;
}

void removePendingOutputs() {
  if (HavePending.exchange(false))
    ::unlink(PendingTemp);
}

} // namespace carcinize
