#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// trust.tainted-size: a value read from a buffer reaches a copy size, an
/// allocation size, an index or a loop bound with no check in between.
class TaintedSizeRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace carcinize
