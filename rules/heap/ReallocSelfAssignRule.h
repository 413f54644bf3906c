#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// heap.realloc-self-assign: `p = realloc(p, n)`, which loses the old block
/// when realloc fails.
class ReallocSelfAssignRule : public Rule {
public:
  ReallocSelfAssignRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Reallocators;
};

} // namespace carcinize
