#pragma once
#include "rules/NoReturnFunctions.h"
#include "rules/Rule.h"

#include <set>

namespace carcinize {

/// heap.use-after-free: within one function, uses a pointer after free() released it on some path
/// (CFG dataflow of rules/heap/FreedPointerAnalysis.h).
class UseAfterFreeRule : public Rule {
public:
  UseAfterFreeRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Deallocators;
  /// Calls that end a path, answered once per function of the unit.
  NoReturnFunctions NoReturn;
  /// Sites already reported: a template's instantiations share them.
  std::set<unsigned> Reported;
};

} // namespace carcinize
