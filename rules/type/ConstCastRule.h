#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// type.const-cast: `const_cast` (or a C-style cast that only changes
/// qualifiers) removing `const` from a pointer or a reference.
class ConstCastRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace carcinize
