#include "check/GitDiff.h"

#include "check/Git.h"
#include "support/Error.h"

#include <llvm/ADT/SmallVector.h>
#include <llvm/ADT/StringRef.h>

#include <algorithm>
#include <cstdint>

namespace carcinize {

bool ChangedLines::contains(const std::string &File, unsigned Line) const {
  if (WholeFiles.count(File))
    return true;
  auto It = Ranges.find(File);
  if (It == Ranges.end())
    return false;
  const auto &R = It->second;
  auto Pos = std::upper_bound(R.begin(), R.end(), std::make_pair(Line, ~0u));
  return Pos != R.begin() && std::prev(Pos)->first <= Line && Line <= std::prev(Pos)->second;
}

namespace {

/// A path as git prints it after "+++ ": `b/path`, or C-quoted
/// `"b/p\303\251th"` when it holds unusual bytes; "/dev/null" when deleted.
std::string diffPath(llvm::StringRef S) {
  S = S.rtrim("\r");
  std::string Out;
  if (S.starts_with("\"") && S.size() >= 2 && S.ends_with("\"")) {
    S = S.drop_front().drop_back();
    for (size_t I = 0; I < S.size(); ++I) {
      char C = S[I];
      if (C != '\\' || I + 1 == S.size()) {
        Out += C;
        continue;
      }
      char E = S[++I];
      switch (E) {
      case 'n': Out += '\n'; break;
      case 't': Out += '\t'; break;
      case 'r': Out += '\r'; break;
      case 'a': Out += '\a'; break;
      case 'b': Out += '\b'; break;
      case 'f': Out += '\f'; break;
      case 'v': Out += '\v'; break;
      default:
        if (E >= '0' && E <= '7') {
          // Up to three octal digits: one byte of a UTF-8 name.
          unsigned V = 0;
          for (size_t K = 0; K < 3 && I < S.size() && S[I] >= '0' && S[I] <= '7'; ++K, ++I)
            V = V * 8 + (S[I] - '0');
          --I;
          Out += static_cast<char>(V);
        } else {
          Out += E; // a quote or a backslash
        }
      }
    }
  } else {
    Out = S.str();
  }
  if (Out == "/dev/null")
    return "";
  if (llvm::StringRef(Out).starts_with("b/"))
    Out = Out.substr(2);
  return Out;
}

/// "12,3" or "12" -> (12, 3) / (12, 1). False when unreadable, or when the
/// range's last line would not fit in an unsigned (it would wrap around).
bool parseRange(llvm::StringRef S, unsigned &Start, unsigned &Count) {
  auto [A, B] = S.split(',');
  Count = 1;
  if (A.getAsInteger(10, Start))
    return false;
  if (!B.empty() && B.getAsInteger(10, Count))
    return false;
  return Count == 0 || Start <= ~0u - (Count - 1);
}

} // namespace

ChangedLines parseUnifiedDiff(const std::string &Diff) {
  ChangedLines Out;
  std::string File;
  llvm::StringRef Rest = Diff;
  unsigned LineNo = 0;
  while (!Rest.empty()) {
    llvm::StringRef Line;
    std::tie(Line, Rest) = Rest.split('\n');
    ++LineNo;
    if (Line.starts_with("diff --git ")) {
      File.clear();
    } else if (Line.starts_with("+++ ")) {
      File = diffPath(Line.drop_front(4));
    } else if (Line.starts_with("@@ ") && !File.empty()) {
      // @@ -a[,b] +c[,d] @@ context
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      Line.split(Parts, ' ', 4, false);
      unsigned Start = 0, Count = 0;
      if (Parts.size() < 4 || !Parts[2].starts_with("+") ||
          !parseRange(Parts[2].drop_front(), Start, Count))
        throw InputError("git diff: line " + std::to_string(LineNo) +
                         ": unreadable hunk header '" + Line.str() + "'");
      if (Count)
        Out.Ranges[File].push_back({Start, Start + Count - 1});
    }
  }
  for (auto &[F, R] : Out.Ranges) {
    std::sort(R.begin(), R.end());
    std::vector<std::pair<unsigned, unsigned>> Merged;
    for (const auto &P : R)
      // In 64 bits: a range ending on the last unsigned line must not wrap.
      if (!Merged.empty() && P.first <= uint64_t(Merged.back().second) + 1)
        Merged.back().second = std::max(Merged.back().second, P.second);
      else
        Merged.push_back(P);
    R = std::move(Merged);
  }
  return Out;
}

/// Why \p Rev cannot be diffed against, and how to get it: CI clones are
/// shallow by default (actions/checkout fetches one commit), so the base a
/// pull request is compared with is usually just not fetched.
static std::string missingRevisionAdvice(const std::string &Root, const std::string &Rev) {
  std::string Out, Error;
  bool Shallow = runGit(Root, {"rev-parse", "--is-shallow-repository"}, Out, Error) &&
                 llvm::StringRef(Out).trim() == "true";
  std::string Fetch;
  // origin/main: a branch of a remote this clone knows.
  auto [Remote, Branch] = llvm::StringRef(Rev).split('/');
  std::string Remotes;
  if (!Branch.empty() && runGit(Root, {"remote"}, Remotes, Error)) {
    llvm::SmallVector<llvm::StringRef, 4> Names;
    llvm::StringRef(Remotes).split(Names, '\n', -1, false);
    for (llvm::StringRef N : Names)
      if (N.trim() == Remote)
        Fetch = "'git fetch " + Remote.str() + " " + Branch.str() + ":refs/remotes/" + Rev + "'";
  }
  if (Fetch.empty())
    Fetch = "'git fetch' the commit";
  return "'" + Rev + "' is not in this clone" +
         (Shallow ? " (a shallow clone, as actions/checkout makes by default)" : "") +
         "; fetch it first: " + Fetch +
         ", or check out the whole history (actions/checkout: 'fetch-depth: 0'; GitLab: "
         "GIT_DEPTH: 0)";
}

ChangedLines changedSince(const std::string &Root, const std::string &Rev) {
  std::string Diff, Error;
  if (Rev.empty() || Rev.front() == '-')
    throw InputError("--diff: '" + Rev + "' is not a revision");
  std::string Commit;
  if (!runGit(Root, {"rev-parse", "--verify", "--quiet", Rev + "^{commit}"}, Commit, Error)) {
    // Not a repository, or git missing: git's own message says which.
    std::string Top;
    if (!runGit(Root, {"rev-parse", "--git-dir"}, Top, Error))
      throw InputError("--diff " + Rev + ": " + Error);
    throw InputError("--diff " + Rev + ": " + missingRevisionAdvice(Root, Rev));
  }
  if (!runGit(Root, {"-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-ext-diff",
                     "--relative", Rev, "--", "."},
              Diff, Error))
    throw InputError("--diff " + Rev + ": " + Error);
  ChangedLines Out = parseUnifiedDiff(Diff);
  std::string Untracked;
  if (runGit(Root, {"ls-files", "-z", "--others", "--exclude-standard", "--", "."}, Untracked,
             Error)) {
    llvm::StringRef Rest = Untracked;
    while (!Rest.empty()) {
      llvm::StringRef F;
      std::tie(F, Rest) = Rest.split('\0');
      if (!F.empty())
        Out.WholeFiles.insert(F.str());
    }
  }
  return Out;
}

} // namespace carcinize
