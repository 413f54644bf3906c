#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.variable-length-array: variable-length arrays: stack allocation with a
/// run-time size.
class VariableLengthArrayRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace carcinize
