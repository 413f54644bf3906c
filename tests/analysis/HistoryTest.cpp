// The git history as ranking evidence (rank/History.h): the security-fix
// keywords, the parser of `git log` output, a module's counts and scores.
#include "rank/History.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace carcinize;

namespace {

/// One commit as `git log --name-only --format=GitLogFormat` prints it.
std::string commit(long long Time, const std::string &Subject, const std::string &Body,
                   const std::vector<std::string> &Files) {
  std::string S = "\x1e" + std::to_string(Time) + "\x1f" + Subject + "\x1f" + Body + "\x1f\n\n";
  for (const auto &F : Files)
    S += F + "\n";
  return S;
}

} // namespace

TEST(HistoryTest, SecurityFixKeywords) {
  EXPECT_EQ(securityFixKeyword("Fix CVE-2023-4863 in the Huffman decoder"), "cve-");
  EXPECT_EQ(securityFixKeyword("lib: heap-buffer-overflow in parse_hdr"), "overflow");
  EXPECT_EQ(securityFixKeyword("Avoid out-of-bounds read"), "out-of-bounds");
  EXPECT_EQ(securityFixKeyword("x\n\nFound by OSS-Fuzz, issue 123"), "oss-fuzz");
  EXPECT_EQ(securityFixKeyword("fix use after free of the session"), "use after free");
  EXPECT_EQ(securityFixKeyword("Don't crash on an empty header"), "crash");
  EXPECT_EQ(securityFixKeyword("fix OOB read"), "oob");
  EXPECT_EQ(securityFixKeyword("ASAN: invalid pointer"), "asan");
  // Whole words only for the short ones; no keyword, no fix.
  EXPECT_EQ(securityFixKeyword("rename foobar to bazqux"), "");
  EXPECT_EQ(securityFixKeyword("Update the README, bump the version"), "");
  EXPECT_EQ(securityFixKeyword("support BASAN encoding"), "");
  // "CVE-" must be an id: a message that only names the word fixed nothing.
  EXPECT_EQ(securityFixKeyword("Ranking: messages naming CVE-, or a list"), "");
  EXPECT_EQ(securityFixKeyword("see cve-2019-5482"), "cve-");
}

TEST(HistoryTest, ParsesTheLogAndKeepsPathsInsideTheRoot) {
  RepoHistory H;
  H.Reference = 1700000000;
  std::vector<std::string> Many;
  for (unsigned I = 0; I < 101; ++I)
    Many.push_back("src/f" + std::to_string(I) + ".c");
  std::string Text =
      commit(1700000000, "parse: fix heap overflow", "Reported by someone", {"src/parse.c", "src/parse.h"}) +
      commit(1690000000, "tidy \x1b[2Jup", "", {"src/parse.c", "../outside.c", "/etc/passwd",
                                               "\"src/quo\\ted.c\"", "src/./x.c"}) +
      commit(1680000000, "reformat everything", "", Many) +
      // Older than the fix window (60 months): not read.
      commit(1700000000 - 61LL * 2629746, "fix crash", "", {"src/old.c"}) +
      // Cut off by the output bound: not a whole record.
      "\x1e" "1690000000\x1fhalf";
  parseGitLog(Text, H);
  EXPECT_EQ(H.CommitsRead, 4u);
  EXPECT_EQ(H.TreeWideCommits, 1u);
  ASSERT_EQ(H.Commits.size(), 2u);
  EXPECT_EQ(H.Commits[0].FixKeyword, "overflow");
  EXPECT_EQ(H.Commits[1].FixKeyword, "");
  EXPECT_EQ(H.Commits[1].Subject, "tidy \\x1b[2Jup") << "no terminal escape from a commit";
  EXPECT_EQ(H.ByFile["src/parse.c"], (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(H.ByFile["src/parse.h"], (std::vector<uint32_t>{0}));
  EXPECT_EQ(H.ByFile.count("../outside.c"), 0u);
  EXPECT_EQ(H.ByFile.count("/etc/passwd"), 0u);
  EXPECT_EQ(H.ByFile.count("src/./x.c"), 0u);
  EXPECT_EQ(H.ByFile.count("src/f0.c"), 0u) << "tree-wide commits are not counted";
  EXPECT_EQ(H.ByFile.count("src/old.c"), 0u);
  EXPECT_EQ(H.ByFile.size(), 2u);
}

TEST(HistoryTest, ModuleCountsEachCommitOnceWeighsRecencyAndScores) {
  RepoHistory H;
  H.Reference = 1700000000;
  const long long Month = 2629746;
  H.Commits = {{H.Reference, "a", ""},
               {H.Reference - 12 * Month, "Fix double free", "double free"},
               {H.Reference - 30 * Month, "old change", ""},
               {H.Reference - 50 * Month, "fix CVE-1", "cve-"}};
  H.ByFile["a.c"] = {0, 1, 2, 3};
  H.ByFile["a.h"] = {0, 1};
  ModuleHistory M = moduleHistory(H, {"a.c", "a.h"});
  EXPECT_EQ(M.Commits, 2u) << "two in the last 24 months, each counted once";
  EXPECT_NEAR(M.WeightedCommits, 1 + 0.5, 1e-3) << "a year old weighs half";
  EXPECT_EQ(M.Fixes, 2u);
  EXPECT_EQ(M.LatestFix, H.Reference - 12 * Month);
  EXPECT_EQ(M.LatestFixSubject, "Fix double free");
  EXPECT_EQ(M.Latest, H.Reference);
  scoreHistory(M, 3);
  EXPECT_NEAR(M.Churn, 1 - std::exp(-1.5 / 3), 1e-3);
  EXPECT_NEAR(M.FixScore, 1 - std::exp(-1.0), 1e-12);
  EXPECT_NEAR(M.Score, (M.Churn + 2 * M.FixScore) / 3, 1e-12);
  EXPECT_LE(M.Score, 1.0);

  ModuleHistory None = moduleHistory(H, {"b.c"});
  scoreHistory(None, 3);
  EXPECT_EQ(None.Score, 0);
  EXPECT_EQ(describeHistory(None, H.Options), "");
  EXPECT_EQ(describeHistory(M, H.Options),
            "changed in 2 commits in the last 24 months (latest 2023-11); 2 commits in the "
            "last 60 months say they fixed a memory-safety bug (latest 2022-11: 'Fix double "
            "free', matched 'double free')");
  EXPECT_EQ(yearMonth(0), "1970-01");
}
