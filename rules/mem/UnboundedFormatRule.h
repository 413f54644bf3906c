#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.unbounded-format: sprintf and vsprintf into a buffer the output may
/// overflow.
class UnboundedFormatRule : public Rule {
public:
  UnboundedFormatRule(const RuleInfo &I, RuleContext &C, Severity S,
                      RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Functions;
};

} // namespace carcinize
