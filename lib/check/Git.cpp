#include "check/Git.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Program.h>

#include <optional>

namespace carcinize {

namespace {

/// A temporary file removed when it goes out of scope.
struct TempFile {
  llvm::SmallString<128> Path;
  bool Ok;
  explicit TempFile(const char *Suffix)
      : Ok(!llvm::sys::fs::createTemporaryFile("carcinize-git", Suffix, Path)) {}
  ~TempFile() {
    if (Ok)
      llvm::sys::fs::remove(Path);
  }
  std::string read() const {
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    return Buf ? (*Buf)->getBuffer().str() : std::string();
  }
};

} // namespace

bool runGit(const std::string &Dir, const std::vector<std::string> &Args, std::string &Out,
            std::string &Error) {
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git) {
    Error = "git is not installed";
    return false;
  }
  TempFile StdOut("out"), StdErr("err");
  if (!StdOut.Ok || !StdErr.Ok) {
    Error = "cannot create a temporary file for git's output";
    return false;
  }
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef("/dev/null"),
                                                llvm::StringRef(StdOut.Path),
                                                llvm::StringRef(StdErr.Path)};
  std::vector<llvm::StringRef> Argv = {*Git, "-C", Dir};
  for (const auto &A : Args)
    Argv.push_back(A);
  std::string ExecError;
  int RC = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, /*Seconds=*/300, 0,
                                     &ExecError);
  if (RC != 0) {
    std::string Msg = StdErr.read();
    llvm::StringRef First = llvm::StringRef(Msg).split('\n').first.trim();
    Error = !First.empty() ? First.str()
            : !ExecError.empty() ? ExecError
                                 : "git exited with code " + std::to_string(RC);
    return false;
  }
  Out = StdOut.read();
  return true;
}

} // namespace carcinize
