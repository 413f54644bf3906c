#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// type.void-pointer-cast: explicit casts from `void *` to a typed object
/// pointer, other than the cast of an allocator's result.
class VoidPointerCastRule : public Rule {
public:
  VoidPointerCastRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  bool isAllocation(const clang::Expr *E, clang::QualType Pointee, clang::ASTContext &Ctx) const;
  std::vector<std::string> Allocators;
};

} // namespace carcinize
