#pragma once
/// \file The base of every rule: a small clang-tidy-like check. A rule
/// registers AST matchers (one addMatcher per syntactic form), reports one
/// finding per match through report(), and reads its options once, in its
/// constructor. No I/O, no global state.

#include "frontend/SourceScope.h"
#include "frontend/TUAnalyzer.h"
#include "rules/RuleInfo.h"
#include "rules/Tables.h"

#include <clang/AST/ASTContext.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/ASTMatchers/ASTMatchers.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace carcinize {

/// Effective options of one rule: name -> values (defaults merged with config).
using RuleOptions = std::map<std::string, std::vector<std::string>>;

/// What a rule shares with the other rules of its translation unit.
class RuleContext {
public:
  RuleContext(TUContext &TU) : TU(TU) {}

  SourceScope &scope() { return TU.Scope; }
  /// The byte-flow analysis of \p FD, shared with the facts collector.
  ByteFlowCache &byteFlows() { return TU.ByteFlows; }
  std::vector<Finding> &findings() { return TU.Findings; }

  /// The innermost function definition of the tree whose body holds \p Loc,
  /// or null (file scope). Lambdas belong to their enclosing function.
  const clang::FunctionDecl *enclosingFunction(clang::ASTContext &Ctx, clang::SourceLocation Loc);

  /// The USR of \p FD (cached).
  const std::string &usrOf(const clang::FunctionDecl *FD);

private:
  void indexFunctions(clang::ASTContext &Ctx);
  TUContext &TU;
  bool Indexed = false;
  // In-tree function definitions: (file, begin offset, end offset, decl).
  struct Span {
    clang::FileID File;
    unsigned Begin, End;
    const clang::FunctionDecl *FD;
  };
  std::vector<Span> Spans;
  std::map<const clang::FunctionDecl *, std::string> Usrs;
};

/// Base class of all rules.
class Rule : public clang::ast_matchers::MatchFinder::MatchCallback {
public:
  Rule(const RuleInfo &Info, RuleContext &Ctx, Severity Sev, RuleOptions Options)
      : Info(Info), Ctx(Ctx), Sev(Sev), Options(std::move(Options)) {}

  /// Adds the rule's matchers, with this rule as their callback.
  virtual void registerMatchers(clang::ast_matchers::MatchFinder &Finder) = 0;

  /// Called for each match of the rule's matchers.
  virtual void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) {}

  /// Called once after all matchers ran, for rules that look at whole
  /// functions (CFG-based ones).
  virtual void onEndOfTranslationUnit(clang::ASTContext &AST) {}

  const RuleInfo &info() const { return Info; }

protected:
  /// Records a finding at \p Loc (its expansion) when it lies in the tree.
  void report(clang::ASTContext &AST, clang::SourceLocation Loc, const std::string &Message);

  /// One finding per function and fact. When \p FD already has a finding of
  /// this rule registered under one of \p Keys, the site at \p Loc is added to
  /// that finding ("also at line 12, 15 in this function") and true is
  /// returned; otherwise a finding is reported and registered under every
  /// key. File-scope sites (null \p FD) are reported one by one. The first
  /// site in traversal order carries the finding; the others keep its count
  /// from growing with every repetition of the same fact (`s->pending_buf[
  /// s->pending++]` in each expansion of a macro, `p++` on each line of a
  /// parser loop).
  bool reportOncePerFunction(clang::ASTContext &AST, clang::SourceLocation Loc,
                             const clang::FunctionDecl *FD, const std::vector<std::string> &Keys,
                             const std::string &Message);

  /// The values of option \p Name (empty when unset).
  const std::vector<std::string> &option(const std::string &Name) const;

  /// The function names of table \p Table plus those of option \p OptionName.
  std::vector<std::string> namesFrom(const std::vector<std::string> &Table,
                                     const std::string &OptionName) const;

  RuleContext &context() { return Ctx; }

  /// Source text of \p Range, for messages ('len', 'sizeof buf'); "" when
  /// the range has no text of its own (inside a macro).
  static std::string text(clang::ASTContext &AST, clang::SourceRange Range);

  /// Source text of \p S, or \p S printed when it has none (an expression
  /// inside a macro): messages never say ''.
  static std::string text(clang::ASTContext &AST, const clang::Stmt *S);

private:
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) final {
    check(Result);
  }

  const RuleInfo &Info;
  RuleContext &Ctx;
  Severity Sev;
  RuleOptions Options;

  /// A finding that stands for several sites of one function.
  struct Group {
    size_t Index; ///< in Ctx.findings()
    std::string Message;
    std::vector<unsigned> Lines; ///< the other sites' lines
  };
  std::vector<Group> Groups;
  std::map<std::pair<const clang::FunctionDecl *, std::string>, size_t> GroupOfKey;
};

/// The registry: rule metadata and how to make each rule.
class RuleRegistry {
public:
  using Factory = std::function<std::unique_ptr<Rule>(const RuleInfo &, RuleContext &, Severity,
                                                      RuleOptions)>;
  struct Entry {
    RuleInfo Info;
    Factory Make;
  };

  /// Registers rule class \p R, which has `static RuleInfo info()` and the
  /// Rule constructor.
  template <typename R> void add() {
    Entries.push_back({R::info(), [](const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O) {
                         return std::unique_ptr<Rule>(new R(I, C, S, std::move(O)));
                       }});
  }
  const std::vector<Entry> &entries() const { return Entries; }

private:
  std::vector<Entry> Entries;
};

/// Each category's registration, called from one place (RuleRegistry.cpp).
void registerMemRules(RuleRegistry &R);
void registerHeapRules(RuleRegistry &R);
void registerLifeRules(RuleRegistry &R);
void registerTrustRules(RuleRegistry &R);
void registerTypeRules(RuleRegistry &R);
void registerConcRules(RuleRegistry &R);

/// Calls every category's registration.
void registerAllRules(RuleRegistry &R);

} // namespace carcinize
