#pragma once
/// \file The base of the rules that read rules/heap/PointerOrigin.h: they
/// match the releases of a translation unit (`free`, `realloc`, `delete`),
/// and analyse each function holding one once, at the end of the unit, so
/// that functions which release nothing cost no CFG.

#include "rules/Rule.h"
#include "rules/heap/PointerOrigin.h"

#include <set>

namespace carcinize {

/// A rule over the pointer origins of the functions that release memory.
class PointerOriginRule : public Rule {
public:
  PointerOriginRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit(clang::ASTContext &AST) override;

  /// The option every rule of this base reads.
  static RuleOptionInfo deallocatorOption();

protected:
  /// Reports what the rule looks for in one function's findings.
  virtual void reportFindings(const heap::OriginFindings &F, clang::ASTContext &AST) = 0;

  /// Reports at \p Loc once: a template's instantiations share their sites.
  void reportOnce(clang::ASTContext &AST, clang::SourceLocation Loc, const std::string &Message);

private:
  std::vector<std::string> Deallocators;
  std::vector<const clang::FunctionDecl *> Functions;
  std::set<const clang::FunctionDecl *> Seen;
  std::set<unsigned> Reported;
};

} // namespace carcinize
