#pragma once
#include "rules/Rule.h"

namespace carcinize {

/// conc.thread-shared-mutable-state: writes to mutable globals and statics,
/// with no lock before them in their function, in a translation unit that
/// starts threads.
class ThreadSharedMutableStateRule : public Rule {
public:
  ThreadSharedMutableStateRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O);
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit(clang::ASTContext &AST) override;

private:
  /// A site of interest in a function of the tree, by file offset.
  struct Site {
    const clang::FunctionDecl *Fn;
    clang::FileID File;
    unsigned Offset;
  };
  Site siteOf(clang::ASTContext &AST, clang::SourceLocation Loc);

  std::vector<std::string> Creators, Locks, Joins, LockGuards;
  /// The first thread creation seen: its name and location.
  std::string CreatorName;
  clang::SourceLocation CreatorLoc;
  std::vector<Site> CreationSites, LockSites, JoinSites;
  struct Write {
    const clang::VarDecl *Var;
    clang::SourceLocation Loc;
  };
  std::vector<Write> Writes;
};

} // namespace carcinize
