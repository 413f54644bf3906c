#pragma once
#include "rules/Rule.h"

#include <set>

namespace carcinize {

/// life.use-after-move: a local or parameter used after std::move on some
/// path of its function's CFG (including the next iteration of a loop), with
/// no reassignment in between.
class UseAfterMoveRule : public Rule {
public:
  UseAfterMoveRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> MoveFunctions;
  std::vector<std::string> Reinitializers;
  /// Uses already reported (a template's instantiations share them).
  std::set<unsigned> Reported;
};

} // namespace carcinize
