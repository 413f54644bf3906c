#include "rules/heap/ManualFreeRule.h"

#include "rules/RuleUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

ManualFreeRule::ManualFreeRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Deallocators(namesFrom(builtinTables().names("deallocators"), "deallocator-functions")) {}

RuleInfo ManualFreeRule::info() {
  RuleInfo I;
  I.Id = "heap.manual-free";
  I.Title = "Heap memory released by hand with free";
  I.Cwe = {415, 416, 762};
  I.DefaultSeverity = Severity::Low;
  I.Rationale = "Each call to free ends an object's lifetime by hand: if another pointer to the "
                "block is still used, it is a use-after-free; if another path frees it too, a "
                "double free; if the block came from another allocator (new, a pool), the "
                "heap is corrupted. Nothing checks that the call is the only and the last one.";
  I.RustAlternative = "Let ownership free the memory: a `Box<T>`, `Vec<T>` or `String` is "
                      "dropped exactly once when its owner goes out of scope (or with "
                      "`drop(value)`), and the borrow checker rejects any use after that.";
  I.Precision = "low";
  I.Options = {{"deallocator-functions",
                "Extra functions that release heap memory (project deallocators); the pointer "
                "is their first argument."}};
  return I;
}

void ManualFreeRule::registerMatchers(MatchFinder &Finder) {
  // A call to a deallocator, declared anywhere (libc or the project).
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(refsOf(Deallocators))).bind("fn")),
                             unless(isInTemplateInstantiation()))
                        .bind("call"),
                    this);
}

void ManualFreeRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  std::string Name = Fn->getName().str();
  const TableRow *Row = builtinTables().find("deallocators", Name);
  int Ptr = Row ? std::max(Row->index("ptr"), 0) : 0;
  if (Call->getNumArgs() <= static_cast<unsigned>(Ptr)) {
    report(AST, Call->getBeginLoc(), "'" + Name + "' releases heap memory by hand");
    return;
  }
  const Expr *Arg = Call->getArg(Ptr);
  // `free(NULL)` releases nothing.
  if (Arg->isNullPointerConstant(AST, Expr::NPC_ValueDependentIsNotNull))
    return;
  // One finding per function and pointer: the same block released by hand
  // on each of three error paths is one fact.
  std::string What = text(AST, Arg->IgnoreParenImpCasts());
  reportOncePerFunction(AST, Call->getBeginLoc(),
                        context().enclosingFunction(AST, Call->getBeginLoc()), {Name + ":" + What},
                        "'" + Name + "' releases '" + text(AST, Arg) + "' by hand");
}

} // namespace carcinize
