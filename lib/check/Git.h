#pragma once
/// \file Running git, for the options that ask for it (--history, --diff).
/// git is the only program carcinize runs on its own; compilers never are.

#include <string>
#include <vector>

namespace carcinize {

/// Runs `git -C Dir Args...`, stdout into \p Out. Returns false (with the
/// reason in \p Error: git missing, not a repository, git's own message)
/// when git cannot be run or exits non-zero.
bool runGit(const std::string &Dir, const std::vector<std::string> &Args, std::string &Out,
            std::string &Error);

} // namespace carcinize
