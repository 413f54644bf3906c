#pragma once
#include "rules/Rule.h"

#include <set>

namespace carcinize {

/// type.int-product-widened: a product of two run-time 32-bit integers
/// converted to a 64-bit integer after it was computed (`size_t blockwidth
/// = bytewidth * channels`), so the widening cannot prevent the overflow.
class IntProductWidenedRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// Sites already reported: a template's instantiations share them.
  std::set<unsigned> Reported;
};

} // namespace carcinize
