// The check workflow's units: diff parsing, fingerprints, baselines, the
// debt ratchet and the compiler-style text.
#include "check/Baseline.h"
#include "check/Fingerprint.h"
#include "check/GitDiff.h"
#include "check/Ratchet.h"
#include "check/Unanalysed.h"
#include "report/CheckReport.h"
#include "support/Error.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <stdlib.h>
#include <unistd.h>

namespace carcinize {
namespace {

TEST(GitDiffTest, AddedLinesFromHunks) {
  ChangedLines C = parseUnifiedDiff("diff --git a/src/a.c b/src/a.c\n"
                                    "index 1..2 100644\n"
                                    "--- a/src/a.c\n"
                                    "+++ b/src/a.c\n"
                                    "@@ -3,0 +4,2 @@ int f()\n"
                                    "+x\n+y\n"
                                    "@@ -10 +12 @@\n"
                                    "-a\n+b\n"
                                    "@@ -20,3 +23,0 @@\n"
                                    "-gone\n");
  EXPECT_FALSE(C.contains("src/a.c", 3));
  EXPECT_TRUE(C.contains("src/a.c", 4));
  EXPECT_TRUE(C.contains("src/a.c", 5));
  EXPECT_FALSE(C.contains("src/a.c", 6));
  EXPECT_TRUE(C.contains("src/a.c", 12));
  EXPECT_FALSE(C.contains("src/a.c", 23)); // a pure deletion adds nothing
  EXPECT_FALSE(C.contains("src/b.c", 4));
}

TEST(GitDiffTest, QuotedNamesDeletedFilesAndMerging) {
  ChangedLines C = parseUnifiedDiff("diff --git \"a/sp ace\\303\\251.c\" \"b/sp ace\\303\\251.c\"\n"
                                    "--- \"a/sp ace\\303\\251.c\"\n"
                                    "+++ \"b/sp ace\\303\\251.c\"\n"
                                    "@@ -1,0 +1,2 @@\n+a\n+b\n"
                                    "@@ -5,0 +3,2 @@\n+c\n+d\n"
                                    "diff --git a/old.c b/old.c\n"
                                    "--- a/old.c\n"
                                    "+++ /dev/null\n"
                                    "@@ -1,4 +0,0 @@\n");
  ASSERT_EQ(C.Ranges.count("sp ace\xc3\xa9.c"), 1u);
  EXPECT_EQ(C.Ranges.at("sp ace\xc3\xa9.c"),
            (std::vector<std::pair<unsigned, unsigned>>{{1, 4}}));
  EXPECT_EQ(C.Ranges.count("old.c"), 0u);
  EXPECT_EQ(C.Ranges.count(""), 0u);
}

TEST(GitDiffTest, UnreadableHunkIsAnErrorWithItsLine) {
  try {
    parseUnifiedDiff("+++ b/a.c\n@@ -1 +x @@\n");
    FAIL() << "no error";
  } catch (const InputError &E) {
    EXPECT_NE(std::string(E.what()).find("line 2"), std::string::npos) << E.what();
  }
}

// Regressions found by fuzz_unified_diff (docs/reliability.md): a hunk on
// the last unsigned line was kept twice (merging computed its end + 1, which
// wrapped to 0), and a hunk whose end passes that line wrapped to a range
// ending before it starts.
TEST(GitDiffTest, HunksAtTheLastLineNumberDoNotWrap) {
  ChangedLines C = parseUnifiedDiff("+++ b/a.c\n"
                                    "@@ -1 +4294967295,1 @@\n"
                                    "@@ -1 +4294967295 @@\n"
                                    "@@ -1 +4294967294,2 @@\n");
  EXPECT_EQ(C.Ranges.at("a.c"),
            (std::vector<std::pair<unsigned, unsigned>>{{4294967294u, 4294967295u}}));
  EXPECT_TRUE(C.contains("a.c", 4294967295u));
  try {
    parseUnifiedDiff("+++ b/a.c\n@@ -1 +4294967295,2 @@\n");
    FAIL() << "no error";
  } catch (const InputError &E) {
    EXPECT_NE(std::string(E.what()).find("unreadable hunk header"), std::string::npos)
        << E.what();
  }
}

TEST(GitDiffTest, UntrackedFilesAreWhollyChanged) {
  ChangedLines C;
  C.WholeFiles.insert("new.c");
  EXPECT_TRUE(C.contains("new.c", 1));
  EXPECT_TRUE(C.contains("new.c", 999));
}

struct TempTree {
  std::string Dir;
  TempTree() {
    char T[] = "/tmp/carcinize-check-XXXXXX";
    Dir = mkdtemp(T);
  }
  ~TempTree() { std::system(("rm -rf '" + Dir + "'").c_str()); }
  void write(const std::string &Name, const std::string &Text) const {
    std::ofstream(Dir + "/" + Name) << Text;
  }
};

Finding finding(const std::string &File, unsigned Line, const std::string &Rule = "mem.x",
                const std::string &Fn = "f", Severity S = Severity::High) {
  Finding F;
  F.RuleId = Rule;
  F.File = File;
  F.Line = Line;
  F.Column = 3;
  F.FunctionName = Fn;
  F.Sev = S;
  F.Message = "m";
  return F;
}

std::vector<std::string> fingerprintsOf(const std::string &Root, std::vector<Finding> &Fs) {
  std::vector<const Finding *> Ptrs;
  for (auto &F : Fs)
    Ptrs.push_back(&F);
  SourceLines S(Root);
  return fingerprintFindings(Ptrs, S);
}

TEST(FingerprintTest, SurvivesEditsAboveAndReindentation) {
  TempTree T;
  T.write("a.c", "void f() {\n  strcpy(a, b);\n}\n");
  std::vector<Finding> Before = {finding("a.c", 2)};
  auto FpBefore = fingerprintsOf(T.Dir, Before);
  T.write("a.c", "// new\n// lines\nvoid f() {\n\t\tstrcpy(a,  b);\n}\n");
  std::vector<Finding> After = {finding("a.c", 4)};
  EXPECT_EQ(fingerprintsOf(T.Dir, After), FpBefore);
}

TEST(FingerprintTest, ChangesWithRuleFunctionFileAndCode) {
  TempTree T;
  T.write("a.c", "strcpy(a, b);\nstrcpy(a, c);\n");
  T.write("b.c", "strcpy(a, b);\n");
  std::vector<Finding> Fs = {finding("a.c", 1), finding("a.c", 1, "mem.y"),
                             finding("a.c", 1, "mem.x", "g"), finding("b.c", 1),
                             finding("a.c", 2)};
  auto Fp = fingerprintsOf(T.Dir, Fs);
  std::set<std::string> Distinct(Fp.begin(), Fp.end());
  EXPECT_EQ(Distinct.size(), Fs.size());
  for (const auto &F : Fp)
    EXPECT_EQ(F.size(), 32u);
}

TEST(FingerprintTest, IdenticalSitesAreNumberedNotMerged) {
  TempTree T;
  T.write("a.c", "strcpy(a, b);\nstrcpy(a, b);\n");
  std::vector<Finding> Fs = {finding("a.c", 1), finding("a.c", 2)};
  auto Fp = fingerprintsOf(T.Dir, Fs);
  EXPECT_NE(Fp[0], Fp[1]);
}

TEST(FingerprintTest, UnreadableFileFallsBackToTheMessage) {
  std::vector<Finding> Fs = {finding("gone.c", 1), finding("gone.c", 9)};
  Fs[1].Message = "other";
  auto Fp = fingerprintsOf("/nonexistent-root", Fs);
  EXPECT_NE(Fp[0], Fp[1]);
  std::vector<Finding> Moved = {finding("gone.c", 40)};
  EXPECT_EQ(fingerprintsOf("/nonexistent-root", Moved)[0], Fp[0]);
}

Baseline sampleBaseline() {
  Baseline B;
  B.ToolVersion = "1.2.3";
  B.GroupBy = "dir";
  BaselineFinding F;
  F.Fingerprint = "abc";
  F.RuleId = "mem.x";
  F.Sev = Severity::Critical;
  F.File = "src/a \"q\".c";
  F.Line = 7;
  F.Function = "f";
  F.Module = "src";
  B.Findings = {F, F};
  B.Modules = {{"src", 1, 20}, {"lib", 2, 0.5}};
  return B;
}

TEST(BaselineTest, RoundTrips) {
  Baseline B = sampleBaseline();
  EXPECT_EQ(parseBaseline(renderBaseline(B), "b.json"), B);
}

TEST(BaselineTest, MatchingCountsCopies) {
  Baseline B = sampleBaseline(); // "abc" twice
  EXPECT_EQ(matchBaseline(B, {"abc", "zzz", "abc", "abc"}),
            (std::vector<bool>{true, false, true, false}));
}

void expectError(const std::string &Text, const std::string &Expected) {
  try {
    parseBaseline(Text, "b.json");
    ADD_FAILURE() << "no error for " << Text;
  } catch (const InputError &E) {
    EXPECT_EQ(std::string(E.what()), Expected);
  }
}

TEST(BaselineTest, ErrorsNameTheFileAndEntry) {
  expectError("{\n  \"findings\": [\n", "b.json:2:16: invalid JSON: Unexpected EOF");
  expectError("[]", "b.json: not a carcinize baseline (no 'carcinize_baseline' member; make one "
                    "with 'carcinize baseline create')");
  expectError("{\"carcinize_baseline\": 9, \"findings\": []}",
              "b.json: baseline format 9 is not supported (this carcinize reads format 1)");
  expectError("{\"carcinize_baseline\": 1}", "b.json: 'findings' must be an array");
  expectError("{\"carcinize_baseline\": 1, \"findings\": [7]}",
              "b.json: findings[0]: must be an object");
  expectError("{\"carcinize_baseline\": 1, \"findings\": [{\"fingerprint\": \"a\", \"rule\": "
              "\"r\", \"severity\": \"dire\", \"file\": \"x\"}]}",
              "b.json: findings[0]: unknown severity 'dire'");
  expectError("{\"carcinize_baseline\": 1, \"findings\": [], \"modules\": [{\"module\": \"m\", "
              "\"rank\": -1, \"debt\": 0}]}",
              "b.json: modules[0]: 'rank' must be a non-negative integer");
}

TEST(RatchetTest, GrowthInTopModuleIsAViolation) {
  Baseline B;
  B.Modules = {{"a.c", 1, 10}, {"b.c", 2, 4}, {"c.c", 3, 2}};
  std::vector<std::pair<std::string, double>> Now = {
      {"a.c", 5}, {"a.c", 10}, {"b.c", 5}, {"c.c", 0.5}, {"new.c", 2}};
  auto D = compareDebt(B, Now, {"a.c", "b.c", "c.c", "new.c"}, /*TopN=*/1);
  ASSERT_EQ(D.size(), 4u);
  EXPECT_EQ(D[0].Module, "a.c");
  EXPECT_TRUE(D[0].Violation);
  EXPECT_EQ(describeDebtChange(D[0]), "a.c: 10 -> 15, +5 (rank 1 in the baseline)");
  // b.c grew but is not in the top 1; new.c is new; c.c shrank.
  for (size_t I = 1; I < D.size(); ++I)
    EXPECT_FALSE(D[I].Violation) << D[I].Module;
  EXPECT_EQ(describeDebtChange(D.back()), "c.c: 2 -> 0.5, -1.5 (rank 3 in the baseline)");
}

TEST(RatchetTest, UnscannedModulesAndUnchangedDebtAreLeftOut) {
  Baseline B;
  B.Modules = {{"a.c", 1, 10}, {"b.c", 2, 4}};
  auto D = compareDebt(B, {{"a.c", 10}}, {"a.c"}, 5);
  EXPECT_TRUE(D.empty());
  EXPECT_TRUE(compareDebt(B, {}, {}, 5).empty());
}

TEST(CheckTextTest, CaretKeepsTabsAndCountsUtf8AsOneColumn) {
  EXPECT_EQ(caretLine("\tfoo(x);", 2), "\t^");
  EXPECT_EQ(caretLine("  a = b;", 5), "    ^");
  EXPECT_EQ(caretLine("\xc3\xa9 = strcpy();", 6), "    ^");
  EXPECT_EQ(caretLine("", 1), "^");
}

TEST(CheckTextTest, ReportsLinesSummaryAndNeutralisesControlCharacters) {
  TempTree T;
  T.write("a.c", "int x;\n  strcpy(a, b);\n");
  ScanFacts Facts;
  Finding F = finding("a.c", 2);
  F.Message = "bad\nforged: line\x1b[31m";
  Finding G = finding("a.c", 1, "mem.y", "g", Severity::Low);
  FindingsReport R;
  R.Facts = &Facts;
  R.Root = T.Dir;
  R.Findings = {&G, &F};
  R.Suppressed = 2;
  R.Baselined = 1;
  std::string Text = renderCheckText(R, /*Color=*/false);
  EXPECT_EQ(Text, "a.c:1:3: low: m [mem.y]\n"
                  " 1 | int x;\n"
                  "   |   ^\n"
                  "a.c:2:3: high: bad\\x0aforged: line\\x1b[31m [mem.x]\n"
                  " 2 |   strcpy(a, b);\n"
                  "   |   ^\n"
                  "\n2 findings (0 critical, 1 high, 0 medium, 1 low); not shown: 2 suppressed "
                  "inline, 1 in the baseline\n");
}

TEST(CheckTextTest, NoFindings) {
  FindingsReport R;
  EXPECT_EQ(renderCheckText(R, false), "0 findings (0 critical, 0 high, 0 medium, 0 low)\n");
}

TEST(UnanalysedTest, FilesAskedAboutThatWereNotAnalysed) {
  ScanFacts F;
  auto TU = [](const char *File, ParseStatus S, bool Inferred = false, unsigned Errors = 0,
               const char *ErrorIn = nullptr) {
    TranslationUnitFacts T;
    T.File = File;
    T.Status = S;
    T.InferredFlags = Inferred;
    T.ErrorCount = Errors;
    if (Errors)
      T.Errors.push_back({ErrorIn ? ErrorIn : File, 3, 1, "expected ')'"});
    if (S == ParseStatus::Failed)
      T.FailureReason = "the parser crashed on this file";
    return T;
  };
  F.TranslationUnits = {TU("src/ok.c", ParseStatus::Clean),
                        TU("src/crash.c", ParseStatus::Failed),
                        TU("src/broken.c", ParseStatus::Recovered, false, 2),
                        // Interpolated flags, errors only in a header.
                        TU("src/guessed.c", ParseStatus::Recovered, true, 5, "include/cfg.h"),
                        TU("lib/x.c", ParseStatus::Failed),
                        TU("src/frame.c", ParseStatus::Failed)};
  CheckScope S;
  S.Database = "build/compile_commands.json";
  S.Files = {"src/ok.c", "src/crash.c", "src/broken.c", "src/guessed.c", "src/new.c",
             "src/frame.h", "src/ok.h"};
  S.HeaderTUs["src/frame.h"] = {"src/frame.c"};
  S.HeaderTUs["src/ok.h"] = {"src/frame.c", "src/ok.c"};
  std::vector<UnanalysedFile> U = findUnanalysed(F, S);
  ASSERT_EQ(U.size(), 4u);
  EXPECT_EQ(U[0].File, "src/broken.c");
  EXPECT_EQ(U[0].Reason, "does not compile with the flags of the compilation database (2 errors; "
                         "first: src/broken.c:3: expected ')'): code after an error may not "
                         "have been analysed");
  EXPECT_EQ(U[1].File, "src/crash.c");
  EXPECT_EQ(U[1].Reason, "not analysed: the parser crashed on this file");
  // A header whose only TU failed; one with a TU analysed is not listed.
  EXPECT_EQ(U[2].File, "src/frame.h");
  EXPECT_EQ(U[2].Reason, "its translation unit src/frame.c not analysed: the parser crashed on "
                         "this file");
  EXPECT_EQ(U[3].File, "src/new.c");
  EXPECT_EQ(U[3].Reason, "not analysed: the compilation database build/compile_commands.json "
                         "does not list it and no flags could be interpolated for it");
  // Errors in a header under interpolated flags are not failures; lib/ was
  // not asked about. A folder asks about every TU under it.
  S.Files.clear();
  S.Folders = {"lib"};
  U = findUnanalysed(F, S);
  ASSERT_EQ(U.size(), 1u);
  EXPECT_EQ(U[0].File, "lib/x.c");
  S.Folders = {"."};
  EXPECT_EQ(findUnanalysed(F, S).size(), 4u); // crash, broken, lib/x.c, frame.c
}

// A file a pull request adds is not in the database: with flags interpolated
// from its neighbours, an error in the file itself fails the gate; without a
// database (flags inferred for the whole tree), it is coverage's business.
TEST(UnanalysedTest, AnErrorInANewFileUnderInterpolatedFlagsFails) {
  ScanFacts F;
  TranslationUnitFacts T;
  T.File = "src/added.c";
  T.Status = ParseStatus::Recovered;
  T.InferredFlags = true;
  T.ErrorCount = 2;
  T.Errors.push_back({"include/util.h", 1, 1, "unknown type name 'size_t'"});
  T.Errors.push_back({"src/added.c", 5, 33, "expected ')'"});
  F.TranslationUnits = {T};
  CheckScope S;
  S.Files = {"src/added.c"};
  EXPECT_TRUE(findUnanalysed(F, S).empty());
  S.Database = "compile_commands.json";
  std::vector<UnanalysedFile> U = findUnanalysed(F, S);
  ASSERT_EQ(U.size(), 1u);
  EXPECT_EQ(U[0].Reason, "does not compile with flags interpolated from the compilation database "
                         "(2 errors; first in the file: src/added.c:5: expected ')'): code after "
                         "an error may not have been analysed");
  EXPECT_EQ(unanalysedReason(T, /*Interpolated=*/false), "");
}

TEST(CheckTextTest, UnanalysedFilesAreErrorsUnlessAllowed) {
  FindingsReport R;
  R.Unanalysed = {{"src/new.c", "not analysed: timed out"}};
  EXPECT_EQ(renderCheckText(R, false),
            "0 findings (0 critical, 0 high, 0 medium, 0 low)\n"
            "error: src/new.c: not analysed: timed out\n"
            "error: 1 file asked about was not analysed: its findings are missing (exit code 3; "
            "--allow-unanalysed to accept)\n");
  R.UnanalysedAllowed = true;
  EXPECT_EQ(renderCheckText(R, false),
            "0 findings (0 critical, 0 high, 0 medium, 0 low)\n"
            "warning: src/new.c: not analysed: timed out\n"
            "warning: 1 file asked about was not analysed: its findings are missing (allowed by "
            "--allow-unanalysed)\n");
}

} // namespace
} // namespace carcinize
