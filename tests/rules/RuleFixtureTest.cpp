// Every rule over its fixtures: the flagged lines must be exactly the lines
// marked `expect: <rule-id>`; a missed line and an extra line both fail.
#include "RuleTestSupport.h"

#include "report/RuleCatalogueReport.h"
#include "rules/Catalogue.h"

#include <gtest/gtest.h>
#include <llvm/Support/FileSystem.h>

#include <fstream>
#include <sstream>

using namespace carcinize;

namespace {

std::vector<std::string> fixtureFiles(const std::string &Dir) {
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    std::string P = It->path();
    if (llvm::sys::fs::is_regular_file(P) && (P.size() > 2 && (P.substr(P.size() - 2) == ".c" ||
                                                                P.substr(P.size() - 4) == ".cpp")))
      Files.push_back(P);
  }
  std::sort(Files.begin(), Files.end());
  return Files;
}

std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream SS;
  SS << In.rdbuf();
  return SS.str();
}

std::vector<std::string> ruleIds() {
  std::vector<std::string> Ids;
  for (const auto &R : ruleCatalogue())
    Ids.push_back(R.Id);
  return Ids;
}

class RuleFixtureTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleFixtureTest, FlagsExactlyTheMarkedLines) {
  const std::string Id = GetParam();
  std::string Dir = test::sourceDir() + "/fixtures/rules/" + Id;
  std::vector<std::string> Files = fixtureFiles(Dir);
  ASSERT_FALSE(Files.empty()) << "no fixtures in " << Dir;
  for (const auto &File : Files) {
    SCOPED_TRACE(File);
    ScanFacts Facts = test::runRuleOnFile(Id, File);
    ASSERT_EQ(Facts.TranslationUnits.size(), 1u);
    const auto &TU = Facts.TranslationUnits.front();
    EXPECT_EQ(TU.Status, ParseStatus::Clean)
        << "fixture does not parse cleanly: "
        << (TU.Errors.empty() ? TU.FailureReason
                              : std::to_string(TU.Errors.front().Line) + ": " + TU.Errors.front().Message);
    std::vector<unsigned> Expected = expectedLines(readFile(File), Id);
    std::vector<unsigned> Got = test::findingLines(Facts.Findings, Id);
    std::string Messages;
    for (const auto &F : Facts.Findings)
      Messages += "  " + std::to_string(F.Line) + ": " + F.Message + "\n";
    EXPECT_EQ(Got, Expected) << "findings:\n" << Messages;
    bool IsGood = File.find("/good") != std::string::npos;
    if (IsGood)
      EXPECT_TRUE(Expected.empty()) << "a good fixture must have no expect: markers";
    else
      EXPECT_FALSE(Expected.empty()) << "a bad fixture must mark at least one line";
  }
}

INSTANTIATE_TEST_SUITE_P(AllRules, RuleFixtureTest, ::testing::ValuesIn(ruleIds()),
                         [](const ::testing::TestParamInfo<std::string> &I) {
                           std::string N = I.param;
                           for (char &C : N)
                             if (!isalnum(static_cast<unsigned char>(C)))
                               C = '_';
                           return N;
                         });

} // namespace
