#include "rules/heap/UncheckedAllocationRule.h"

#include "rules/RuleUtils.h"
#include "rules/heap/HeapUtils.h"

#include <clang/AST/RecursiveASTVisitor.h>

#include <algorithm>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

// How it works: source order within the function, not a CFG. After the
// allocation, the occurrences of the variable (or member, `s->buf`) it is
// stored in are visited in source order; the first one decides: a null
// check or a reassignment ends the search, a use (dereference, subscript,
// `->`, argument of a call) is reported. Limits: a check on one branch counts
// for the code after it on every path; uses through an alias (`q = p; *q`)
// are not seen; an allocation in a loop is checked against the code that
// follows it in the text, not the next iteration.

namespace {

enum class Occurrence { NullCheck, Reassigned, Use, Unevaluated, Other };

struct Classified {
  Occurrence Kind = Occurrence::Other;
  std::string How; // for a use: "dereferenced", "passed to 'memcpy'", ...
};

bool isNull(const Expr *E, ASTContext &AST) {
  return E->IgnoreParenCasts()->isNullPointerConstant(AST, Expr::NPC_ValueDependentIsNotNull);
}

/// What the code does with the pointer value \p E.
Classified classify(const Expr *E, ASTContext &AST, const std::vector<std::string> &Releasers) {
  // `sizeof *p` does not evaluate p, wherever it sits in the expression.
  for (const Stmt *P = parentStmt(E, AST); P && isa<Expr>(P); P = parentStmt(P, AST))
    if (isa<UnaryExprOrTypeTraitExpr>(P))
      return {Occurrence::Unevaluated, ""};
  const Stmt *Cur = E;
  while (const Stmt *P = parentStmt(Cur, AST)) {
    if (isa<ParenExpr, CastExpr>(P)) {
      Cur = P;
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(P)) {
      if (U->getOpcode() == UO_LNot)
        return {Occurrence::NullCheck, ""};
      if (U->getOpcode() == UO_Deref)
        return {Occurrence::Use, "dereferenced"};
      return {};
    }
    if (const auto *B = dyn_cast<BinaryOperator>(P)) {
      if (B->isEqualityOp()) {
        const Expr *Other = B->getLHS() == Cur ? B->getRHS() : B->getLHS();
        return {isNull(Other, AST) ? Occurrence::NullCheck : Occurrence::Other, ""};
      }
      if (B->isLogicalOp())
        return {Occurrence::NullCheck, ""};
      if (B->getOpcode() == BO_Assign)
        return {B->getLHS() == Cur ? Occurrence::Reassigned : Occurrence::Other, ""};
      // Pointer arithmetic: `*(p + 1)` uses p.
      if (B->isAdditiveOp() && B->getType()->isPointerType()) {
        Cur = P;
        continue;
      }
      return {};
    }
    if (const auto *C = dyn_cast<ConditionalOperator>(P))
      return {C->getCond() == Cur ? Occurrence::NullCheck : Occurrence::Other, ""};
    if (const auto *I = dyn_cast<IfStmt>(P))
      return {I->getCond() == Cur ? Occurrence::NullCheck : Occurrence::Other, ""};
    if (const auto *W = dyn_cast<WhileStmt>(P))
      return {W->getCond() == Cur ? Occurrence::NullCheck : Occurrence::Other, ""};
    if (const auto *F = dyn_cast<ForStmt>(P))
      return {F->getCond() == Cur ? Occurrence::NullCheck : Occurrence::Other, ""};
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(P))
      return {A->getBase() == Cur ? Occurrence::Use : Occurrence::Other, "subscripted"};
    if (const auto *M = dyn_cast<MemberExpr>(P))
      return {M->isArrow() ? Occurrence::Use : Occurrence::Other, "accessed with '->'"};
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (Call->getCallee() == Cur)
        return {};
      const FunctionDecl *FD = Call->getDirectCallee();
      std::string Name = FD ? FD->getName().str() : "";
      // free(NULL) and realloc(NULL, n) are defined: not uses.
      if (std::find(Releasers.begin(), Releasers.end(), Name) != Releasers.end())
        return {};
      std::string Callee = FD ? Name : "a function pointer";
      return {Occurrence::Use, FD ? "passed to '" + Name + "'" : "passed to " + Callee};
    }
    return {};
  }
  return {};
}

