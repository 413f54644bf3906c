#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.pointer-arithmetic: arithmetic that moves raw pointers (p + n, p++,
/// p -= n), one finding per statement.
class PointerArithmeticRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit(clang::ASTContext &AST) override;

  /// Records one arithmetic operation matched by the rule
  /// (grouped per statement, or per macro spelling in a function).
  void record(const clang::Expr *Op, clang::ASTContext &AST);

private:
  /// The operations of one statement, in source order.
  struct Site {
    std::vector<const clang::Expr *> Ops;
    bool FromMacro = false;
  };
  std::vector<Site> Sites;
  std::map<const void *, size_t> SiteOfStatement;
  std::map<std::pair<const clang::FunctionDecl *, unsigned>, size_t>
      SiteOfMacroSpelling;
};

} // namespace carcinize
