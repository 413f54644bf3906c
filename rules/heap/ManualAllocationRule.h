#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// heap.manual-allocation: calls to C allocators (malloc, calloc, strdup...),
/// whose result the program must free by hand: migration evidence.
class ManualAllocationRule : public Rule {
public:
  ManualAllocationRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Allocators;
};

} // namespace carcinize
