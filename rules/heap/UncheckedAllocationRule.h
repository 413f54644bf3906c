#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// heap.unchecked-allocation: the result of malloc and friends used before
/// any null check.
class UncheckedAllocationRule : public Rule {
public:
  UncheckedAllocationRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Allocators;
  std::vector<std::string> Releasers;
};

} // namespace carcinize
