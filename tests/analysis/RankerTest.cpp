// The ranker on hand-made facts: each facet, the combination, the two
// orders, module grouping, determinism; and the plan brief's FFI types.
#include "rank/Ranker.h"
#include "report/PlanReport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace carcinize;

namespace {

FunctionFacts fn(const std::string &Name, const std::string &File, unsigned Lines,
                 std::vector<CallSite> Calls = {}, std::string Kinds = "p") {
  FunctionFacts F;
  F.Usr = "c:@F@" + Name;
  F.Name = Name;
  F.File = File;
  F.BeginLine = 1;
  F.CodeLines = Lines;
  F.Complexity = 1 + Lines / 10;
  F.Callees = std::move(Calls);
  F.ParamKinds = Kinds;
  F.ParamTypes.assign(Kinds.size(), "int");
  F.ParamNames.assign(Kinds.size(), "x");
  return F;
}

Finding finding(const std::string &Rule, const std::string &File, Severity S, unsigned Line,
                const std::string &Fn) {
  Finding F;
  F.RuleId = Rule;
  F.File = File;
  F.Sev = S;
  F.Line = Line;
  F.FunctionUsr = "c:@F@" + Fn;
  F.Message = Rule + " at " + std::to_string(Line);
  return F;
}

// A small exposed parser with a few unsafe copies, and a huge internal
// utility with more findings but no input.
ScanFacts twoModules() {
  ScanFacts S;
  S.Files = {{"parser.c", 60, Language::C, {"parser.h"}}, {"parser.h", 5, Language::C, {}},
             {"util.c", 3000, Language::C, {}}};
  // recv fills its argument 1, which read_packet passes to parse, which
  // passes it to util_sum.
  CallSite Parse{"c:@F@parse", "parse", 4};
  Parse.Args = {"c0.1"};
  CallSite Sum{"c:@F@util_sum", "util_sum", 9};
  Sum.Args = {"p0"};
  S.Functions.push_back(fn("read_packet", "parser.c", 20, {{"c:@F@recv", "recv", 3}, Parse}));
  S.Functions.push_back(fn("parse", "parser.c", 40, {Sum}));
  S.Functions.push_back(fn("util_sum", "util.c", 3000));
  for (unsigned I = 0; I < 3; ++I)
    S.Findings.push_back(finding("mem.unbounded-string-copy", "parser.c", Severity::High, 10 + I, "parse"));
  for (unsigned I = 0; I < 12; ++I)
    S.Findings.push_back(finding("mem.pointer-arithmetic", "util.c", Severity::Low, 10 + I, "util_sum"));
  S.Findings.push_back(finding("trust.network-input", "parser.c", Severity::Low, 3, "read_packet"));
  S.normalize();
  return S;
}

std::vector<ModuleScore> rank(const ScanFacts &S, RankOptions O = {}) {
  ProgramAnalysis A = analyzeProgram(S, BoundaryConfig());
  return rankModules(S, A, O);
}

const ModuleScore &module(const std::vector<ModuleScore> &Ms, const std::string &Name) {
  for (const auto &M : Ms)
    if (M.Name == Name)
      return M;
  throw std::runtime_error("no module " + Name);
}

TEST(RankerTest, SmallExposedParserIsTheFirstPilot) {
  auto Ms = rank(twoModules());
  ASSERT_EQ(Ms.size(), 2u);
  EXPECT_EQ(Ms[1].Name, "parser.c");
  EXPECT_EQ(Ms[1].Rank, 2u);
  EXPECT_EQ(Ms[1].Files, (std::vector<std::string>{"parser.c", "parser.h"}));
  EXPECT_EQ(Ms[1].CodeLines, 65u);
  // 0.6 * line-weighted (20 lines at 1, 40 at 0.7) + 0.4 * max.
  EXPECT_NEAR(Ms[1].Exposure, 0.6 * (20 + 40 * 0.7) / 60 + 0.4, 1e-9);
  EXPECT_EQ(module(Ms, "util.c").Exposure > 0, true) << "util_sum receives parse's data";
  EXPECT_GT(module(Ms, "util.c").Effort, Ms[1].Effort);
  // Named as the first pilot: the fewer person-days of the most valuable.
  EXPECT_TRUE(Ms[1].FirstPilot);
  EXPECT_FALSE(Ms[0].FirstPilot);
  EXPECT_LT(Ms[1].PersonDays, Ms[0].PersonDays);
  // The input-source marker is not risk.
  EXPECT_EQ(Ms[1].Findings, 3u);
  EXPECT_EQ(Ms[1].SevereFindings, 3u);
}

TEST(RankerTest, RiskHasDiminishingReturnsButIsNotADensity) {
  ScanFacts One, Ten;
  One.Functions.push_back(fn("f", "a.c", 10));
  Ten.Functions.push_back(fn("f", "a.c", 10));
  One.Findings.push_back(finding("mem.unbounded-string-copy", "a.c", Severity::High, 1, "f"));
  for (unsigned I = 0; I < 10; ++I)
    Ten.Findings.push_back(finding("mem.unbounded-string-copy", "a.c", Severity::High, 1 + I, "f"));
  double R1 = rank(One)[0].Risk, R10 = rank(Ten)[0].Risk;
  EXPECT_GT(R10, R1);
  EXPECT_LT(R10, 10 * R1) << "ten strcpy calls are not ten times one";
  // The same findings in a larger module are not diluted.
  ScanFacts Big = Ten;
  Big.Functions[0].CodeLines = 5000;
  EXPECT_DOUBLE_EQ(rank(Big)[0].Risk, R10);
}

TEST(RankerTest, PriorityIsTheValueOrderWithThePilotNamed) {
  RankOptions ByValue;
  ByValue.Order = RankBy::Value;
  auto V = rank(twoModules(), ByValue);
  auto P = rank(twoModules());
  for (size_t I = 1; I < V.size(); ++I)
    EXPECT_GE(V[I - 1].Value, V[I].Value);
  for (size_t I = 1; I < P.size(); ++I)
    EXPECT_GE(P[I - 1].Priority, P[I].Priority);
  // The default order is the value order, the first pilot named in its
  // reasons; the value order marks it without a reason.
  ASSERT_EQ(V.size(), 2u);
  for (size_t I = 0; I < V.size(); ++I) {
    EXPECT_EQ(P[I].Name, V[I].Name);
    EXPECT_EQ(P[I].Priority, P[I].Value);
  }
  EXPECT_TRUE(V[1].FirstPilot);
  EXPECT_NE(V[1].Reasons.front().rfind("first pilot", 0), 0u);
  EXPECT_EQ(P[1].Reasons.front(), "first pilot: the smallest of the 2 most valuable modules "
                                   "(1.0 person-days; the others 36.5 to 36.5)");
}

// The first pilot is the module of fewest person-days among the five most
// valuable; a smaller one further down is not it. Nothing moves.
TEST(RankerTest, FirstPilotIsTheSmallestOfTheFiveMostValuable) {
  std::vector<ModuleScore> Ms;
  for (unsigned I = 0; I < 8; ++I) {
    ModuleScore M;
    M.Name = "m" + std::to_string(I);
    M.Value = M.Priority = 1.0 - 0.1 * I;
    M.PersonDays = 20 - I; // m4 is the smallest of the top five
    Ms.push_back(M);
  }
  Ms[6].PersonDays = 1; // smaller still, but 7th by value
  std::vector<ModuleScore> P = Ms;
  choosePilot(P, true);
  std::vector<std::string> Names;
  for (const auto &M : P)
    Names.push_back(M.Name);
  EXPECT_EQ(Names, (std::vector<std::string>{"m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7"}));
  EXPECT_TRUE(P[4].FirstPilot);
  EXPECT_FALSE(P[6].FirstPilot);
  EXPECT_EQ(P[4].Reasons.front(), "first pilot: the smallest of the 5 most valuable modules "
                                   "(16.0 person-days; the others 17.0 to 20.0)");
  // Ties in person-days: the more valuable.
  std::vector<ModuleScore> T = Ms;
  T[2].PersonDays = T[4].PersonDays;
  choosePilot(T, true);
  EXPECT_TRUE(T[2].FirstPilot);
  EXPECT_FALSE(T[4].FirstPilot);
  // In value order the pilot is marked, without a reason.
  std::vector<ModuleScore> V = Ms;
  choosePilot(V, false);
  EXPECT_TRUE(V[4].FirstPilot);
  EXPECT_TRUE(V[4].Reasons.empty()) << "the value order marks the pilot, without a reason";
}

// value = size * (size weight + danger), scaled to 0..1 by the weights' sum;
// size = 1 - exp(-lines / (size_scale * median module lines)).
TEST(RankerTest, ValueIsSizeTimesSizeWeightPlusDanger) {
  auto Ms = rank(twoModules());
  ScoringWeights W;
  // Two modules, 65 and 3000 code lines: the median is their mean.
  double Unit = W.SizeScale * (65 + 3000) / 2.0;
  double Full = W.Size + W.RiskOnBoundary + W.Exposure + W.Risk + W.Hotness;
  for (const auto &M : Ms) {
    double Danger = W.RiskOnBoundary * M.Risk * (0.4 + 0.6 * M.Exposure) +
                    W.Exposure * M.Exposure + W.Risk * M.Risk + W.Hotness * M.Hotness;
    EXPECT_NEAR(M.Danger, Danger, 1e-12) << M.Name;
    EXPECT_NEAR(M.Size, 1 - std::exp(-static_cast<double>(M.CodeLines) / Unit), 1e-12) << M.Name;
    EXPECT_NEAR(M.Value, M.Size * (W.Size + M.Danger) / Full, 1e-12) << M.Name;
    EXPECT_GE(M.Value, 0);
    EXPECT_LE(M.Value, 1);
  }
  // The small parser is the more dangerous code, and the first pilot; the
  // huge utility holds more of it, and is first by value.
  const auto &Parser = module(Ms, "parser.c"), &Util = module(Ms, "util.c");
  EXPECT_GT(Parser.Danger, Util.Danger);
  EXPECT_TRUE(Parser.FirstPilot);
  EXPECT_GT(Util.Value, Parser.Value);
}

// Code the analysis does not see (no function: #if'd out, or a header of
// declarations) ranks by its size alone, not last; and among modules of one
// size the danger decides.
TEST(RankerTest, SizeAloneRanksUnanalysedCode) {
  ScanFacts S;
  S.Files = {{"big.c", 2000, Language::C, {}},
             {"small.c", 40, Language::C, {}},
             {"twin.c", 2000, Language::C, {}}};
  S.Functions.push_back(fn("small_copy", "small.c", 40));
  S.Functions.push_back(fn("twin_copy", "twin.c", 2000));
  for (unsigned I = 0; I < 4; ++I) {
    S.Findings.push_back(finding("mem.unbounded-string-copy", "small.c", Severity::High, 1 + I,
                                 "small_copy"));
    S.Findings.push_back(finding("mem.unbounded-string-copy", "twin.c", Severity::High, 1 + I,
                                 "twin_copy"));
  }
  S.normalize();
  RankOptions ByValue;
  ByValue.Order = RankBy::Value;
  auto Ms = rank(S, ByValue);
  ASSERT_EQ(Ms.size(), 3u);
  EXPECT_EQ(Ms[0].Name, "twin.c");
  EXPECT_EQ(Ms[1].Name, "big.c");
  EXPECT_EQ(Ms[2].Name, "small.c");
  EXPECT_EQ(Ms[1].Danger, 0);
  EXPECT_GT(Ms[1].Value, 0);
  // With no weight on size alone, code without evidence is worth nothing.
  ByValue.Weights.Size = 0;
  auto NoSize = rank(S, ByValue);
  EXPECT_EQ(module(NoSize, "big.c").Value, 0);
}

TEST(RankerTest, DeterministicUnderReorderingOfTheFacts) {
  ScanFacts S = twoModules();
  auto Before = rank(S);
  std::mt19937 Rng(7);
  std::shuffle(S.Functions.begin(), S.Functions.end(), Rng);
  std::shuffle(S.Findings.begin(), S.Findings.end(), Rng);
  std::shuffle(S.Files.begin(), S.Files.end(), Rng);
  auto After = rank(S);
  ASSERT_EQ(Before.size(), After.size());
  for (size_t I = 0; I < Before.size(); ++I) {
    EXPECT_EQ(Before[I].Name, After[I].Name);
    EXPECT_DOUBLE_EQ(Before[I].Priority, After[I].Priority);
    EXPECT_EQ(Before[I].Reasons, After[I].Reasons);
  }
}

TEST(RankerTest, ReasonsAreSpecific) {
  auto Ms = rank(twoModules());
  const auto &R = module(Ms, "parser.c").Reasons;
  ASSERT_GE(R.size(), 3u);
  EXPECT_EQ(R[0].rfind("first pilot: ", 0), 0u) << R[0];
  EXPECT_EQ(R[1], "'read_packet' reads network input ('recv' at line 3)");
  EXPECT_EQ(R[2], "3 memory-unsafe findings, 3 high or critical (mem.unbounded-string-copy 3)");
}

TEST(RankerTest, GroupingByFileDirAndConfig) {
  std::vector<std::string> All = {"src/net/frame.c", "include/frame.h", "src/net/sock.c",
                                  "src/net/sock.h", "src/util.h", "tools/x.c"};
  RankOptions O;
  EXPECT_EQ(moduleOf("include/frame.h", All, O), "src/net/frame.c");
  EXPECT_EQ(moduleOf("src/net/sock.h", All, O), "src/net/sock.c");
  EXPECT_EQ(moduleOf("src/util.h", All, O), "src/util.h");
  O.Group = GroupBy::Dir;
  EXPECT_EQ(moduleOf("src/net/sock.c", All, O), "src/net");
  O.Group = GroupBy::Config;
  O.Modules = {{"net", {"src/net/**"}}};
  EXPECT_EQ(moduleOf("src/net/sock.c", All, O), "net");
  EXPECT_EQ(moduleOf("tools/x.c", All, O), "tools/x.c");
}

// The history multiplies the value, bounded: a module no commit touched
// keeps the value of its code exactly, a changed and fixed one gains at most
// 50%; a past fix is the second reason, after the exposure.
TEST(RankerTest, HistoryRaisesChangedModulesAndLeavesTheOthers) {
  RepoHistory H;
  H.Available = true;
  H.Reference = 1700000000;
  for (unsigned I = 0; I < 6; ++I)
    H.Commits.push_back({H.Reference - 86400 * 30 * I, "tweak parse", ""});
  H.Commits.push_back({H.Reference - 86400 * 40, "Fix heap overflow in parse (CVE-2023-1)", "cve-"});
  for (uint32_t I = 0; I < 7; ++I)
    H.ByFile["parser.h"].push_back(I);
  H.ByFile["parser.c"] = {6}; // the same commit through two files: counted once
  RankOptions O;
  O.Order = RankBy::Value;
  auto Without = rank(twoModules(), O);
  O.History = &H;
  auto With = rank(twoModules(), O);
  const auto &P = module(With, "parser.c"), &U = module(With, "util.c");
  EXPECT_TRUE(P.HasHistory);
  EXPECT_EQ(P.History.Commits, 7u);
  EXPECT_EQ(P.History.Fixes, 1u);
  EXPECT_GT(P.History.Score, 0);
  EXPECT_NEAR(P.Value, P.ValueWithoutHistory * (1 + 0.5 * P.History.Score), 1e-12);
  EXPECT_DOUBLE_EQ(P.ValueWithoutHistory, module(Without, "parser.c").Value);
  EXPECT_LE(P.Value, 1.5 * P.ValueWithoutHistory);
  EXPECT_EQ(U.History.Commits, 0u);
  EXPECT_DOUBLE_EQ(U.Value, module(Without, "util.c").Value) << "no history, no penalty";
  ASSERT_GE(P.Reasons.size(), 2u);
  EXPECT_EQ(P.Reasons[1], "changed in 7 commits in the last 24 months (latest 2023-11); 1 commit "
                          "in the last 60 months says it fixed a memory-safety bug (latest "
                          "2023-10: 'Fix heap overflow in parse (CVE-2023-1)', matched 'cve-')");
  // Without a history (not a work tree): no history facet at all.
  EXPECT_FALSE(module(Without, "parser.c").HasHistory);
}

TEST(PlanReportTest, RustFfiTypes) {
  EXPECT_EQ(rustFfiType("const char *"), "*const c_char");
  EXPECT_EQ(rustFfiType("unsigned char *"), "*mut u8");
  EXPECT_EQ(rustFfiType("const unsigned char *"), "*const u8");
  EXPECT_EQ(rustFfiType("size_t"), "usize");
  EXPECT_EQ(rustFfiType("void"), "()");
  EXPECT_EQ(rustFfiType("void *"), "*mut c_void");
  EXPECT_EQ(rustFfiType("struct frame *"), "*mut Frame");
  EXPECT_EQ(rustFfiType("const struct conn_state *"), "*const ConnState");
  EXPECT_EQ(rustFfiType("uint16_t"), "u16");
  EXPECT_EQ(rustFfiType("char **"), "*mut *mut c_char");
  EXPECT_EQ(rustFfiType("FILE *"), "*mut FILE");
}

// No name the brief's Rust uses is left undefined: a `FILE *` parameter
// gets an opaque FILE (the brief's crate has no libc dependency).
TEST(PlanReportTest, EveryRustTypeNamedIsDefined) {
  ScanFacts S = twoModules();
  for (auto &F : S.Functions)
    if (F.Name == "util_sum") {
      F.ReturnType = "int";
      F.ParamTypes = {"FILE *"};
      F.ParamNames = {"x"};
      F.ParamKinds = "f";
    }
  ProgramAnalysis A = analyzeProgram(S, BoundaryConfig());
  auto Ms = rankModules(S, A, RankOptions());
  std::string Brief = renderPlan(module(Ms, "util.c"), Ms, S, A);
  EXPECT_NE(Brief.find("fn util_sum(x: *mut FILE)"), std::string::npos) << Brief;
  EXPECT_NE(Brief.find("pub struct FILE {"), std::string::npos) << Brief;
  EXPECT_EQ(Brief.find("libc::"), std::string::npos) << Brief;
}

TEST(PlanReportTest, BriefNamesInterfaceCallersAndFindings) {
  ScanFacts S = twoModules();
  S.Functions[1].ReturnType = "int";
  ProgramAnalysis A = analyzeProgram(S, BoundaryConfig());
  auto Ms = rankModules(S, A, RankOptions());
  std::string Brief = renderPlan(module(Ms, "util.c"), Ms, S, A);
  EXPECT_NE(Brief.find("# Pilot brief: rewrite `util.c` in Rust"), std::string::npos);
  EXPECT_NE(Brief.find("pub unsafe extern \"C\" fn util_sum(x: c_int)"), std::string::npos);
  EXPECT_NE(Brief.find("`parse` (parser.c:9) calls `util_sum`"), std::string::npos);
  EXPECT_NE(Brief.find("`mem.pointer-arithmetic`"), std::string::npos);
}

} // namespace
