#pragma once
#include "rules/NoReturnFunctions.h"
#include "rules/Rule.h"

#include <set>

namespace carcinize {

/// heap.double-free: within one function, frees a pointer a second time on some path
/// (CFG dataflow of rules/heap/FreedPointerAnalysis.h).
class DoubleFreeRule : public Rule {
public:
  DoubleFreeRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
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
