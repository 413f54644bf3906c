#pragma once
/// \file Reading the history of the scanned tree from git, by default when
/// the tree is inside a git work tree (rank/History.h parses and scores it).

#include "rank/History.h"

#include <string>

namespace carcinize {

/// The history of \p Root: `git log --no-merges --name-only --relative` of
/// the commits of the last Options.FixMonths before HEAD, at most
/// Options.MaxCommits, read through runGit (no program of the tree's
/// configuration runs), with a timeout and a bound on the output. Never
/// throws: when there is no usable history (git missing, not a work tree,
/// no commit, a shallow clone, an error), Available is false and WhyNot says
/// why, in words for a note.
RepoHistory readGitHistory(const std::string &Root, const HistoryOptions &Options = {});

} // namespace carcinize
