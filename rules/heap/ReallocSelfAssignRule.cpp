#include "rules/heap/ReallocSelfAssignRule.h"

#include "rules/RuleUtils.h"
#include "rules/heap/HeapUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {
// Functions that return null and keep the old block on failure; the block
// is their first argument. (reallocf and xrealloc free or abort instead.)
} // namespace

ReallocSelfAssignRule::ReallocSelfAssignRule(const RuleInfo &I, RuleContext &C, Severity S,
                                             RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Reallocators(namesFrom(builtinTables().names("reallocators"), "realloc-functions")) {}

RuleInfo ReallocSelfAssignRule::info() {
  RuleInfo I;
  I.Id = "heap.realloc-self-assign";
  I.Title = "Result of realloc assigned to the pointer it resizes";
  I.Cwe = {401};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale = "When realloc fails it returns NULL and leaves the old block allocated. "
                "Writing the result straight back into the only pointer to that block "
                "overwrites it with NULL: the block leaks, and code that goes on using the "
                "pointer dereferences NULL. Out-of-memory paths are rarely tested, so the bug "
                "stays hidden.";
  I.RustAlternative = "`Vec::reserve`/`Vec::resize` and `String::push_str` grow the buffer "
                      "in place and keep it valid (aborting on out-of-memory); "
                      "`Vec::try_reserve` returns an error and leaves the vector intact.";
  I.Precision = "medium";
  I.Options = {{"realloc-functions",
                "Extra functions that resize the block given as their first argument and "
                "return null on failure, keeping it."}};
  return I;
}

void ReallocSelfAssignRule::registerMatchers(MatchFinder &Finder) {
  auto Realloc = callExpr(callee(functionDecl(hasAnyName(refsOf(Reallocators))).bind("fn")),
                          argumentCountAtLeast(1))
                     .bind("call");
  // lhs = realloc(lhs, n), possibly through a cast.
  Finder.addMatcher(binaryOperator(isAssignmentOperator(), hasOperatorName("="),
                                   hasRHS(ignoringParenCasts(Realloc)),
                                   unless(isInTemplateInstantiation()))
                        .bind("assign"),
                    this);
}

void ReallocSelfAssignRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Assign = Result.Nodes.getNodeAs<BinaryOperator>("assign");
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  const Expr *Lhs = Assign->getLHS()->IgnoreParenImpCasts();
  const Expr *Old = heap::stripCasts(Call->getArg(0));
  if (!heap::sameLvalue(Lhs, Old))
    return;
  report(AST, Assign->getBeginLoc(),
         "'" + Fn->getName().str() + "' result is assigned to '" +
             text(AST, Lhs) + "', the pointer it resizes");
}

} // namespace carcinize
