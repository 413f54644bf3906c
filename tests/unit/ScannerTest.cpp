#include "frontend/Scanner.h"

#include "facts/FactsJson.h"
#include "frontend/CompilationDatabase.h"
#include "frontend/ResourceDir.h"
#include "frontend/SourceDiscovery.h"
#include "support/Error.h"
#include "support/Paths.h"

#include "TempDir.h"

#include <gtest/gtest.h>

#include <map>

#include <algorithm>
#include <thread>

using namespace carcinize;
using carcinize::test::TempDir;

namespace {

using Strings = std::vector<std::string>;

bool contains(const std::string &S, const std::string &Part) {
  return S.find(Part) != std::string::npos;
}

std::string inputError(const ScanRequest &Req) {
  try {
    planScan(Req, CommandMangler::forTests("/rd"));
  } catch (const InputError &E) {
    return E.what();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

// A small C project with a shared header and no database.
struct Project {
  TempDir T;
  Project() {
    T.write("include/util.h", "static inline int twice(int x) { return 2 * x; }\n"
                              "int shared(int);\n");
    T.write("src/a.c", "#include \"util.h\"\n"
                       "int shared(int v) { return twice(v) + 1; }\n");
    T.write("src/b.c", "#include \"util.h\"\n"
                       "#include \"config.h\"\n"
                       "int b(int v) {\n"
                       "  for (int i = 0; i < v; i++)\n"
                       "    v -= shared(i);\n"
                       "  return twice(v);\n"
                       "}\n");
    T.write("src/c.cpp", "#include \"util.h\"\n"
                         "struct S { virtual int f() { return twice(1); } };\n"
                         "int c(S &s) { return s.f(); }\n");
    T.write("src/d.c", "int d(void) { return 1 +; }\n");
    T.write("gen/skip.c", "int skipped;\n");
    T.write("build/out.c", "int out;\n");
  }
  // Nothing above the temporary folder may provide a database.
  bool databaseAbove() const { return findCompilationDatabase(T.path()).has_value(); }
};

Strings jobFiles(const ScanPlan &P) {
  Strings Out;
  for (const auto &J : P.Jobs)
    Out.push_back(J.File);
  return Out;
}

} // namespace

TEST(ScannerTest, TimeLeftIsEstimatedFromBytesParsed) {
  // Nothing parsed yet, or everything: no estimate.
  EXPECT_LT(estimateSecondsLeft(5, 0, 100), 0);
  EXPECT_LT(estimateSecondsLeft(5, 100, 100), 0);
  // A quarter of the bytes in 60 s: three quarters left, 180 s.
  EXPECT_DOUBLE_EQ(estimateSecondsLeft(60, 250, 1000), 180);
  EXPECT_EQ(describeTimeLeft(-1), "");
  EXPECT_EQ(describeTimeLeft(4), "a few seconds left");
  EXPECT_EQ(describeTimeLeft(44), "about 40 s left");
  EXPECT_EQ(describeTimeLeft(180), "about 3 min left");
  EXPECT_EQ(describeTimeLeft(7 * 3600), "about 7 h left");
}

TEST(ScannerTest, EffectiveJobs) {
  unsigned Cores = std::max(1u, std::thread::hardware_concurrency());
  EXPECT_EQ(effectiveJobs(0, 100000), std::min(Cores, 256u));
  EXPECT_EQ(effectiveJobs(0, 1), 1u);
  EXPECT_EQ(effectiveJobs(100000, 3), 3u);
  EXPECT_EQ(effectiveJobs(5, 0), 1u);
  EXPECT_EQ(effectiveJobs(0, 0), 1u);
  EXPECT_EQ(effectiveJobs(4, 10), 4u);
  EXPECT_EQ(effectiveJobs(1000, 100000), 256u);
}

TEST(ScannerTest, PlanWithoutDatabaseInfersFlags) {
  Project P;
  if (P.databaseAbove())
    GTEST_SKIP() << "a compile_commands.json above " << P.T.path() << " would be used";
  const std::string &R = P.T.path();
  ScanRequest Req;
  Req.Paths = {R};
  Req.Exclude = {"gen"};
  CommandMangler M = CommandMangler::forTests("/rd");
  ScanPlan Plan = planScan(Req, M);
  EXPECT_EQ(Plan.Root, R);
  EXPECT_EQ(Plan.Paths, Strings{R});
  EXPECT_EQ(Plan.DatabasePath, "");
  EXPECT_EQ(jobFiles(Plan),
            (Strings{R + "/src/a.c", R + "/src/b.c", R + "/src/c.cpp", R + "/src/d.c"}));
  DiscoveredTree Tree = discoverSources({R}, R, {"gen"});
  for (const auto &J : Plan.Jobs) {
    EXPECT_TRUE(J.Inferred) << J.File;
    EXPECT_EQ(J.Directory, R + "/src");
    EXPECT_EQ(J.Argv, M.forInferred(J.File, inferFlags(J.File, Tree))) << J.File;
  }
  ASSERT_EQ(Plan.Notes.size(), 1u);
  EXPECT_TRUE(contains(Plan.Notes[0], "no compilation database: flags were inferred"))
      << Plan.Notes[0];
  EXPECT_TRUE(contains(Plan.Notes[0], "-I for 1 header folders")) << Plan.Notes[0];
  EXPECT_TRUE(Plan.Warnings.empty());
}

TEST(ScannerTest, PlanForASingleFile) {
  Project P;
  if (P.databaseAbove())
    GTEST_SKIP() << "a compile_commands.json above " << P.T.path() << " would be used";
  std::string File = P.T / "src/b.c";
  ScanRequest Req;
  Req.Paths = {File};
  ScanPlan Plan = planScan(Req, CommandMangler::forTests("/rd"));
  EXPECT_EQ(Plan.Root, P.T / "src");
  EXPECT_EQ(jobFiles(Plan), Strings{File});
}

TEST(ScannerTest, PlanUsesDatabaseFoundInTheFolder) {
  Project P;
  const std::string &R = P.T.path();
  std::string Db = P.T.write("compile_commands.json", R"([
  {"directory": ")" + R + R"(/build", "file": "../src/b.c",
   "arguments": ["ccache", "gcc", "-DB=1", "-I../include", "-c", "../src/b.c", "-o", "b.o"]},
  {"directory": ")" + R + R"(", "file": "src/gone.c", "command": "cc -c src/gone.c"},
  {"directory": ")" + R + R"(", "file": "src/a.c", "command": "cc -DA -c src/a.c"},
  {"directory": ")" + R + R"(", "file": "gen/skip.c", "command": "cc -c gen/skip.c"}
])");
  P.T.mkdir("build");
  ScanRequest Req;
  Req.Paths = {R};
  Req.Exclude = {"gen/*"};
  CommandMangler M = CommandMangler::forTests("/rd");
  ScanPlan Plan = planScan(Req, M);
  EXPECT_EQ(Plan.DatabasePath, Db);
  EXPECT_EQ(jobFiles(Plan), (Strings{R + "/src/a.c", R + "/src/b.c"}));
  CompilationDatabase Loaded = loadCompilationDatabase(Db);
  ASSERT_EQ(Plan.Jobs.size(), 2u);
  EXPECT_FALSE(Plan.Jobs[0].Inferred);
  EXPECT_FALSE(Plan.Jobs[1].Inferred);
  EXPECT_EQ(Plan.Jobs[0].Directory, R);
  EXPECT_EQ(Plan.Jobs[1].Directory, R + "/build");
  EXPECT_EQ(Plan.Jobs[1].Argv, M.adjust(Loaded.Commands[0]));
  EXPECT_EQ(Plan.Jobs[0].Argv, M.adjust(Loaded.Commands[1]));
  EXPECT_EQ(Plan.Jobs[1].Argv[0], "gcc");
  EXPECT_EQ(Plan.Notes, Strings{"using compilation database compile_commands.json"});
  ASSERT_EQ(Plan.Warnings.size(), 1u);
  EXPECT_TRUE(contains(Plan.Warnings[0], "gone.c")) << Plan.Warnings[0];
}

TEST(ScannerTest, PlanFallsBackWhenDatabaseNamesNoScannedFile) {
  Project P;
  const std::string &R = P.T.path();
  P.T.write("compile_commands.json", R"([{"directory": ")" + R +
                                         R"(", "file": "gen/skip.c", "command": "cc -c x"}])");
  ScanRequest Req;
  Req.Paths = {R + "/src"};
  ScanPlan Plan = planScan(Req, CommandMangler::forTests("/rd"));
  EXPECT_EQ(Plan.DatabasePath, "");
  EXPECT_EQ(Plan.Jobs.size(), 4u);
  for (const auto &J : Plan.Jobs)
    EXPECT_TRUE(J.Inferred);
  ASSERT_EQ(Plan.Notes.size(), 2u);
  // Named relative to the scanned root (R/src), never by an absolute path.
  EXPECT_EQ(Plan.Notes[0], "compilation database ../compile_commands.json names none of the "
                           "scanned files; inferring flags");
  EXPECT_TRUE(contains(Plan.Notes[1], "flags were inferred"));
}

