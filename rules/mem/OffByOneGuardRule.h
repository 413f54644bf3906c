#pragma once
#include "rules/Rule.h"

#include <set>

namespace carcinize {

/// mem.off-by-one-guard: an index checked with `i > n` (or accepted with
/// `i <= n`) before it indexes an array of n elements.
class OffByOneGuardRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// Sites already reported: a template's instantiations share them.
  std::set<unsigned> Reported;
};

} // namespace carcinize
