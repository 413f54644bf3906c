// The catalogue: unique, well-formed ids; complete metadata; every rule has
// fixtures (bad and good) and an up-to-date doc page.
#include "RuleTestSupport.h"

#include "report/RuleCatalogueReport.h"
#include "rules/Catalogue.h"
#include "rules/Tables.h"

#include <gtest/gtest.h>
#include <llvm/Support/FileSystem.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace carcinize;

namespace {

TEST(CatalogueTest, HasAtLeastThirtyRulesWithCwe) {
  unsigned WithCwe = 0;
  for (const auto &R : ruleCatalogue())
    WithCwe += !R.Cwe.empty();
  EXPECT_GE(WithCwe, 30u);
}

TEST(CatalogueTest, IdsAreUniqueAndWellFormed) {
  std::set<std::string> Seen;
  std::regex Form("^[a-z]+\\.[a-z0-9]+(-[a-z0-9]+)*$");
  for (const auto &R : ruleCatalogue()) {
    EXPECT_TRUE(Seen.insert(R.Id).second) << "duplicate id " << R.Id;
    EXPECT_TRUE(std::regex_match(R.Id, Form)) << R.Id;
  }
}

TEST(CatalogueTest, EveryRuleHasCompleteMetadata) {
  for (const auto &R : ruleCatalogue()) {
    SCOPED_TRACE(R.Id);
    EXPECT_FALSE(R.Title.empty());
    EXPECT_LT(R.Title.size(), 90u) << "titles are one line";
    EXPECT_GT(R.Rationale.size(), 40u);
    EXPECT_GT(R.RustAlternative.size(), 20u);
    EXPECT_TRUE(R.Precision == "high" || R.Precision == "medium" || R.Precision == "low");
    if (R.category() != "meta") {
      EXPECT_FALSE(R.Cwe.empty());
    }
    for (const auto &O : R.Options)
      EXPECT_FALSE(O.Description.empty()) << O.Name;
  }
}

TEST(CatalogueTest, EveryRuleHasBadAndGoodFixtures) {
  for (const auto &R : ruleCatalogue()) {
    SCOPED_TRACE(R.Id);
    std::vector<RuleExample> Bad, Good;
    loadRuleExamples(test::sourceDir() + "/fixtures/rules/" + R.Id, Bad, Good);
    EXPECT_FALSE(Bad.empty());
    EXPECT_FALSE(Good.empty());
  }
}

TEST(CatalogueTest, EveryRuleHasAnUpToDateDocPage) {
  for (const auto &R : ruleCatalogue()) {
    SCOPED_TRACE(R.Id);
    std::vector<RuleExample> Bad, Good;
    loadRuleExamples(test::sourceDir() + "/fixtures/rules/" + R.Id, Bad, Good);
    std::ifstream In(test::sourceDir() + "/docs/rules/" + R.Id + ".md");
    ASSERT_TRUE(In.good()) << "missing docs/rules/" << R.Id
                           << ".md; run: carcinize rules --write-docs docs/rules";
    std::stringstream SS;
    SS << In.rdbuf();
    EXPECT_EQ(SS.str(), renderRuleDoc(R, Bad, Good))
        << "docs/rules/" << R.Id << ".md is stale; run: carcinize rules --write-docs docs/rules";
  }
}

TEST(CatalogueTest, BuiltinTablesParse) {
  const Tables &T = builtinTables();
  EXPECT_NE(T.find("memory-copy", "memcpy"), nullptr);
  EXPECT_EQ(T.find("memory-copy", "memcpy")->index("size"), 2);
  EXPECT_FALSE(T.names("unbounded-string-copy").empty());
}

TEST(CatalogueTest, ConfigValidationKnowsEveryRule) {
  RuleCatalogueView V = catalogueView();
  EXPECT_EQ(V.Rules.size(), ruleCatalogue().size());
  Config C = parseConfig("rules:\n  mem.unbounded-string-copy:\n    options:\n      copy-functions: [x]\n",
                         "t.yaml");
  EXPECT_NO_THROW(validateRuleSettings(C, V));
}

TEST(CatalogueTest, DisabledRulesDoNotRun) {
  Config C = parseConfig("rules:\n  mem.*: off\n", "t.yaml");
  for (const auto &Id : enabledRuleIds(C))
    EXPECT_NE(Id.rfind("mem.", 0), 0u) << Id;
}

} // namespace
