#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// life.return-local-address: the address of a local escapes its function,
/// by `return` or by a store into memory that outlives the call.
class ReturnLocalAddressRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkReturn(clang::ASTContext &AST, const clang::ReturnStmt *Ret,
                   const clang::FunctionDecl *Fn);
  void checkStore(clang::ASTContext &AST, const clang::BinaryOperator *Assign,
                  const clang::FunctionDecl *Fn);
};

} // namespace carcinize
