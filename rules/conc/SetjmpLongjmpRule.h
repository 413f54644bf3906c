#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// conc.setjmp-longjmp: calls to setjmp, longjmp and their relatives.
class SetjmpLongjmpRule : public Rule {
public:
  SetjmpLongjmpRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Functions;
};

} // namespace carcinize
