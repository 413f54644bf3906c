#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// heap.raw-new-delete: C++ new/new[]/delete/delete[] whose result is owned
/// by a raw pointer rather than a smart pointer; mismatched array forms.
class RawNewDeleteRule : public Rule {
public:
  RawNewDeleteRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkNew(const clang::CXXNewExpr *New, clang::ASTContext &AST);
  void checkDelete(const clang::CXXDeleteExpr *Del, clang::ASTContext &AST);
  bool isSmartPointer(clang::QualType T) const;
  std::vector<std::string> SmartPointers;
};

} // namespace carcinize
