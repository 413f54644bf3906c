#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.truncating-string-copy: strncpy that may leave no terminator, strncat
/// given the whole size.
class TruncatingStringCopyRule : public Rule {
public:
  TruncatingStringCopyRule(const RuleInfo &I, RuleContext &C, Severity S,
                           RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Functions;
};

} // namespace carcinize
