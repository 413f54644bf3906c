#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.unchecked-memcpy-size: memcpy and relatives whose size is not provably
/// within the destination.
class UncheckedMemcpySizeRule : public Rule {
public:
  UncheckedMemcpySizeRule(const RuleInfo &I, RuleContext &C, Severity S,
                          RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  struct CopyFunction {
    int Dest, Size;
  };
  std::map<std::string, CopyFunction> Functions;
};

} // namespace carcinize
