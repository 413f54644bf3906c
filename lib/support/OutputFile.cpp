#include "support/OutputFile.h"

#include "support/Error.h"
#include "support/Paths.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
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
  std::string Dir = parentDir(Path);
  std::string Template = Dir + "/.carcinize-tmp-XXXXXX";
  if (Template.size() >= sizeof(PendingTemp))
    throw InputError("cannot write '" + Path + "': path too long");
  std::memcpy(PendingTemp, Template.c_str(), Template.size() + 1);
  int Fd = ::mkstemp(PendingTemp);
  if (Fd < 0)
    fail(Path, errno);
  HavePending = true;
  const char *Data = Contents.data();
  size_t Left = Contents.size();
  while (Left > 0) {
    ssize_t N = ::write(Fd, Data, Left);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0) {
      int Err = errno;
      ::close(Fd);
      ::unlink(PendingTemp);
      HavePending = false;
      fail(Path, Err);
    }
    Data += N;
    Left -= static_cast<size_t>(N);
  }
  ::fchmod(Fd, 0644);
  if (::close(Fd) != 0 || ::rename(PendingTemp, Path.c_str()) != 0) {
    int Err = errno;
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
