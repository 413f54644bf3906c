#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.unchecked-index: subscripts whose index is not visibly bounded.
class UncheckedIndexRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace carcinize
