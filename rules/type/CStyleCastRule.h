#pragma once
#include "rules/Rule.h"

#include <set>

namespace carcinize {

/// type.c-style-cast: C-style casts that reinterpret an object pointer as a
/// pointer to an unrelated type.
class CStyleCastRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// Casts already reported, by file offset of their expansion.
  std::set<unsigned> Reported;
};

} // namespace carcinize
