#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.alloca: alloca and relatives: stack allocation with a run-time size.
class AllocaRule : public Rule {
public:
  AllocaRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Functions;
};

} // namespace carcinize
