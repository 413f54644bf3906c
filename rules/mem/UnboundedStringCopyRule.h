#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.unbounded-string-copy: strcpy, strcat and relatives, which copy until
/// the source's terminator whatever the destination's size.
class UnboundedStringCopyRule : public Rule {
public:
  UnboundedStringCopyRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Functions;
};

} // namespace carcinize
