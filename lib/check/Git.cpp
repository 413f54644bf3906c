#include "check/Git.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Program.h>

#include <optional>

extern char **environ;

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
  std::string read(size_t Max = 0, bool *Truncated = nullptr) const {
    uint64_t Size = 0;
    if (Max && !llvm::sys::fs::file_size(Path, Size) && Size > Max) {
      if (Truncated)
        *Truncated = true;
      auto Buf = llvm::MemoryBuffer::getFileSlice(Path, Max, 0);
      return Buf ? (*Buf)->getBuffer().str() : std::string();
    }
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    return Buf ? (*Buf)->getBuffer().str() : std::string();
  }
};

} // namespace

/// The environment git runs in: the user's, less what could make git run a
/// program or read a configuration the user did not choose, plus switches
/// that keep it read-only and silent.
std::vector<std::string> gitEnvironment() {
  static const char *const Dropped[] = {"GIT_PAGER=",        "PAGER=",
                                        "GIT_EXTERNAL_DIFF=", "GIT_CONFIG_PARAMETERS=",
                                        "GIT_CONFIG_COUNT=",  "GIT_CONFIG_SYSTEM=",
                                        "GIT_ASKPASS=",       "SSH_ASKPASS=",
                                        "GIT_SSH=",           "GIT_SSH_COMMAND=",
                                        "GIT_EDITOR="};
  std::vector<std::string> Env;
  for (char **E = environ; E && *E; ++E) {
    llvm::StringRef V(*E);
    bool Drop = V.starts_with("GIT_CONFIG_KEY_") || V.starts_with("GIT_CONFIG_VALUE_");
    for (const char *D : Dropped)
      Drop = Drop || V.starts_with(D);
    if (!Drop)
      Env.push_back(V.str());
  }
  for (const char *Set : {"GIT_CONFIG_NOSYSTEM=1", "GIT_PAGER=cat", "PAGER=cat",
                          "GIT_TERMINAL_PROMPT=0", "GIT_NO_LAZY_FETCH=1", "GIT_OPTIONAL_LOCKS=0",
                          "GIT_NO_REPLACE_OBJECTS=1"})
    Env.push_back(Set);
  return Env;
}

bool runGit(const std::string &Dir, const std::vector<std::string> &Args, std::string &Out,
            std::string &Error, const GitLimits &Limits) {
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
  // Settings of the repository's own .git/config that would run a program
  // (a hostile tree ships its config with the clone's of a submodule or an
  // unpacked archive) are overridden on the command line, which wins.
  std::vector<llvm::StringRef> Argv = {*Git,
                                       "--no-pager",
                                       "-c", "core.fsmonitor=false",
                                       "-c", "core.pager=cat",
                                       "-c", "log.showSignature=false",
                                       "-c", "core.hooksPath=/dev/null",
                                       "-c", "gc.auto=0",
                                       "-c", "maintenance.auto=false",
                                       "-c", "core.quotePath=false",
                                       "-C", Dir};
  for (const auto &A : Args)
    Argv.push_back(A);
  std::vector<std::string> EnvStrings = gitEnvironment();
  std::vector<llvm::StringRef> Env(EnvStrings.begin(), EnvStrings.end());
  std::string ExecError;
  bool Failed = false;
  int RC = llvm::sys::ExecuteAndWait(*Git, Argv, Env, Redirects, Limits.TimeoutSeconds, 0,
                                     &ExecError, &Failed);
  if (RC != 0) {
    std::string Msg = StdErr.read();
    llvm::StringRef First = llvm::StringRef(Msg).split('\n').first.trim();
    Error = !First.empty() ? First.str()
            : !ExecError.empty() ? ExecError
                                 : "git exited with code " + std::to_string(RC);
    return false;
  }
  Out = StdOut.read(Limits.MaxOutput, Limits.Truncated);
  return true;
}

} // namespace carcinize
