// The whole-program analysis over a real scan of fixtures/analysis/netcalc:
// a network reader, a parser with a length field, a pure utility, a hot
// numeric loop and main. The expected exposure order and hot function are
// asserted.
#include "analysis/ProgramAnalysis.h"
#include "frontend/ResourceDir.h"
#include "frontend/Scanner.h"

#include <gtest/gtest.h>

#include <set>

using namespace carcinize;

namespace {

struct Scanned {
  ScanFacts Facts;
  std::unique_ptr<ProgramAnalysis> A;
  double exposure(const std::string &Name) const {
    auto N = A->Graph.findByName(Name);
    EXPECT_EQ(N.size(), 1u) << Name;
    return N.empty() ? -1 : A->Exposure[N[0]].Score;
  }
  const FunctionFacts &function(const std::string &Name) const {
    return A->Graph.function(A->Graph.findByName(Name).at(0));
  }
};

Scanned scanNetcalc(const Profile *P = nullptr) {
  ScanRequest Req;
  Req.Paths = {std::string(CARCINIZE_SOURCE_DIR) + "/fixtures/analysis/netcalc"};
  Req.Jobs = 2;
  CommandMangler M = CommandMangler::forTests(configuredResourceDir());
  ScanPlan Plan = planScan(Req, M);
  Scanned S;
  S.Facts = runScan(Plan, Req, TUSettings());
  S.A = std::make_unique<ProgramAnalysis>(analyzeProgram(S.Facts, BoundaryConfig(), P));
  return S;
}

TEST(ProgramAnalysisTest, ExposureFollowsTheDataFromTheSocket) {
  Scanned S = scanNetcalc();
  ASSERT_EQ(S.Facts.TranslationUnits.size(), 5u);
  double Net = S.exposure("net_read"), Parse = S.exposure("proto_parse"),
         Values = S.exposure("parse_values"), Read = S.exposure("read_value"),
         Clamp = S.exposure("clamp"), Kernel = S.exposure("matrix_multiply");
  EXPECT_DOUBLE_EQ(Net, 1.0);
  // proto_parse is exported and takes (buffer, length), but the tree calls
  // it: its exposure comes from net_read, one call away.
  EXPECT_DOUBLE_EQ(Parse, 0.7);
  EXPECT_GT(Parse, Values);
  EXPECT_GT(Values, Read);
  EXPECT_GT(Read, Clamp);
  EXPECT_EQ(Clamp, 0.0);
  EXPECT_EQ(S.A->Exposure[S.A->Graph.findByName("net_read")[0]].Evidence.Source, "recv");
  EXPECT_LT(Kernel, Values);
}

TEST(ProgramAnalysisTest, TheNumericKernelIsTheHottestStatically) {
  Scanned S = scanNetcalc();
  size_t Best = 0;
  for (size_t I = 0; I < S.A->Graph.size(); ++I)
    if (S.A->Hotness[I].Score > S.A->Hotness[Best].Score)
      Best = I;
  EXPECT_EQ(S.A->Graph.function(Best).Name, "matrix_multiply");
  EXPECT_EQ(S.A->Hotness[Best].Source, "static");
}

TEST(ProgramAnalysisTest, ParserShapeOfTheParser) {
  Scanned S = scanNetcalc();
  const FunctionFacts &P = S.function("proto_parse");
  std::set<std::string> Kinds;
  for (const auto &Pat : P.ParserShape)
    Kinds.insert(Pat.Kind);
  EXPECT_TRUE(Kinds.count("byte-walk"));
  EXPECT_TRUE(Kinds.count("int-assembly"));
  EXPECT_TRUE(Kinds.count("tag-dispatch"));
  EXPECT_TRUE(S.function("clamp").ParserShape.empty());
  EXPECT_TRUE(S.function("matrix_multiply").ParserShape.empty());
}

TEST(ProgramAnalysisTest, CallsInsideLoopsCarryTheirDepth) {
  Scanned S = scanNetcalc();
  const FunctionFacts &Main = S.function("main");
  bool Found = false;
  for (const auto &C : Main.Callees)
    if (C.CalleeName == "matrix_multiply") {
      Found = true;
      EXPECT_EQ(C.LoopDepth, 1u);
    } else if (C.CalleeName == "clamp") {
      EXPECT_EQ(C.LoopDepth, 0u);
    }
  EXPECT_TRUE(Found);
}

TEST(ProgramAnalysisTest, AFoldedProfileOverridesTheEstimate) {
  Profile P = loadProfile(std::string(CARCINIZE_SOURCE_DIR) + "/fixtures/profile/sample.folded");
  Scanned S = scanNetcalc(&P);
  size_t Kernel = S.A->Graph.findByName("matrix_multiply")[0];
  EXPECT_DOUBLE_EQ(S.A->Hotness[Kernel].Score, 1.0);
  EXPECT_EQ(S.A->Hotness[Kernel].Source, "profile");
  EXPECT_EQ(S.A->ProfileWarnings.size(), 2u);
  EXPECT_EQ(S.A->UnmatchedProfile, std::vector<std::string>{"floor"});
}

} // namespace
