#include "check/GitHistory.h"

#include "check/Git.h"
#include "support/Text.h"

#include <cmath>

namespace carcinize {

RepoHistory readGitHistory(const std::string &Root, const HistoryOptions &Options) {
  RepoHistory H;
  H.Options = Options;
  std::string Out, Error;
  // Inside a work tree? (An exported archive, or a folder of a tree that is
  // not under git, has no history: the ranking goes on without it.)
  if (!runGit(Root, {"rev-parse", "--is-inside-work-tree", "--is-shallow-repository"}, Out,
              Error, {30, 4096})) {
    H.WhyNot = Error.find("not a git repository") != std::string::npos
                   ? "not inside a git work tree"
                   : Error;
    return H;
  }
  if (Out.rfind("true", 0) != 0) {
    H.WhyNot = "not inside a git work tree";
    return H;
  }
  if (Out.find("\ntrue") != std::string::npos) {
    // A shallow clone's oldest commit shows every file as added, and its
    // history is cut at an arbitrary depth: not evidence.
    H.WhyNot = "a shallow clone (git fetch --unshallow gives the history)";
    return H;
  }
  if (!runGit(Root, {"log", "-1", "--no-show-signature", "--format=%ct", "HEAD", "--"}, Out,
              Error, {30, 4096})) {
    H.WhyNot = Error;
    return H;
  }
  H.Reference = std::atoll(trim(Out).c_str());
  if (H.Reference <= 0) {
    H.WhyNot = "HEAD has no commit time";
    return H;
  }
  long long Since =
      H.Reference - static_cast<long long>(Options.FixMonths * 30.436875 * 86400);
  bool Truncated = false;
  if (!runGit(Root,
              {"log", "--no-merges", "--no-show-signature", "--no-ext-diff", "--no-textconv",
               "--no-color", "--no-renames", "--name-only", "--relative",
               "--max-count=" + std::to_string(Options.MaxCommits),
               "--since=@" + std::to_string(Since), std::string("--format=") + GitLogFormat,
               "HEAD", "--", "."},
              Out, Error, {120, size_t(64) << 20, &Truncated})) {
    H.WhyNot = Error;
    return H;
  }
  parseGitLog(Out, H);
  H.Truncated = Truncated || H.CommitsRead >= Options.MaxCommits;
  H.Available = true;
  return H;
}

} // namespace carcinize
