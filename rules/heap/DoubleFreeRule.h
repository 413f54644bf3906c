#pragma once
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
  /// Sites already reported: a template's instantiations share them.
  std::set<unsigned> Reported;
};

} // namespace carcinize
