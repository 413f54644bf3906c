#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// mem.sizeof-pointer: sizeof of a pointer where the size of a buffer was
/// meant.
class SizeofPointerRule : public Rule {
public:
  SizeofPointerRule(const RuleInfo &I, RuleContext &C, Severity S,
                    RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkCall(const clang::CallExpr *Call, const clang::FunctionDecl *Fn,
                 clang::ASTContext &AST);
  std::map<std::string, std::vector<int>> SizeArgs;
  std::vector<std::string> Allocators;
};

} // namespace carcinize
