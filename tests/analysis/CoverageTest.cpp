// Coverage: the share of code lines analysed, per scan and module.
#include "rank/Coverage.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

ScanFacts facts() {
  ScanFacts F;
  TranslationUnitFacts Ok, Bad;
  Ok.File = "net/frame.c";
  Bad.File = "zip/inflate.c";
  Bad.Status = ParseStatus::Failed;
  F.TranslationUnits = {Ok, Bad};
  FileFacts A, H, Z;
  A.Path = "net/frame.c";
  A.CodeLines = 100;
  A.UnanalysedLines = 10; // an #if 0 block
  H.Path = "net/frame.h";
  H.CodeLines = 20;
  Z.Path = "zip/inflate.c";
  Z.CodeLines = 80;
  Z.UnanalysedLines = 80; // its TU failed
  F.Files = {A, H, Z};
  return F;
}

std::vector<ModuleScore> modules() {
  ModuleScore Net, Zip;
  Net.Name = "net/frame.c";
  Net.Files = {"net/frame.c", "net/frame.h"};
  Net.Reasons = {"first"};
  Zip.Name = "zip/inflate.c";
  Zip.Files = {"zip/inflate.c"};
  Zip.Reasons = {"first"};
  return {Net, Zip};
}

TEST(CoverageTest, CountsInactiveBranchesAndFailedTUs) {
  ScanCoverage C = measureCoverage(facts(), modules());
  EXPECT_EQ(C.Scan.CodeLines, 200u);
  EXPECT_EQ(C.Scan.Inactive, 10u);
  EXPECT_EQ(C.Scan.Failed, 80u);
  EXPECT_DOUBLE_EQ(C.Scan.share(), 0.55);
  EXPECT_EQ(C.Modules.at("net/frame.c").CodeLines, 120u);
  EXPECT_EQ(C.Modules.at("net/frame.c").Inactive, 10u);
  EXPECT_DOUBLE_EQ(C.Modules.at("zip/inflate.c").share(), 0.0);
  EXPECT_EQ(percent(0.996), "99%");
  EXPECT_EQ(percent(1.0), "100%");
}

TEST(CoverageTest, ModulesNotSeenSaySoAndTheScanWarnsWithTheRemedy) {
  std::vector<ModuleScore> M = modules();
  ScanCoverage C = measureCoverage(facts(), M);
  explainCoverage(M, C);
  // 91% seen: above the threshold, no reason.
  EXPECT_EQ(M[0].Reasons, std::vector<std::string>{"first"});
  ASSERT_EQ(M[1].Reasons.size(), 2u);
  EXPECT_EQ(M[1].Reasons[0], "none of its 80 code lines was analysed (80 in a translation unit "
                             "that failed): its scores do not reflect its code");
  std::string W = lowCoverageWarning(C, /*HasDatabase=*/false);
  EXPECT_NE(W.find("only 55% of the 200 code lines were analysed (10 in inactive #if branches, "
                   "80 in translation units that failed)"),
            std::string::npos)
      << W;
  EXPECT_NE(W.find("-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"), std::string::npos);
  EXPECT_NE(W.find("bear -- make"), std::string::npos);
  EXPECT_NE(W.find("meson setup build"), std::string::npos);
  EXPECT_EQ(lowCoverageWarning(measureCoverage(ScanFacts(), {}), false), "");
}

} // namespace
