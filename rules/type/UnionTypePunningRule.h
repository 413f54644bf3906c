#pragma once
#include "rules/Rule.h"

#include <set>

namespace carcinize {

/// type.union-type-punning: a union member read when, on every path, another
/// member of a different type was the last one written.
class UnionTypePunningRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  // Reads already reported (a statement may appear in more than one CFG
  // element), by file offset.
  std::set<unsigned> Reported;
};

} // namespace carcinize