TEST(ScannerTest, ExplicitDatabaseFolder) {
  Project P;
  const std::string &R = P.T.path();
  std::string Db = P.T.write("out/compile_commands.json",
                             R"([{"directory": ")" + R +
                                 R"(", "file": "src/a.c", "command": "cc -c src/a.c"}])");
  ScanRequest Req;
  Req.Paths = {R};
  Req.CompileDbPath = R + "/out";
  ScanPlan Plan = planScan(Req, CommandMangler::forTests("/rd"));
  EXPECT_EQ(Plan.DatabasePath, Db);
  EXPECT_EQ(jobFiles(Plan), Strings{R + "/src/a.c"});
  // The JSON file itself also works.
  Req.CompileDbPath = Db;
  EXPECT_EQ(jobFiles(planScan(Req, CommandMangler::forTests("/rd"))), Strings{R + "/src/a.c"});
}

TEST(ScannerTest, ExplicitDatabaseThatIsMissingIsAnError) {
  Project P;
  const std::string &R = P.T.path();
  ScanRequest Req;
  Req.Paths = {R};
  Req.CompileDbPath = R + "/no-such-folder";
  EXPECT_EQ(inputError(Req), R + "/no-such-folder: no compilation database here (from -p)");
  P.T.mkdir("empty");
  Req.CompileDbPath = R + "/empty";
  EXPECT_EQ(inputError(Req),
            R + "/empty/compile_commands.json: no compilation database here (from -p)");
}

