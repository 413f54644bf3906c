#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.gets: calls to gets and relatives, which read a line with no bound.
class GetsRule : public Rule {
public:
  GetsRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Functions;
};

} // namespace carcinize
