#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// life.dangling-c-str: a pointer or view into a string or vector that is
/// destroyed before the pointer is used (a temporary, or a local returned).
class DanglingCStrRule : public Rule {
public:
  DanglingCStrRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  std::vector<std::string> Accessors;
  std::vector<std::string> Owners;
  std::vector<std::string> Views;
};

} // namespace carcinize
