#pragma once
/// \file The git history of the scanned tree as evidence for the ranking:
/// how often and how recently each file changed, and which of its commits
/// fixed a memory-safety bug. Plain C++: the text of `git log` is parsed
/// here, git itself is run by check/GitHistory.h. docs/scoring.md
/// ("History") states how it enters the value and why.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace carcinize {

/// The windows and bounds of the history read.
struct HistoryOptions {
  unsigned ChurnMonths = 24; ///< commits counted as churn: this far before HEAD
  unsigned FixMonths = 60;   ///< commits searched for security fixes: this far
  unsigned MaxCommits = 20000; ///< git log --max-count: bounds time and output
  /// A commit touching more files is a tree-wide edit (reformatting, a
  /// rename, a licence header, an import): it says nothing about where
  /// bugs are, and is not counted.
  unsigned MaxFilesPerCommit = 100;
};

/// One commit of the history that touched a file of the scan.
struct HistoryCommit {
  int64_t Time = 0;         ///< committer time, seconds since 1970
  std::string Subject;      ///< first line of the message, on one line
  std::string FixKeyword;   ///< the security-fix keyword it matched, or ""
};

/// The history of the tree, or why there is none.
struct RepoHistory {
  bool Available = false;
  std::string WhyNot;       ///< when !Available: shown in a note
  int64_t Reference = 0;    ///< HEAD's committer time: "now" for the windows
  HistoryOptions Options;
  unsigned CommitsRead = 0; ///< commits parsed (before the per-commit file bound)
  unsigned TreeWideCommits = 0; ///< commits left out for touching too many files
  bool Truncated = false;   ///< --max-count or the output bound was reached
  std::vector<HistoryCommit> Commits;
  /// File (relative to the scanned root) -> indexes into Commits, newest first.
  std::map<std::string, std::vector<uint32_t>> ByFile;
};

/// The keyword of \p Message (subject and body) that says the commit fixed a
/// memory-safety bug, or "" when none does. The list and why: docs/scoring.md.
std::string securityFixKeyword(std::string_view Message);

/// The git log format parseGitLog() reads (`--format=` of check/GitHistory).
extern const char *const GitLogFormat;

/// Parses the output of `git log --no-merges --name-only --relative
/// --format=GitLogFormat` into \p H (Reference and Options set by the
/// caller). Paths that are absolute, hold a `..` component or are quoted
/// by git (control characters) are ignored: they are not files of the scan.
void parseGitLog(std::string_view Text, RepoHistory &H);

/// A module's history, summed over its files (a commit counted once).
struct ModuleHistory {
  unsigned Commits = 0;       ///< in the churn window
  double WeightedCommits = 0; ///< the same, each weighted by its recency
  int64_t Latest = 0;         ///< newest commit (any window), 0: none
  unsigned Fixes = 0;         ///< security-fix commits in the fix window
  int64_t LatestFix = 0;
  std::string LatestFixSubject;
  std::string LatestFixKeyword;
  double Churn = 0;           ///< 0..1 from WeightedCommits
  double FixScore = 0;        ///< 0..1 from Fixes
  double Score = 0;           ///< 0..1: what multiplies the value
};

/// The history of the module made of \p Files: counts and dates; the
/// scores are set by scoreHistory().
ModuleHistory moduleHistory(const RepoHistory &H, const std::vector<std::string> &Files);

/// Sets \p M's Churn, FixScore and Score. \p ChurnUnit is the weighted
/// commits at which churn reaches 63%: three times the median of the scan's
/// modules that changed (churn is relative to the project's own pace, as
/// size is to its median module).
void scoreHistory(ModuleHistory &M, double ChurnUnit);

/// "2024-03" for a time in seconds since 1970 (UTC).
std::string yearMonth(int64_t Time);

/// The reason a report shows for \p M ("changed in 14 commits in the last
/// 24 months (latest 2024-03); 3 fixed ..."), "" when nothing changed.
std::string describeHistory(const ModuleHistory &M, const HistoryOptions &O);

} // namespace carcinize
