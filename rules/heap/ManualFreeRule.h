#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// heap.manual-free: calls to free and friends, each a hand-made end of an
/// object's lifetime.
class ManualFreeRule : public Rule {
public:
  ManualFreeRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Deallocators;
};

} // namespace carcinize