TEST(ScannerTest, InvalidDatabaseIsAnError) {
  Project P;
  const std::string &R = P.T.path();
  P.T.write("compile_commands.json", "[\n  {\"file\": \"src/a.c\"}\n]\n");
  ScanRequest Req;
  Req.Paths = {R};
  EXPECT_EQ(inputError(Req), R + "/compile_commands.json:2: entry 1: missing 'directory'");
}

TEST(ScannerTest, NonexistentPathIsAnError) {
  TempDir T;
  ScanRequest Req;
  Req.Paths = {T / "missing"};
  std::string Msg = inputError(Req);
  EXPECT_EQ(Msg, T / "missing" + ": No such file or directory");
}

TEST(ScannerTest, RunScanIsIndependentOfThreadCount) {
  Project P;
  if (P.databaseAbove())
    GTEST_SKIP() << "a compile_commands.json above " << P.T.path() << " would be used";
  const std::string &R = P.T.path();
  ScanRequest Req;
  Req.Paths = {R};
  Req.Exclude = {"gen"};
  ScanPlan Plan = planScan(Req, CommandMangler::forTests(configuredResourceDir()));
  ASSERT_EQ(Plan.Jobs.size(), 4u);

  Req.Jobs = 1;
  TUSettings Settings;
  ScanFacts One = runScan(Plan, Req, Settings);
  Req.Jobs = 2;
  ScanFacts Two = runScan(Plan, Req, Settings);
  EXPECT_TRUE(One == Two);
  EXPECT_EQ(factsToJson(One), factsToJson(Two));

  ASSERT_EQ(One.TranslationUnits.size(), 4u);
  EXPECT_EQ(One.TranslationUnits[0].File, "src/a.c");
  EXPECT_EQ(One.TranslationUnits[0].Status, ParseStatus::Clean);
  EXPECT_EQ(One.TranslationUnits[1].File, "src/b.c");
  EXPECT_EQ(One.TranslationUnits[1].Status, ParseStatus::Recovered);
  EXPECT_EQ(One.TranslationUnits[1].MissingIncludes, Strings{"config.h"});
  EXPECT_EQ(One.TranslationUnits[2].File, "src/c.cpp");
  EXPECT_EQ(One.TranslationUnits[2].Status, ParseStatus::Clean);
  EXPECT_EQ(One.TranslationUnits[3].File, "src/d.c");
  EXPECT_EQ(One.TranslationUnits[3].Status, ParseStatus::Recovered);
  ScanStats S = computeStats(One);
  EXPECT_EQ(S.TranslationUnits, 4u);
  EXPECT_EQ(S.ParsedClean, 2u);
  EXPECT_EQ(S.ParsedWithErrors, 2u);
  EXPECT_EQ(S.InferredFlags, 4u);

  // The header's function is kept once, from the first TU in path order.
  Strings Names;
  for (const auto &F : One.Functions)
    Names.push_back(F.File + ":" + F.Name);
  EXPECT_EQ(Names, (Strings{"include/util.h:twice", "src/a.c:shared", "src/b.c:b",
                            "src/c.cpp:S::f", "src/c.cpp:c", "src/d.c:d"}));
  EXPECT_EQ(One.Functions[0].Lang, Language::C);

  Strings Files;
  for (const auto &F : One.Files)
    Files.push_back(F.Path);
  EXPECT_EQ(Files, (Strings{"include/util.h", "src/a.c", "src/b.c", "src/c.cpp", "src/d.c"}));
}

