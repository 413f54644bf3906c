#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.non-literal-format: printf-family calls whose format is not a string
/// literal.
class NonLiteralFormatRule : public Rule {
public:
  NonLiteralFormatRule(const RuleInfo &I, RuleContext &C, Severity S,
                       RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Functions;
};

} // namespace carcinize
