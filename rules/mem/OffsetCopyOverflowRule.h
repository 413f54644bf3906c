#pragma once
#include "rules/Rule.h"

#include <set>

namespace carcinize {

/// mem.offset-copy-overflow: a copy into `buf + off` whose size is checked
/// against the whole of `buf`, never against what is left after `off`.
class OffsetCopyOverflowRule : public Rule {
public:
  OffsetCopyOverflowRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Functions;
  /// Sites already reported: a template's instantiations share them.
  std::set<unsigned> Reported;
};

} // namespace carcinize