namespace carcinize {
namespace {

TEST(ScannerTest, ShardsPartitionTheJobsBalancedAndDeterministically) {
  TempDir T;
  // Sizes 9, 8, 7, ..., 1 KB: largest first to the least-loaded shard.
  ScanPlan All;
  for (int I = 1; I <= 9; ++I) {
    std::string Name = "f" + std::to_string(I) + ".c";
    T.write(Name, std::string(I * 1024, ' '));
    All.Jobs.push_back({T.path() + "/" + Name, T.path(), {"clang"}, true});
  }
  std::map<std::string, int> Owner;
  std::vector<uint64_t> Load;
  for (unsigned K = 1; K <= 3; ++K) {
    ScanPlan P = All;
    keepShard(P, K, 3);
    uint64_t Sum = 0;
    for (const auto &J : P.Jobs) {
      EXPECT_EQ(Owner.count(J.File), 0u) << J.File << " is in two shards";
      Owner[J.File] = K;
      Sum += std::stoi(J.File.substr(J.File.rfind('f') + 1));
    }
    Load.push_back(Sum);
    // The same call gives the same shard.
    ScanPlan Again = All;
    keepShard(Again, K, 3);
    EXPECT_EQ(jobFiles(Again), jobFiles(P));
  }
  EXPECT_EQ(Owner.size(), 9u);
  // 45 KB dealt largest first to the least-loaded shard: 9+4+3, 8+5+2, 7+6+1.
  EXPECT_EQ(Load, (std::vector<uint64_t>{16, 15, 14}));
  ScanPlan One = All;
  keepShard(One, 1, 1);
  EXPECT_EQ(One.Jobs.size(), 9u);
}

} // namespace
} // namespace carcinize
