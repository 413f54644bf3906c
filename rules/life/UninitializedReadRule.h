#pragma once
#include "rules/Rule.h"

#include <set>

namespace carcinize {

/// life.uninitialized-read: a local read before any assignment on some path,
/// found by Clang's UninitializedValues analysis (the one behind
/// -Wuninitialized and -Wsometimes-uninitialized).
class UninitializedReadRule : public Rule {
public:
  UninitializedReadRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// Uses already reported (a template's instantiations share them).
  std::set<std::string> Reported;
  /// Option `conditional`: report 'maybe' uses too.
  bool ReportMaybe = false;
};

} // namespace carcinize
