#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// type.variadic-function: definitions of C-style variadic functions (`...`).
class VariadicFunctionRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace carcinize
