#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// heap.alloc-size-overflow: an allocation size computed with a
/// multiplication or addition that can wrap and is not checked first.
class AllocSizeOverflowRule : public Rule {
public:
  AllocSizeOverflowRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkSize(const std::string &What, const clang::Expr *Size, clang::SourceLocation Loc,
                 clang::ASTContext &AST);
  std::vector<std::string> Allocators;
};

} // namespace carcinize
