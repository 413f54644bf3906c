#include "support/Paths.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace carcinize {

std::string absolutePath(std::string_view Path, std::string_view Base) {
  llvm::SmallString<256> P(Path.begin(), Path.end());
  if (!llvm::sys::path::is_absolute(P)) {
    llvm::SmallString<256> B;
    if (Base.empty())
      llvm::sys::fs::current_path(B);
    else
      B.assign(Base.begin(), Base.end());
    llvm::sys::path::append(B, P);
    P = B;
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  std::string Out(P.str());
  while (Out.size() > 1 && Out.back() == '/')
    Out.pop_back();
  return Out;
}

bool isUnder(std::string_view Path, std::string_view Dir) {
  if (Dir == "/")
    return !Path.empty() && Path[0] == '/';
  if (Path.size() < Dir.size() || Path.compare(0, Dir.size(), Dir) != 0)
    return false;
  return Path.size() == Dir.size() || Path[Dir.size()] == '/';
}

std::string relativeTo(std::string_view Path, std::string_view Root) {
  if (!isUnder(Path, Root))
    return std::string(Path);
  if (Path.size() == Root.size())
    return ".";
  size_t Skip = Root == "/" ? 1 : Root.size() + 1;
  return std::string(Path.substr(Skip));
}

std::string parentDir(std::string_view Path) {
  std::string P(llvm::sys::path::parent_path(llvm::StringRef(Path.data(), Path.size())));
  if (P.empty())
    return Path.size() && Path[0] == '/' ? "/" : ".";
  return P;
}

std::string_view baseName(std::string_view Path) {
  size_t Slash = Path.rfind('/');
  return Slash == std::string_view::npos ? Path : Path.substr(Slash + 1);
}

std::string_view extensionOf(std::string_view Path) {
  std::string_view Base = baseName(Path);
  size_t Dot = Base.rfind('.');
  if (Dot == std::string_view::npos || Dot == 0)
    return {};
  return Base.substr(Dot);
}

std::string commonAncestor(const std::vector<std::string> &Paths) {
  if (Paths.empty())
    return absolutePath(".");
  std::string Common = Paths.front();
  for (const std::string &P : Paths)
    while (!isUnder(P, Common))
      Common = parentDir(Common);
  return Common;
}

std::unique_ptr<llvm::MemoryBuffer> readRegularFile(const std::string &Path, bool NullTerminated) {
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Path, St) || !llvm::sys::fs::is_regular_file(St))
    return nullptr;
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false, NullTerminated);
  if (!Buf)
    return nullptr;
  return std::move(*Buf);
}

std::string realPath(const std::string &Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return "";
  return std::string(Real.str());
}

bool resolvesUnder(const std::string &Path, const std::string &Dir) {
  std::string P = realPath(Path), D = realPath(Dir);
  return !P.empty() && !D.empty() && isUnder(P, D);
}

std::unique_ptr<llvm::MemoryBuffer> readOwnedFile(const std::string &Path) {
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (Fd < 0)
    return nullptr;
  struct stat St;
  std::unique_ptr<llvm::MemoryBuffer> Out;
  if (::fstat(Fd, &St) == 0 && S_ISREG(St.st_mode) && St.st_uid == ::geteuid()) {
    auto Buf = llvm::MemoryBuffer::getOpenFileSlice(Fd, Path, static_cast<uint64_t>(St.st_size),
                                                    0, /*IsVolatile=*/false);
    if (Buf)
      Out = std::move(*Buf);
  }
  ::close(Fd);
  return Out;
}

} // namespace carcinize
