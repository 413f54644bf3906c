#pragma once
#include "rules/Rule.h"

#include <set>

namespace carcinize {

/// type.narrowing-size-conversion: a size or length implicitly narrowed (or
/// made signed), and a signed value implicitly made a size argument.
class NarrowingSizeConversionRule : public Rule {
public:
  NarrowingSizeConversionRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  bool isSizeExpr(const clang::Expr *E, clang::ASTContext &Ctx) const;
  bool isGuarded(const clang::ImplicitCastExpr *Cast, clang::ASTContext &Ctx);
  void checkNarrowing(const clang::ImplicitCastExpr *Cast, clang::ASTContext &Ctx);
  void checkSizeArgument(const clang::CallExpr *Call, const clang::FunctionDecl *Fn,
                         clang::ASTContext &Ctx);

  std::vector<std::string> LengthFunctions;
  /// Function name -> indexes of its size arguments.
  std::map<std::string, std::vector<int>> SizeArguments;
  /// Casts already reported (template instantiations repeat them), by offset.
  std::set<unsigned> Reported;
};

} // namespace carcinize
