#include "rank/History.h"

#include "support/Text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace carcinize {

namespace {

constexpr double SecondsPerMonth = 30.436875 * 86400;

/// Keywords of a commit message that says it fixed a memory-safety bug,
/// matched anywhere in the lowercased message. Each names the bug a Rust
/// rewrite removes, or the tools that find those bugs:
/// - a CVE id: a published vulnerability;
/// - overflow, underflow, overrun, over-read, out of bounds: the classes
///   of memory-safety bugs (buffer, heap, stack and integer overflows);
/// - use after free, double free, uninitialised memory, null dereference:
///   the lifetime and initialisation bugs;
/// - AddressSanitizer's report names (heap-buffer-overflow, ...) and the
///   fuzzers that find them (oss-fuzz, clusterfuzz, fuzz): a fuzzer's bug
///   in C is a memory-safety bug far more often than not;
/// - crash, segfault: the symptom by which most of them are reported;
/// - vulnerability, security fix.
/// A list, not a classifier: a message with none of these is not counted.
const char *const Substrings[] = {
    "cve-",           "overflow",          "underflow",        "overrun",
    "overread",       "over-read",         "out of bounds",    "out-of-bounds",
    "use after free", "use-after-free",    "double free",      "double-free",
    "heap-buffer",    "stack-buffer",      "global-buffer",    "addresssanitizer",
    "memorysanitizer", "oss-fuzz",         "ossfuzz",          "clusterfuzz",
    "fuzz",           "crash",             "segfault",         "invalid read",
    "invalid write",  "uninitialized",     "uninitialised",    "null pointer deref",
    "null deref",     "null-pointer deref", "memory corruption", "vulnerab",
    "security fix",   "security issue",    "security bug",
};

/// Short keywords matched as whole words only ("oob" is not in "foobar").
const char *const Words[] = {"oob", "uaf", "asan", "msan", "segv"};

bool isWordChar(char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; }

/// Is \p P a relative path inside the root, as git prints it unquoted?
bool usablePath(std::string_view P) {
  if (P.empty() || P.front() == '/' || P.front() == '"')
    return false;
  size_t Start = 0;
  while (Start <= P.size()) {
    size_t End = P.find('/', Start);
    if (End == std::string_view::npos)
      End = P.size();
    std::string_view Part = P.substr(Start, End - Start);
    if (Part == ".." || Part == "." || Part.empty())
      return false;
    Start = End + 1;
  }
  for (unsigned char C : P)
    if (C < 0x20 || C == 0x7f)
      return false;
  return true;
}

} // namespace

const char *const GitLogFormat = "%x1e%ct%x1f%s%x1f%b%x1f";

std::string securityFixKeyword(std::string_view Message) {
  // Bounded: the keywords are in the subject or the first paragraphs.
  std::string Lower(Message.substr(0, 4000));
  for (char &C : Lower)
    C = static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  // A CVE id, not the word: "CVE-" followed by a year (a message that
  // lists the keywords, as this tool's own history does, fixed nothing).
  for (size_t At = Lower.find("cve-"); At != std::string::npos; At = Lower.find("cve-", At + 1))
    if (At + 8 <= Lower.size() && std::isdigit(static_cast<unsigned char>(Lower[At + 4])) &&
        std::isdigit(static_cast<unsigned char>(Lower[At + 7])))
      return "cve-";
  for (const char *K : Substrings)
    if (std::string_view(K) != "cve-" && Lower.find(K) != std::string::npos)
      return K;
  for (const char *W : Words) {
    std::string_view Word(W);
    for (size_t At = Lower.find(Word); At != std::string::npos; At = Lower.find(Word, At + 1)) {
      bool Before = At == 0 || !isWordChar(Lower[At - 1]);
      bool After = At + Word.size() >= Lower.size() || !isWordChar(Lower[At + Word.size()]);
      if (Before && After)
        return W;
    }
  }
  return "";
}

