#include "rules/conc/SetjmpLongjmpRule.h"

#include "rules/RuleUtils.h"

#include <clang/Lex/Lexer.h>

#include <algorithm>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {
} // namespace

SetjmpLongjmpRule::SetjmpLongjmpRule(const RuleInfo &I, RuleContext &C, Severity S,
                                     RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Functions(namesFrom(builtinTables().names("nonlocal-jumps"), "jump-functions")) {}

RuleInfo SetjmpLongjmpRule::info() {
  RuleInfo I;
  I.Id = "conc.setjmp-longjmp";
  I.Title = "Non-local jump with setjmp/longjmp";
  // CWE-691 (Insufficient Control Flow Management): longjmp transfers control
  // across frames that never get to run their cleanup.
  I.Cwe = {691};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale =
      "'longjmp' returns into a frame saved by 'setjmp' across every call in between: their "
      "cleanup never runs (locks stay held, memory and files leak, C++ destructors are "
      "skipped, which is undefined behaviour when any would run), non-volatile locals of the "
      "'setjmp' caller modified since are indeterminate, and a jump into a frame that has "
      "returned, or from a signal handler or another thread, corrupts the stack.";
  I.RustAlternative =
      "Return `Result<T, E>` and propagate errors with `?`, which runs every `Drop` on the "
      "way; for a truly unrecoverable error, `panic!` unwinds and drops (and "
      "`std::panic::catch_unwind` can stop it at an API boundary).";
  I.Precision = "high";
  I.Options = {{"jump-functions", "Extra functions that save or jump to a non-local context."}};
  return I;
}

void SetjmpLongjmpRule::registerMatchers(MatchFinder &Finder) {
  // A call to setjmp, longjmp or a relative (often behind a macro).
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Functions))).bind("fn"))).bind("call"), this);
}

void SetjmpLongjmpRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  std::string Name = Fn->getNameAsString();
  // glibc spells `setjmp(env)` as a macro for `_setjmp(env)`: name the macro
  // the code wrote when it is one of ours.
  SourceLocation Loc = Call->getBeginLoc();
  if (Loc.isMacroID()) {
    std::string Macro =
        Lexer::getImmediateMacroName(Loc, AST.getSourceManager(), AST.getLangOpts()).str();
    if (std::find(Functions.begin(), Functions.end(), Macro) != Functions.end())
      Name = Macro;
  }
  if (llvm::StringRef(Name).contains("setjmp"))
    report(AST, Loc,
           "'" + Name + "' saves a context that a later 'longjmp' returns to, across the "
           "frames in between");
  else
    report(AST, Loc,
           "'" + Name + "' jumps back to a 'setjmp' context, skipping the cleanup of every "
           "frame in between");
}

} // namespace carcinize
