#include "rules/mem/GetsRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

GetsRule::GetsRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Functions(namesFrom(builtinTables().names("unbounded-line-read"),
                          "line-functions")) {}

RuleInfo GetsRule::info() {
  RuleInfo I;
  I.Id = "mem.gets";
  I.Title = "Line read with gets, which cannot bound its destination";
  I.Cwe = {242, 120};
  I.DefaultSeverity = Severity::Critical;
  I.Rationale =
      "gets reads a line into a buffer without being told its size, so any "
      "input "
      "line longer than the buffer overflows it. No caller can use it safely; "
      "it was "
      "removed from C11 and is a textbook remote-exploitation vector.";
  I.RustAlternative =
      "`std::io::stdin().read_line(&mut String)` or `BufRead::lines()` grow a "
      "`String` to fit the line; for a fixed cap, `take(n)` on the reader.";
  I.Options = {{"line-functions",
                "Extra functions that read a line with no bound; the "
                "destination is their first argument."}};
  return I;
}

void GetsRule::registerMatchers(MatchFinder &Finder) {
  // A call to gets or a relative, declared anywhere.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Functions))).bind("fn")))
          .bind("call"),
      this);
}

void GetsRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  std::string Msg = "'" + Fn->getName().str() + "' reads a line";
  if (Call->getNumArgs() >= 1) {
    const Expr *Dst = Call->getArg(0);
    Msg += " into '" + text(AST, Dst) +
           "'";
    if (auto Bytes = destinationArrayBytes(Dst, AST))
      Msg += " (" + std::to_string(*Bytes) + " bytes)";
  }
  Msg += " with no bound on its length";
  report(AST, Call->getBeginLoc(), Msg);
}

} // namespace carcinize
