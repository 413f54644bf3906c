#include "rules/mem/AllocaRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

#include <clang/Lex/Lexer.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

AllocaRule::AllocaRule(const RuleInfo &I, RuleContext &C, Severity S,
                       RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Functions(namesFrom(builtinTables().names("stack-allocators"),
                          "stack-allocators")) {}

RuleInfo AllocaRule::info() {
  RuleInfo I;
  I.Id = "mem.alloca";
  I.Title = "Stack allocation with alloca";
  I.Cwe = {770, 121};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale = "alloca takes its memory from the stack with no failure mode: "
                "a size computed "
                "from input, or a call in a loop, moves the stack pointer past "
                "the guard page "
                "into other memory (stack clash) instead of failing. The "
                "memory also dies with "
                "the function, so a pointer to it that escapes dangles.";
  I.RustAlternative =
      "`Vec::with_capacity(n)` (or `vec![0u8; n]`) allocates on the heap and "
      "reports failure; for small sizes known at compile time, an array "
      "`[u8; N]`; `smallvec`/`arrayvec` keep small buffers inline with a "
      "bound.";
  I.Options = {
      {"stack-allocators", "Extra functions that allocate on the stack."}};
  return I;
}

void AllocaRule::registerMatchers(MatchFinder &Finder) {
  // A call to alloca or a relative (glibc's alloca is __builtin_alloca).
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Functions))).bind("fn")),
               unless(isInTemplateInstantiation()),
               optionally(hasAncestor(
                   stmt(anyOf(forStmt(), whileStmt(), doStmt())).bind("loop"))))
          .bind("call"),
      this);
}

void AllocaRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  bool InLoop = Result.Nodes.getNodeAs<Stmt>("loop") != nullptr;
  ASTContext &AST = *Result.Context;
  // The name as written (`alloca`), not the builtin glibc's macro expands to.
  std::string Name = Fn->getName().str();
  SourceLocation CalleeLoc = Call->getCallee()->getBeginLoc();
  if (CalleeLoc.isMacroID())
    Name = Lexer::getImmediateMacroName(CalleeLoc, AST.getSourceManager(),
                                        AST.getLangOpts())
               .str();
  const Expr *Size = mem::argAt(Call, 0);
  if (!Size)
    return;
  // Near miss: a constant size outside loops is a fixed stack buffer.
  if (auto N = constantValue(Size, AST)) {
    if (!InLoop)
      return;
    report(AST, Call->getBeginLoc(),
           "'" + Name + "' allocates " + std::to_string(*N) +
               " bytes on the stack in a loop, which frees nothing until the "
               "function returns");
    return;
  }
  report(AST, Call->getBeginLoc(),
         "'" + Name + "' allocates '" +
             text(AST, Size) +
             "' bytes on the stack" + (InLoop ? " in a loop" : "") +
             " with no check that they fit");
}

} // namespace carcinize
