#pragma once
/// \file `check --diff REV`: the lines added or changed since a revision,
/// from `git diff` (and untracked files, which are wholly new). Plain C++;
/// the parser takes the diff's text, so it is tested without git.

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace carcinize {

/// Lines added or changed, per file (paths relative to the scanned root).
struct ChangedLines {
  /// File -> sorted, disjoint [first, last] line ranges.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> Ranges;
  /// Files that are new as a whole (untracked).
  std::set<std::string> WholeFiles;

  /// True when line \p Line of \p File was added or changed.
  bool contains(const std::string &File, unsigned Line) const;
};

/// Parses the output of `git diff -U0 --relative` (unified format, with
/// git's C-quoted names). Deleted files and pure deletions add nothing.
/// Throws InputError on a hunk header it cannot read.
ChangedLines parseUnifiedDiff(const std::string &Diff);

/// Runs git in \p Root: `git diff -U0 REV -- .` relative to Root, plus the
/// untracked files. Throws InputError naming REV when git fails.
ChangedLines changedSince(const std::string &Root, const std::string &Rev);

} // namespace carcinize
