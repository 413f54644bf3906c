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
  void onEndOfTranslationUnit(clang::ASTContext &AST) override;

private:
  /// The index of the parameter that \p FD passes as the byte size of a
  /// malloc/realloc whose result it returns (an allocator wrapper), or -1.
  int wrapperSizeParam(const clang::FunctionDecl *FD, clang::ASTContext &AST);
  std::map<const clang::FunctionDecl *, int> WrapperCache;
  /// Calls to functions defined in this translation unit, judged at its end.
  std::vector<std::pair<const clang::CallExpr *, const clang::FunctionDecl *>> LocalCalls;
  void checkSize(const std::string &What, const clang::Expr *Size, clang::SourceLocation Loc,
                 clang::ASTContext &AST);
  std::vector<std::string> Allocators;
};

} // namespace carcinize