void parseGitLog(std::string_view Text, RepoHistory &H) {
  const int64_t FixWindow = static_cast<int64_t>(H.Options.FixMonths * SecondsPerMonth);
  size_t Pos = 0;
  while (Pos < Text.size()) {
    size_t Start = Text.find('\x1e', Pos);
    if (Start == std::string_view::npos)
      break;
    size_t End = Text.find('\x1e', Start + 1);
    std::string_view Record =
        Text.substr(Start + 1, (End == std::string_view::npos ? Text.size() : End) - Start - 1);
    Pos = End == std::string_view::npos ? Text.size() : End;

    // time \x1f subject \x1f body \x1f names
    std::string_view Fields[4];
    size_t From = 0;
    bool Whole = true;
    for (int F = 0; F < 3; ++F) {
      size_t Sep = Record.find('\x1f', From);
      if (Sep == std::string_view::npos) {
        Whole = false;
        break;
      }
      Fields[F] = Record.substr(From, Sep - From);
      From = Sep + 1;
    }
    if (!Whole)
      continue; // cut off by the output bound
    Fields[3] = Record.substr(From);
    ++H.CommitsRead;

    int64_t Time = 0;
    bool Digits = !Fields[0].empty();
    for (char C : Fields[0]) {
      if (C < '0' || C > '9' || Time > (INT64_MAX - 9) / 10) {
        Digits = false;
        break;
      }
      Time = Time * 10 + (C - '0');
    }
    if (!Digits)
      continue;
    if (H.Reference > 0 && H.Reference - Time > FixWindow)
      continue;

    std::vector<std::string_view> Names;
    size_t L = 0;
    while (L < Fields[3].size()) {
      size_t NL = Fields[3].find('\n', L);
      if (NL == std::string_view::npos)
        NL = Fields[3].size();
      std::string_view Line = trimView(Fields[3].substr(L, NL - L));
      if (usablePath(Line))
        Names.push_back(Line);
      L = NL + 1;
    }
    if (Names.empty())
      continue;
    if (Names.size() > H.Options.MaxFilesPerCommit) {
      ++H.TreeWideCommits;
      continue;
    }
    HistoryCommit C;
    C.Time = Time;
    C.Subject = printable(oneLine(Fields[1], 90));
    std::string Message(Fields[1]);
    Message += '\n';
    Message += Fields[2];
    C.FixKeyword = securityFixKeyword(Message);
    uint32_t Index = static_cast<uint32_t>(H.Commits.size());
    H.Commits.push_back(std::move(C));
    for (std::string_view N : Names) {
      auto &List = H.ByFile[std::string(N)];
      if (List.empty() || List.back() != Index)
        List.push_back(Index);
    }
  }
}

ModuleHistory moduleHistory(const RepoHistory &H, const std::vector<std::string> &Files) {
  ModuleHistory M;
  std::set<uint32_t> Seen;
  for (const auto &F : Files) {
    auto It = H.ByFile.find(F);
    if (It != H.ByFile.end())
      Seen.insert(It->second.begin(), It->second.end());
  }
  const double ChurnWindow = H.Options.ChurnMonths * SecondsPerMonth;
  const double FixWindow = H.Options.FixMonths * SecondsPerMonth;
  for (uint32_t I : Seen) {
    const HistoryCommit &C = H.Commits[I];
    double Age = std::max<double>(0, static_cast<double>(H.Reference - C.Time));
    M.Latest = std::max(M.Latest, C.Time);
    if (Age <= ChurnWindow) {
      ++M.Commits;
      // Recency: a commit's weight halves every twelve months.
      M.WeightedCommits += std::exp2(-Age / (12 * SecondsPerMonth));
    }
    if (!C.FixKeyword.empty() && Age <= FixWindow) {
      ++M.Fixes;
      if (C.Time > M.LatestFix || M.LatestFixSubject.empty()) {
        M.LatestFix = C.Time;
        M.LatestFixSubject = C.Subject;
        M.LatestFixKeyword = C.FixKeyword;
      }
    }
  }
  return M;
}

void scoreHistory(ModuleHistory &M, double ChurnUnit) {
  M.Churn = ChurnUnit > 0 ? 1 - std::exp(-M.WeightedCommits / ChurnUnit) : 0;
  M.FixScore = 1 - std::exp(-static_cast<double>(M.Fixes) / 2.0);
  // A past memory-safety fix is direct evidence of the bugs a rewrite
  // removes; churn only says where new code, and new bugs, come in.
  M.Score = (M.Churn + 2 * M.FixScore) / 3;
}

std::string yearMonth(int64_t Time) {
  std::time_t T = static_cast<std::time_t>(Time);
  std::tm Tm{};
  if (!gmtime_r(&T, &Tm))
    return "?";
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "%04d-%02d", Tm.tm_year + 1900, Tm.tm_mon + 1);
  return Buf;
}

std::string describeHistory(const ModuleHistory &M, const HistoryOptions &O) {
  std::string Out;
  if (M.Commits)
    Out = "changed in " + std::to_string(M.Commits) + " commit" + (M.Commits == 1 ? "" : "s") +
          " in the last " + std::to_string(O.ChurnMonths) + " months (latest " +
          yearMonth(M.Latest) + ")";
  else if (M.Latest)
    Out = "no commit in the last " + std::to_string(O.ChurnMonths) + " months (latest " +
          yearMonth(M.Latest) + ")";
  if (M.Fixes) {
    if (!Out.empty())
      Out += "; ";
    Out += std::to_string(M.Fixes) + " commit" + (M.Fixes == 1 ? "" : "s") + " in the last " +
           std::to_string(O.FixMonths) + " months " + (M.Fixes == 1 ? "says it" : "say they") +
           " fixed a memory-safety bug (latest " + yearMonth(M.LatestFix) + ": '" +
           M.LatestFixSubject + "', matched '" + M.LatestFixKeyword + "')";
  }
  return Out;
}

} // namespace carcinize
