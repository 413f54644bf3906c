#include "support/BoundedInput.h"

#include "support/Error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace carcinize {

std::unique_ptr<llvm::MemoryBuffer> readInputFile(const std::string &Path, const std::string &What,
                                                  uint64_t MaxBytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is
  // checked on the descriptor, so the file read is the file checked.
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (Fd < 0)
    throw InputError(Path + ": cannot read the " + What + ": " + std::strerror(errno));
  struct stat St;
  if (::fstat(Fd, &St) != 0) {
    int Err = errno;
    ::close(Fd);
    throw InputError(Path + ": cannot read the " + What + ": " + std::strerror(Err));
  }
  if (!S_ISREG(St.st_mode)) {
    ::close(Fd);
    throw InputError(Path + ": the " + What + " must be a regular file, not " +
                     (S_ISDIR(St.st_mode)    ? "a folder"
                      : S_ISCHR(St.st_mode)  ? "a character device"
                      : S_ISBLK(St.st_mode)  ? "a block device"
                      : S_ISFIFO(St.st_mode) ? "a pipe"
                      : S_ISSOCK(St.st_mode) ? "a socket"
                                             : "a special file"));
  }
  if (static_cast<uint64_t>(St.st_size) > MaxBytes) {
    ::close(Fd);
    throw InputError(Path + ": the " + What + " is " + std::to_string(St.st_size) +
                     " bytes; at most " + std::to_string(MaxBytes) + " are read");
  }
  auto Buf = llvm::MemoryBuffer::getOpenFileSlice(Fd, Path, static_cast<uint64_t>(St.st_size), 0,
                                                  /*IsVolatile=*/false);
  ::close(Fd);
  if (!Buf)
    throw InputError(Path + ": cannot read the " + What + ": " + Buf.getError().message());
  return std::move(*Buf);
}

std::string jsonTooDeepAt(llvm::StringRef Text) {
  unsigned Depth = 0, Line = 1;
  size_t LineStart = 0;
  bool InString = false, Escaped = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '\n') {
      ++Line;
      LineStart = I + 1;
    }
    if (InString) {
      if (Escaped)
        Escaped = false;
      else if (C == '\\')
        Escaped = true;
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > MaxJsonDepth)
        return std::to_string(Line) + ":" + std::to_string(I - LineStart + 1);
    } else if ((C == ']' || C == '}') && Depth > 0) {
      --Depth;
    }
  }
  return "";
}

llvm::Expected<llvm::json::Value> parseJsonBounded(llvm::StringRef Text, const std::string &Name,
                                                   bool NameHasLine) {
  std::string At = jsonTooDeepAt(Text);
  if (!At.empty() && NameHasLine)
    At = At.substr(At.find(':') + 1);
  if (!At.empty())
    throw InputError(Name + ":" + At + ": JSON nested deeper than " +
                     std::to_string(MaxJsonDepth) + " levels");
  return llvm::json::parse(Text);
}

} // namespace carcinize
