#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// life.container-modified-while-iterating: a container grown, shrunk or
/// cleared inside a loop that walks it with iterators (a range-for, or an
/// explicit `it != c.end()` loop), which invalidates the loop's iterators.
class ContainerModifiedWhileIteratingRule : public Rule {
public:
  ContainerModifiedWhileIteratingRule(const RuleInfo &I, RuleContext &C, Severity S,
                                      RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkBody(clang::ASTContext &AST, const clang::Stmt *Loop, const clang::Stmt *Body,
                 const clang::Expr *Container, const clang::VarDecl *Iterator);
  std::vector<std::string> Mutators;
};

} // namespace carcinize
