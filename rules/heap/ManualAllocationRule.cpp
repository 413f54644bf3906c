#include "rules/heap/ManualAllocationRule.h"

#include "rules/RuleUtils.h"
#include "rules/heap/HeapUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

ManualAllocationRule::ManualAllocationRule(const RuleInfo &I, RuleContext &C, Severity S,
                                           RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Allocators(namesFrom(builtinTables().names("allocators"), "allocator-functions")) {}

RuleInfo ManualAllocationRule::info() {
  RuleInfo I;
  I.Id = "heap.manual-allocation";
  I.Title = "Heap memory allocated with a C allocator and owned by hand";
  I.Cwe = {401, 762};
  I.DefaultSeverity = Severity::Low;
  I.Rationale = "Memory from malloc, calloc, realloc or strdup has no owner the compiler knows "
                "of: every path must free it exactly once, with the matching deallocator, and "
                "never use it afterwards. Each call site is a place where leaks, double frees "
                "and use-after-free can start; the count measures how much ownership the code "
                "manages by hand.";
  I.RustAlternative = "Owned values: `Box<T>` for one object, `Vec<T>` for a buffer "
                      "(`vec![0u8; n]`, `Vec::with_capacity(n)`), `String` for `strdup`; "
                      "they are freed exactly once when their owner goes out of scope, and "
                      "borrowing (`&T`, `&mut [T]`) replaces raw pointers into them.";
  I.Precision = "low";
  I.Options = {{"allocator-functions",
                "Extra functions that return heap memory the caller must free (project "
                "allocators)."}};
  return I;
}

void ManualAllocationRule::registerMatchers(MatchFinder &Finder) {
  // A call to an allocator, declared anywhere (libc or the project).
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(refsOf(Allocators))).bind("fn")),
                             unless(isInTemplateInstantiation()))
                        .bind("call"),
                    this);
}

void ManualAllocationRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  std::string Msg = "'" + Fn->getName().str() + "' allocates heap memory";
  heap::Storage S = heap::storedInto(Call, AST);
  if (S.Var)
    Msg += " stored in '" + S.Var->getNameAsString() + "'";
  else if (S.Lhs)
    Msg += " stored in '" + text(AST, S.Lhs->getSourceRange()) + "'";
  Msg += " that must be freed by hand";
  report(AST, Call->getBeginLoc(), Msg);
}

} // namespace carcinize