/// The occurrences of the storage \p Var / \p Lhs in \p Body, in source order.
std::vector<const Expr *> occurrences(const Stmt *Body, const VarDecl *Var, const Expr *Lhs,
                                      const SourceManager &SM) {
  struct Collector : RecursiveASTVisitor<Collector> {
    const VarDecl *Var;
    const Expr *Lhs;
    std::vector<const Expr *> Out;
    bool VisitDeclRefExpr(DeclRefExpr *D) {
      if (Var && D->getDecl() == Var)
        Out.push_back(D);
      return true;
    }
    bool VisitMemberExpr(MemberExpr *M) {
      if (!Var && Lhs && heap::sameLvalue(M, Lhs))
        Out.push_back(M);
      return true;
    }
  } C;
  C.Var = Var;
  C.Lhs = Lhs;
  C.TraverseStmt(const_cast<Stmt *>(Body));
  std::stable_sort(C.Out.begin(), C.Out.end(), [&](const Expr *A, const Expr *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  });
  return C.Out;
}

} // namespace

UncheckedAllocationRule::UncheckedAllocationRule(const RuleInfo &I, RuleContext &C, Severity S,
                                                 RuleOptions O)
    : Rule(I, C, S, std::move(O)) {
  // Wrappers that abort on failure (xmalloc, g_malloc) need no check.
  std::vector<std::string> Checked = namesFrom(builtinTables().names("checked-allocators"),
                                               "checked-allocator-functions");
  for (const std::string &N : namesFrom(builtinTables().names("allocators"),
                                        "allocator-functions"))
    if (std::find(Checked.begin(), Checked.end(), N) == Checked.end())
      Allocators.push_back(N);
  Releasers = builtinTables().names("deallocators");
  Releasers.push_back("realloc");
}

RuleInfo UncheckedAllocationRule::info() {
  RuleInfo I;
  I.Id = "heap.unchecked-allocation";
  I.Title = "Result of an allocation used before any null check";
  I.Cwe = {690, 476};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale = "malloc, calloc, realloc and strdup return NULL when memory runs out (or when "
                "a size limit is hit). Writing through that pointer is a null dereference: a "
                "crash at best, and on some platforms or with a large offset a write to "
                "mapped memory. The first use of the result must come after a check.";
  I.RustAlternative = "`Box::new`, `Vec::with_capacity` and `String::from` never return null "
                      "(they abort on out-of-memory); fallible allocation is "
                      "`Vec::try_reserve`, whose `Result` must be handled before the memory "
                      "can be used, and a nullable pointer is an `Option<Box<T>>`.";
  I.Precision = "medium";
  I.BuildsOn = "source order of uses within the function (not a CFG)";
  I.Options = {
      {"allocator-functions", "Extra functions that return heap memory or NULL on failure."},
      {"checked-allocator-functions",
       "Extra allocation wrappers that never return NULL (they abort); not flagged."}};
  return I;
}

void UncheckedAllocationRule::registerMatchers(MatchFinder &Finder) {
  // A call to an allocator that may return NULL.
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(refsOf(Allocators))).bind("fn")),
                             unless(isInTemplateInstantiation()))
                        .bind("call"),
                    this);
}

void UncheckedAllocationRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  const SourceManager &SM = AST.getSourceManager();
  std::string Name = Fn->getName().str();
  heap::Storage S = heap::storedInto(Call, AST);
  const Expr *Value = S.Outermost;
  if (S.Lhs)
    Value = cast<Expr>(parentStmt(S.Outermost, AST)); // the assignment
  Classified Direct = classify(Value, AST, Releasers);
  // `if (!(p = malloc(n)))`, `if ((p = malloc(n)) == NULL)`.
  if (Direct.Kind == Occurrence::NullCheck)
    return;
  // The result used at once: `memset(malloc(n), 0, n)`.
  if (!S.Var && !S.Lhs) {
    if (Direct.Kind == Occurrence::Use)
      report(AST, Call->getBeginLoc(),
             "'" + Name + "' result is " + Direct.How + " without a null check");
    return;
  }
  const VarDecl *Var = S.var();
  const Expr *Lhs = S.Lhs ? S.Lhs->IgnoreParenImpCasts() : nullptr;
  if (!Var && !isa_and_nonnull<MemberExpr>(Lhs))
    return;
  const FunctionDecl *FD = context().enclosingFunction(AST, Call->getBeginLoc());
  if (!FD || !FD->getBody())
    return;
  std::string Target = Var ? Var->getNameAsString() : text(AST, Lhs);
  unsigned Line = SM.getExpansionLineNumber(Call->getBeginLoc());
  for (const Expr *O : occurrences(FD->getBody(), Var, Lhs, SM)) {
    if (!SM.isBeforeInTranslationUnit(Value->getEndLoc(), O->getBeginLoc()))
      continue;
    Classified C = classify(O, AST, Releasers);
    if (C.Kind == Occurrence::Unevaluated)
      continue;
    if (C.Kind == Occurrence::Use)
      report(AST, O->getBeginLoc(),
             "'" + Target + "' from '" + Name + "' at line " + std::to_string(Line) + " is " +
                 C.How + " before any null check");
    return;
  }
}

} // namespace carcinize
