#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.scanf-unbounded-string: scanf conversions %s and %[ with no field width.
class ScanfUnboundedStringRule : public Rule {
public:
  ScanfUnboundedStringRule(const RuleInfo &I, RuleContext &C, Severity S,
                           RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Functions;
};

} // namespace carcinize
