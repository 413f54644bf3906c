#pragma once
/// \file Running git, for the options that ask for it (--history, --diff).
/// git is the only program carcinize runs on its own; compilers never are.

#include <string>
#include <vector>

namespace carcinize {

/// Bounds of one git run.
struct GitLimits {
  unsigned TimeoutSeconds = 300;
  /// At most this much of stdout is read (0: all); \c Truncated says when
  /// there was more.
  size_t MaxOutput = 0;
  bool *Truncated = nullptr;
};

/// Runs `git -C Dir Args...` read-only, stdout into \p Out. The scanned
/// tree's own configuration cannot make git run a program: no system
/// configuration (GIT_CONFIG_NOSYSTEM), no pager, no fsmonitor, no
/// signature check, no lazy fetch of a partial clone, no prompt, no
/// optional locks; the log and diff commands add --no-ext-diff and
/// --no-textconv themselves. Returns false (with the reason in \p Error:
/// git missing, not a repository, git's own message, a timeout) when git
/// cannot be run or exits non-zero.
bool runGit(const std::string &Dir, const std::vector<std::string> &Args, std::string &Out,
            std::string &Error, const GitLimits &Limits = GitLimits());

} // namespace carcinize
