#pragma once
/// \file The rule catalogue as text, JSON and Markdown (`carcinize rules`),
/// and each rule's documentation page (docs/rules/<id>.md).

#include "rules/RuleInfo.h"

#include <string>
#include <vector>

namespace carcinize {

std::string renderRuleCatalogueText(const std::vector<RuleInfo> &Rules);
std::string renderRuleCatalogueJson(const std::vector<RuleInfo> &Rules, const std::string &Version);
std::string renderRuleCatalogueMarkdown(const std::vector<RuleInfo> &Rules);

/// An example for a rule's page: a fixture file's name and text.
struct RuleExample {
  std::string FileName;
  std::string Language; ///< "c" or "cpp", for the code fence
  std::string Text;
};

/// The documentation page of \p Rule, with the flagged (\p Bad) and the
/// accepted (\p Good) examples from its fixtures.
std::string renderRuleDoc(const RuleInfo &Rule, const std::vector<RuleExample> &Bad,
                          const std::vector<RuleExample> &Good);

/// "CWE-120, CWE-787".
std::string cweList(const std::vector<unsigned> &Cwe);

} // namespace carcinize

namespace carcinize {

/// The examples of a rule from its fixture folder: files named `bad*` are
/// flagged examples, `good*` accepted ones, in name order.
void loadRuleExamples(const std::string &FixtureDir, std::vector<RuleExample> &Bad,
                      std::vector<RuleExample> &Good);

/// The lines of \p Text marked `expect: <ids>` for \p RuleId (1-based).
std::vector<unsigned> expectedLines(const std::string &Text, const std::string &RuleId);

} // namespace carcinize
